import Foundation
import TestSupport
import Testing

/// Every generated Markdown file must be valid CommonMark with well-formed
/// pipe tables, and no user text may reach it as raw HTML. Checked with the
/// real `cmark` (Debian's `cmark`, installed by `scripts/install-tools.sh`) on
/// the examples, archdoc's own architecture and a fixture of hostile labels.
@Suite(.serialized) struct CommonMarkTests {
    static let architectures: [String] = {
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: ArchdocProcess.packageRoot.appendingPathComponent("architecture/examples").path)) ?? []
        return ["architecture", "Tests/Fixtures/hostile-labels"] + examples.sorted().map { "architecture/examples/\($0)" }
    }()

    @Test(arguments: architectures)
    func everyMarkdownFileRendersWithCmark(architecture: String) throws {
        let cmark = try Self.cmark()
        let pages = try generatedMarkdown(architecture)
        #expect(pages.count == 12)
        for page in pages {
            let markdown = try String(contentsOf: page, encoding: .utf8)
            let result = try Tools.run(cmark, [page.path])
            #expect(result.status == 0, "cmark failed on \(architecture)/\(page.lastPathComponent): \(result.output)")
            #expect(!result.output.isEmpty)
            #expect(!result.output.contains("<script"), "\(architecture)/\(page.lastPathComponent): cmark's HTML contains <script")
            #expect(!result.output.contains("raw HTML omitted"), "\(architecture)/\(page.lastPathComponent): the Markdown contains raw HTML")
            for line in Self.unescapedHTML(in: markdown) {
                Issue.record("\(architecture)/\(page.lastPathComponent): unescaped HTML in the Markdown: \(line)")
            }
        }
    }

    @Test(arguments: architectures)
    func everyTableRowHasTheHeadersCells(architecture: String) throws {
        var tables = 0
        for page in try generatedMarkdown(architecture) {
            let markdown = try String(contentsOf: page, encoding: .utf8)
            for table in MarkdownTable.all(in: markdown) {
                tables += 1
                #expect(table.header.count > 1)
                for (index, row) in table.rows.enumerated() {
                    #expect(row.count == table.header.count,
                            "\(architecture)/\(page.lastPathComponent): row \(index + 1) of the table \(table.header) has \(row.count) cells: \(row)")
                }
            }
        }
        #expect(tables > 0)
    }

    @Test func hostileLabelsAreEscapedInTheMarkdownSource() throws {
        for page in try generatedMarkdown("Tests/Fixtures/hostile-labels") {
            let markdown = try String(contentsOf: page, encoding: .utf8)
            for line in MarkdownTable.linesOutsideFences(markdown) {
                var rest = Substring(line)
                while let found = rest.range(of: "<script") {
                    #expect(rest[..<found.lowerBound].last == "\\", "\(page.lastPathComponent): unescaped <script in: \(line)")
                    rest = rest[found.upperBound...]
                }
            }
        }
        let glossary = try String(contentsOf: try generatedMarkdown("Tests/Fixtures/hostile-labels").first { $0.lastPathComponent == "12-glossary.md" }!, encoding: .utf8)
        #expect(glossary.contains("\\<script\\>alert(1)\\</script\\>"))
    }

    // MARK: Helpers

    /// Generates an architecture into a temporary folder (run from another
    /// temporary folder, so that the compose file lands there too) and returns
    /// its arc42 chapters.
    private func generatedMarkdown(_ architecture: String) throws -> [URL] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let output = scratch.appendingPathComponent("site")
        let result = try ArchdocProcess.run(
            ["generate", "--quiet", "-a", ArchdocProcess.packageRoot.appendingPathComponent(architecture).path, "-o", output.path],
            in: scratch)
        #expect(result.status == 0, "\(result.error)")
        let folder = output.appendingPathComponent("arc42")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// The `cmark` command: `$CMARK`, or the first `cmark` on the `PATH`.
    static func cmark() throws -> String {
        if let path = ProcessInfo.processInfo.environment["CMARK"], !path.isEmpty { return path }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for folder in folders + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/cmark"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Tools.Missing(variable: "CMARK")
    }

    /// Lines outside code that contain a `<` starting an HTML tag without a
    /// backslash before it. Code spans are skipped: their text is literal.
    static func unescapedHTML(in markdown: String) -> [String] {
        MarkdownTable.linesOutsideFences(markdown).filter { line in
            var previous: Character?
            var inCode = 0
            var characters = Array(line)[...]
            while let character = characters.popFirst() {
                if character == "`", previous != "\\" {
                    var run = 1
                    while characters.first == "`" { characters = characters.dropFirst(); run += 1 }
                    inCode = inCode == 0 ? run : (inCode == run ? 0 : inCode)
                } else if inCode == 0, character == "<", previous != "\\",
                          let next = characters.first, next.isLetter || next == "/" || next == "!" || next == "?" {
                    // An autolink such as <http://localhost:80> is not HTML.
                    let tag = String(characters.prefix { $0 != ">" && $0 != " " })
                    if !(tag.hasPrefix("http://") || tag.hasPrefix("https://")) { return true }
                }
                previous = character
            }
            return false
        }
    }
}
