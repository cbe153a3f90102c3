import Foundation
import TestSupport
import Testing

/// Every generated diagram must render with the real tools: PlantUML 1.2025.9
/// and Mermaid 11. `scripts/install-tools.sh` (run by `make test` and CI)
/// installs them and writes their paths to `.tools/env`.
@Suite(.serialized) struct RealToolTests {
    /// The examples, archdoc's own architecture, a fixture of hostile labels,
    /// and ``hostileCorpus``.
    static let architectures: [String] = {
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: ArchdocProcess.packageRoot.appendingPathComponent("architecture/examples").path)) ?? []
        return ["architecture", "Tests/Fixtures/hostile-labels", hostileCorpus] + examples.sorted().map { "architecture/examples/\($0)" }
    }()

    /// The name of ``HostileCorpus``'s architecture, written to a temporary folder for each test.
    static let hostileCorpus = "hostile-corpus"

    /// The folder of an architecture of ``architectures``.
    static func folder(of architecture: String) throws -> URL {
        architecture == hostileCorpus ? try HostileCorpus.write() : ArchdocProcess.packageRoot.appendingPathComponent(architecture)
    }

    @Test(arguments: architectures)
    func plantUMLRendersEveryView(architecture: String) throws {
        let jar = try Tools.path("PLANTUML_JAR")
        let output = try generate(architecture)
        let sources = try files(in: output, withExtension: "puml")
        #expect(!sources.isEmpty)
        let svgFolder = output.appendingPathComponent("plantuml-svg")
        let result = try Tools.run("/usr/bin/env", ["java", "-Djava.awt.headless=true", "-jar", jar, "-tsvg", "-failfast2", "-o", svgFolder.path] + sources.map(\.path))
        #expect(result.status == 0, "PlantUML failed on \(architecture): \(result.output)")
        for source in sources {
            let name = try String(contentsOf: source, encoding: .utf8).split(separator: "\n")[0].replacingOccurrences(of: "@startuml ", with: "")
            let svg = try String(contentsOf: svgFolder.appendingPathComponent("\(name).svg"), encoding: .utf8)
            // PlantUML draws some failures into the picture and still exits 0.
            for marker in ["An error has occured", "has crashed", "Syntax Error", "Cannot find", "cannot include"] {
                #expect(!svg.contains(marker), "\(architecture)/\(source.lastPathComponent): PlantUML drew \(marker.debugDescription)")
            }
            #expect(svg.contains("<svg"))
        }
    }

    @Test(arguments: architectures)
    func mermaidRendersEveryView(architecture: String) throws {
        let mermaid = try Tools.path("MERMAIDX")
        let output = try generate(architecture)
        let sources = try files(in: output, withExtension: "mmd")
        #expect(!sources.isEmpty)
        for source in sources {
            let svg = source.deletingPathExtension().appendingPathExtension("svg")
            let result = try Tools.run(mermaid, ["-i", source.path, "-o", svg.path])
            #expect(result.status == 0, "Mermaid failed on \(architecture)/\(source.lastPathComponent): \(result.output)")
            let text = try String(contentsOf: svg, encoding: .utf8)
            #expect(text.contains("<svg"))
            #expect(!text.contains("Syntax error"), "\(source.lastPathComponent): Mermaid drew a syntax error")
        }
    }

    private func generate(_ architecture: String) throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-real-\(UUID().uuidString)")
        let result = try ArchdocProcess.run(
            ["generate", "--quiet", "-a", try Self.folder(of: architecture).path, "-o", output.path, "--no-compose"])
        #expect(result.status == 0, "\(result.error)")
        return output
    }

    private func files(in folder: URL, withExtension ext: String) throws -> [URL] {
        let diagrams = folder.appendingPathComponent("diagrams")
        return try FileManager.default.contentsOfDirectory(atPath: diagrams.path).filter { $0.hasSuffix(".\(ext)") }.sorted()
            .map { diagrams.appendingPathComponent($0) }
    }
}

/// The real tools, found through the environment or `.tools/env`.
enum Tools {
    struct Missing: Error, CustomStringConvertible {
        var variable: String
        var description: String {
            "\(variable) is not set and .tools/env does not name it: run scripts/install-tools.sh (make test does) to install PlantUML, Mermaid and docker compose"
        }
    }

    static func path(_ variable: String) throws -> String {
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
        let file = ArchdocProcess.packageRoot.appendingPathComponent(".tools/env")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let assignment = line.replacingOccurrences(of: "export ", with: "")
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0] == variable {
                return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        throw Missing(variable: variable)
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-tool-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        if let environment { process.environment = environment }
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
