@testable import ArchdocLoading
import ArchdocModel
import Foundation
import Testing

/// A main.swift of declarations is compiled as a library with an entry point
/// that runs its constants in order; anything else stays a script.
@Suite struct LibraryModeTests {
    @Test func theEntryPointTouchesEveryConstantInOrder() throws {
        let entry = try #require(LibraryMode.entryFile(forMain: """
            import ArchitectureDescription
            let api = Container("api", "API")
            func helper() -> Int { 1 }
            let `default` = Container("default", "Default")
            let architecture = Architecture("A") { SoftwareSystem("s", "S") { api; `default` } }
            """))
        #expect(entry.contains("@main enum __ArchdocEntryPoint"))
        let touched = entry.split(separator: "\n").filter { $0.contains("_ = ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(touched == ["_ = api", "_ = `default`", "_ = architecture"])
    }

    /// A builder-marked computed variable (a part of a split architecture) is
    /// no state: it runs when it is read, so it is neither touched by the entry
    /// point nor held to the order of the file.
    @Test func aComputedPartIsNoState() throws {
        let source = """
            import ArchitectureDescription
            @ContainerListBuilder var parts: [Container] { api }
            let api = Container("api", "API")
            let architecture = Architecture("A") { SoftwareSystem("s", "S") { parts } }
            """
        let entry = try #require(LibraryMode.entryFile(forMain: source))
        let touched = entry.split(separator: "\n").filter { $0.contains("_ = ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(touched == ["_ = api", "_ = architecture"])
        #expect(DeclarationOrder.earlyUses(in: source).isEmpty)
        #expect(LibraryMode.entryFile(forMain: "var parts: [Int] = [1]\nlet a = 1") == nil)
    }

    @Test func aScriptStaysAScript() {
        let statements = [
            "let a = Container(\"a\", \"A\")\nprint(a)",
            "var a = Container(\"a\", \"A\")",
            "let a: Container",
            "let a = 1\nfor i in 0..<2 { _ = i }",
            "func only() {}",
            "let (a, b) = (1, 2)",
        ]
        for source in statements {
            #expect(LibraryMode.entryFile(forMain: source) == nil, "\(source)")
        }
        #expect(LibraryMode.needsScriptMode("error: let 'f' is not concurrency-safe because non-'Sendable' type"))
        #expect(!LibraryMode.needsScriptMode("error: cannot convert value of type 'String'"))
    }

    /// Library mode, script mode and a script-only file all give the model a script gives.
    @Test func libraryAndScriptModeWriteTheSameModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-library-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try BuilderChunkingTests.source(containers: 40).write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        func load(_ mode: String) throws -> ArchitectureModel {
            var environment = ProcessInfo.processInfo.environment
            environment["ARCHDOC_CACHE_DIR"] = folder.appendingPathComponent("cache-\(mode)").path
            if mode == "script" { environment["ARCHDOC_SCRIPT_MODE"] = "1" }
            return try ArchitectureLoader(environment: environment).load(from: folder.path).model
        }
        let library = try load("library"), script = try load("script")
        #expect(library.architecture == script.architecture)
        #expect(library.architecture.relationships.count == 41)

        // A constant of a type that is not Sendable is an error in a library's
        // globals: archdoc compiles that file as the script it is, and it loads.
        let nonSendable = """
            import ArchitectureDescription
            final class Counter { var value = 0 }
            let counter = Counter()
            let api = Container("api", "API")
            let architecture = Architecture("A") { SoftwareSystem("s", "S") { api } }
            """
        try nonSendable.write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        #expect(LibraryMode.entryFile(forMain: nonSendable) != nil)
        #expect(try load("fallback").architecture.softwareSystems.first?.containers.map(\.id) == ["api"])
    }
}
