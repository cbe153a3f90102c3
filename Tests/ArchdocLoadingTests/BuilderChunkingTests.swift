@testable import ArchdocLoading
import ArchdocModel
import ArchitectureDescription
import Foundation
import Testing

/// Long builder blocks are compiled in chunks (see ``BuilderChunking``); the
/// program must mean exactly what the user wrote, at the places they wrote it.
@Suite struct BuilderChunkingTests {
    /// An architecture in the README's style with `count` containers: one
    /// `let` each, a system of all of them, relationships and a service per
    /// container inside the blocks, and per-profile settings.
    static func source(containers count: Int) -> String {
        var lines = ["import ArchitectureDescription", "", "let user = Person(\"user\", \"User\")"]
        for index in 0..<count {
            let kind = index % 5 == 4 ? ", kind: .database" : ""
            lines.append("let c\(index) = Container(\"c\(index)\", \"Container \(index)\"\(kind), technology: \"Swift\", description: \"Part \(index)\")")
        }
        lines += ["", "let architecture = Architecture(\"Chunks\") {", "    user", "    SoftwareSystem(\"s\", \"S\") {"]
        lines += (0..<count).map { "        c\($0)" }
        lines += ["    }", "    user.uses(c0, \"Uses\", technology: \"HTTPS\")  // a comment after a statement"]
        for index in 0..<count { lines.append("    c\(index).uses(c\((index + 1) % count), \"Calls\", technology: \"HTTP\")") }
        lines += ["    Deployment {", "        Profile(\"dev\", \"Development\")", "        Profile(\"prod\", \"Production\")"]
        for index in 0..<count {
            if index % 5 == 4 {
                lines.append("        Service(c\(index), image: \"postgres:17\", healthcheck: .command(\"pg_isready\"))")
            } else {
                lines.append("        Service(c\(index), image: \"app:\(index)\", ports: [\"\(9000 + index):80\"], dependsOn: [.healthy(c\(index / 5 * 5 + 4))])")
                lines.append("            .profile(\"prod\", command: \"serve\", replicas: 2)")
            }
        }
        lines += ["    }", "}", ""]
        return lines.joined(separator: "\n")
    }

    /// A file that starts with a declaration keeps the directive on a line of its own.
    @Test func theDirectiveTakesTheFirstLineOnlyWhenItCan() {
        let path = "/a/main.swift"
        #expect(BuilderChunking.withSourceLocation("// Acme\nlet a = 1\n", path: path) == "#sourceLocation(file: \"/a/main.swift\", line: 2)\nlet a = 1\n")
        #expect(BuilderChunking.withSourceLocation("\nlet a = 1", path: path) == "#sourceLocation(file: \"/a/main.swift\", line: 2)\nlet a = 1")
        #expect(BuilderChunking.withSourceLocation("let a = 1\n", path: path) == "#sourceLocation(file: \"/a/main.swift\", line: 1)\nlet a = 1\n")
        #expect(BuilderChunking.withSourceLocation("import A; let b = 1\n", path: path).hasPrefix("#sourceLocation(file: \"/a/main.swift\", line: 1)\nimport A;"))
    }

    @Test func shortBlocksAreCompiledAsWritten() {
        #expect(BuilderChunking.rewrite(Self.source(containers: 10), path: "/a/main.swift") == nil)
    }

    @Test func everyStatementKeepsItsLineAndColumn() throws {
        let original = Self.source(containers: 80)
        let rewritten = try #require(BuilderChunking.rewrite(original, path: "/a/main.swift"))
        let lines = rewritten.split(separator: "\n", omittingEmptySubsequences: false)
        let originalLines = original.split(separator: "\n", omittingEmptySubsequences: false)
        // The directive takes the import's line, which moves to the end: every
        // other line has the number the directive gives it, so the compiler's
        // excerpts and its line numbers agree.
        #expect(lines.first == "#sourceLocation(file: \"/a/main.swift\", line: 2)")
        #expect(lines.suffix(4) == ["#sourceLocation(file: \"/a/main.swift\", line: 1)", "import ArchitectureDescription", "#sourceLocation()", ""])
        #expect(lines.count == originalLines.count + 3)
        // Text is only ever added after a statement (or a block's `{`), so each
        // line starts as it did, and what follows it is one of the insertions.
        var chunks = 0
        for (index, line) in originalLines.enumerated() where index > 0 && index < originalLines.count - 1 {  // the last is the final newline
            let now = lines[index]
            #expect(now.hasPrefix(line), "line \(index + 1) moved: \(now)")
            let added = now.dropFirst(line.count)
            if !added.isEmpty {
                chunks += 1
                #expect(added.hasPrefix(" @ArchitectureDescription.") || added.hasPrefix(" }; "), "line \(index + 1): \(added)")
            }
        }
        #expect(chunks > 5)
        // The comment after a statement still comments nothing but itself.
        let commented = try #require(lines.first { $0.contains("// a comment after a statement") })
        #expect(commented.hasSuffix("// a comment after a statement"))
    }

    @Test func theChunkedProgramWritesTheSameModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-chunks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.source(containers: 60).write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)

        func load(chunking: Bool) throws -> ArchitectureModel {
            var environment = ProcessInfo.processInfo.environment
            environment["ARCHDOC_CACHE_DIR"] = folder.appendingPathComponent(chunking ? "cache-chunked" : "cache-plain").path
            if !chunking { environment["ARCHDOC_NO_CHUNKING"] = "1" }
            return try ArchitectureLoader(environment: environment).load(from: folder.path).model
        }
        let chunked = try load(chunking: true)
        let plain = try load(chunking: false)
        // Equal architectures include equal source locations: file, line and column of every statement.
        #expect(chunked.architecture == plain.architecture)
        #expect(chunked.architecture.relationships.count == 61)
        #expect(chunked.architecture.deployment?.allServices.count == 60)
        let last = try #require(chunked.architecture.relationships.last)
        #expect(last.location.file == folder.appendingPathComponent("main.swift").path)
    }

    /// The table names every DSL type whose initialiser takes a builder block.
    @Test func everyBuilderOfTheDSLIsKnown() throws {
        let dsl = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/ArchitectureDescription").standardizedFileURL
        let files = FileManager.default.enumerator(atPath: dsl.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        var found: Set<String> = []
        for file in files {
            let text = try String(contentsOf: dsl.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /@(\w+Builder) \w+: \(\) -> \[(\w+)\]/) {
                found.insert("\(match.1) \(match.2)")
            }
        }
        let known = Set(BuilderChunking.builders.values.map { "\($0.builder) \($0.element)" })
        #expect(!found.isEmpty)
        #expect(found == known)
    }
}
