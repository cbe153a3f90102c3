import ArchdocGeneration
import ArchdocModel
import ArchitectureDescription
import Foundation
import Testing

/// The sidebar is one shared script, so the site grows linearly with its pages.
@Suite struct SiteNavigationTests {
    static let model = ArchitectureModel(Architecture("Pages") {
        SoftwareSystem("app", "App", description: "The app") { Container("api", "API", technology: "Swift") }
    })

    /// Generates everything but pictures from ``model`` and a fresh docs
    /// folder holding `pages` (file name → Markdown).
    static func generate(docs pages: [String: String]) throws -> GenerationResult {
        let docs = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: docs) }
        for (name, text) in pages {
            try text.write(to: docs.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var generator = Generator(configuration: GeneratorConfiguration(templatesDirectory: "no-templates", docsDirectory: docs.path))
        generator.pictures = nil
        return try generator.generate(for: model)
    }

    /// Generates the site with `count` pages in a fresh docs folder.
    func site(pages count: Int) throws -> [String: String] {
        let pages = Dictionary(uniqueKeysWithValues: (0..<count).map { index in
            ("page-\(index).md", "# Page \(index)\n\nSee [the next page](page-\(index + 1).md).\n")
        })
        return Dictionary(uniqueKeysWithValues: try Self.generate(docs: pages).files.map { ($0.path, $0.contents) })
    }

    @Test func aPageDoesNotGrowWithTheSite() throws {
        let small = try site(pages: 3)
        let large = try site(pages: 300)
        let page = "site/docs/page-1.html"
        #expect(small[page] != nil)
        #expect(small[page] == large[page], "a page's HTML depends on how many other pages there are")
        #expect(large.count > 300)
    }

    @Test func navigationScriptListsEveryPageOnceBySection() throws {
        let files = try site(pages: 12)
        let script = try #require(files["site/assets/navigation.js"])
        let prefix = "window.ARCHDOC_NAVIGATION = "
        #expect(script.hasPrefix(prefix))
        let json = script.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: ";\n"))
        struct Section: Decodable { var title: String; var items: [Item] }
        struct Item: Decodable { var title: String; var url: String }
        let sections = try JSONDecoder().decode([Section].self, from: Data(json.utf8))
        #expect(sections.map(\.title) == ["Overview", "Views", "arc42", "Pages"])
        let urls = sections.flatMap(\.items).map(\.url)
        #expect(Set(urls).count == urls.count)
        let pages = Set(files.keys.filter { $0.hasSuffix(".html") }.map { String($0.dropFirst("site/".count)) })
        #expect(Set(urls) == pages)
        #expect(sections.last?.items.first { $0.url == "docs/page-3.html" }?.title == "Page 3")
    }

    @Test func everyPageLoadsTheNavigationAndNamesItsOwnPath() throws {
        let files = try site(pages: 2)
        let page = try #require(files["site/docs/page-0.html"])
        #expect(page.contains(#"data-path="docs/page-0.html""#))
        #expect(page.contains(#"<script src="../assets/navigation.js"></script>"#))
        #expect(page.contains(#"<nav class="sidebar" id="site-navigation""#))
    }

    /// Only relative links to `.md` files point at their `.html` pages; links
    /// before, between and after them, external or not, stay as written.
    @Test func markdownLinksAmongOthersAreRewritten() throws {
        let text = """
            # Links

            [site](https://example.com/a.md) [other](other.md#part) [image](pic.png) [same](#links) [again](other.md) [mail](mailto:x@example.com)
            """
        let files = try Self.generate(docs: ["links.md": text, "other.md": "# Other\n\n## Part\n"]).files
        let page = try #require(files.first { $0.path == "site/docs/links.html" }?.contents)
        let hrefs = page.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(hrefs.contains("https://example.com/a.md"))
        #expect(hrefs.contains("other.html#part"))
        #expect(hrefs.contains("pic.png"))
        #expect(hrefs.contains("#links"))
        #expect(hrefs.contains("other.html"))
        #expect(hrefs.contains("mailto:x@example.com"))
        #expect(!hrefs.contains { $0.hasSuffix(".md") && !$0.hasPrefix("https:") })
    }
}
