import ArchdocBasics
import ArchdocGeneration
import ArchdocLoading
import Foundation
import TestSupport
import Testing

@Suite struct OutputWriterTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-writer-\(UUID().uuidString)").path

    @Test func writesOnlyChangedFilesAndLeavesNoTemporaries() throws {
        let writer = OutputWriter(root: root)
        let first = try writer.write([GeneratedFile(path: "diagrams/a.puml", contents: "a"), GeneratedFile(path: "b.mmd", contents: "b")])
        #expect(first.count(.created) == 2)
        let second = try writer.write([GeneratedFile(path: "diagrams/a.puml", contents: "a2"), GeneratedFile(path: "b.mmd", contents: "b")])
        #expect(second.count(.updated) == 1)
        #expect(second.count(.unchanged) == 1)
        #expect(try String(contentsOfFile: "\(root)/diagrams/a.puml", encoding: .utf8) == "a2")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func aTemporaryFileOfADeadWriterIsRemovedAndALiveOnesIsKept() throws {
        let folder = URL(fileURLWithPath: root).appendingPathComponent("diagrams")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dead = folder.appendingPathComponent(TemporaryOutputFile.name(for: "a.puml", pid: try EndedProcess.id()))
        let live = folder.appendingPathComponent(TemporaryOutputFile.name(for: "b.puml", pid: getppid()))
        let foreign = folder.appendingPathComponent(".notes.tmp")
        for url in [dead, live, foreign] { try Data("half".utf8).write(to: url) }
        _ = try OutputWriter(root: root).write([GeneratedFile(path: "diagrams/a.puml", contents: "a")])
        #expect(!FileManager.default.fileExists(atPath: dead.path), "the dead writer's file stays")
        #expect(FileManager.default.fileExists(atPath: live.path), "a live writer's file was removed")
        #expect(FileManager.default.fileExists(atPath: foreign.path), "a file that is not archdoc's was removed")
    }

    @Test(arguments: [
        (".a.puml.123.tmp", Int32(123)), (".index.html.9.tmp", 9), (".x.tmp", nil), ("a.puml.123.tmp", nil), (".a.puml.-1.tmp", nil), (".a.puml.b.tmp", nil),
    ] as [(String, Int32?)])
    func temporaryNamesCarryTheirWriter(name: String, pid: Int32?) {
        #expect(TemporaryOutputFile.writer(of: name) == pid)
    }

    @Test func absolutePathsAreNotJoinedToTheRoot() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-abs-\(UUID().uuidString)/x.mmd").path
        _ = try OutputWriter(root: root).write([GeneratedFile(path: elsewhere, contents: "x")])
        #expect(FileManager.default.fileExists(atPath: elsewhere))
        #expect(!FileManager.default.fileExists(atPath: root + elsewhere))
    }

    @Test func unchangedFileKeepsItsModificationDate() throws {
        let writer = OutputWriter(root: root)
        _ = try writer.write([GeneratedFile(path: "x.puml", contents: "x")])
        let path = "\(root)/x.puml"
        let past = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        _ = try writer.write([GeneratedFile(path: "x.puml", contents: "x")])
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(modified == past)
    }

    @Test func changeOfTheSameLengthIsAnUpdate() throws {
        let writer = OutputWriter(root: root)
        _ = try writer.write([GeneratedFile(path: "x.mmd", contents: "ab"), GeneratedFile(path: "empty.mmd", contents: "")])
        let second = try writer.write([GeneratedFile(path: "x.mmd", contents: "ba"), GeneratedFile(path: "empty.mmd", contents: "")])
        #expect(second.outcomes.map(\.outcome) == [.updated, .unchanged])
        #expect(try String(contentsOfFile: "\(root)/x.mmd", encoding: .utf8) == "ba")
    }

    /// Files are compared all at once, but written in order: a file that cannot
    /// be written stops the run, and the files after it are left untouched.
    @Test func writingStopsAtTheFirstFileThatCannotBeWritten() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: "\(root)/blocker", contents: Data())
        let files = [GeneratedFile(path: "a.puml", contents: "a"), GeneratedFile(path: "blocker/b.puml", contents: "b"), GeneratedFile(path: "c.puml", contents: "c")]
        #expect(throws: OutputWriter.WriteError.self) { try OutputWriter(root: root).write(files) }
        #expect(FileManager.default.fileExists(atPath: "\(root)/a.puml"))
        #expect(!FileManager.default.fileExists(atPath: "\(root)/c.puml"))
    }

    @Test func unwritableFolderIsAnErrorNamingThePath() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: "\(root)/blocker", contents: Data())
        #expect(throws: OutputWriter.WriteError.self) {
            try OutputWriter(root: "\(root)/blocker").write([GeneratedFile(path: "a.puml", contents: "a")])
        }
    }
}

@Suite struct ConcurrentLoadTests {
    /// Two loads of the same (uncached) architecture at once must both succeed.
    @Test func sameArchitectureLoadsConcurrently() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-concurrent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = "import ArchitectureDescription\nlet a = Person(\"a\", \"A \(UUID())\")\nlet architecture = Architecture(\"X\") { a }\n"
        try source.write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = folder.appendingPathComponent("cache").path
        let loader = ArchitectureLoader(environment: environment)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<3 {
                group.addTask { try loader.load(from: folder.path).model.architecture.name }
            }
            for try await name in group { #expect(name == "X") }
        }
    }
}
