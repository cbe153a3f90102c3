import ArchdocRenderers
import Foundation
import Testing

/// Which links of a docs page the site reports as broken, and what the search
/// index holds of a page's text.
@Suite struct SiteLinkCheckTests {
    /// Each link on a line of its own, so that a diagnostic's line names the link.
    @Test func brokenLinksAreTheOnesThatMissAPageAFileOrAHeading() throws {
        let links = [
            "[ok](other.md)", "[ok](./other.md#part)", "[ok](other.md?plain=1#part)", "[ok](#links)",
            "[ok](../index.html)", "[ok](../arc42/07-deployment-view.md)", "[ok](https://example.com/x.md)",
            "[ok](mailto:team@example.com)", "[ok](//cdn.example.com/a.js)", "[ok](git+ssh:host/repo)",
            "[ok](guide/../other.md)",
            "[missing page](nothing.md)", "[missing anchor](other.md#nowhere)", "[missing here](#nowhere)",
            "[outside](../../../etc/passwd)", "[no scheme](:other.md)",
        ]
        let page = "# Links\n\n" + links.joined(separator: "\n\n") + "\n"
        let result = try SiteNavigationTests.generate(docs: ["links.md": page, "other.md": "# Other\n\n## Part\n"])
        let lines = Dictionary(uniqueKeysWithValues: links.enumerated().map { (3 + 2 * $0.offset, $0.element) })
        let broken = result.diagnostics.compactMap { diagnostic in
            diagnostic.location.flatMap { $0.file.hasSuffix("/links.md") && diagnostic.rule == "broken-link" ? lines[$0.line] : nil }
        }
        #expect(broken.sorted() == ["[missing anchor](other.md#nowhere)", "[missing here](#nowhere)", "[missing page](nothing.md)",
                                    "[no scheme](:other.md)", "[outside](../../../etc/passwd)"])
        let outside = try #require(result.diagnostics.first { $0.message.contains("etc/passwd") })
        #expect(outside.message.contains("leaves the site"))
    }

    /// The search index is a script: every character of a page's text comes
    /// back from its JSON, and no `</` can end the script early.
    @Test func searchIndexKeepsEveryCharacterAndCannotEndTheScript() throws {
        let nasty = "Quotes \"double\" and 'single', back\\slash, tab\there, </script><b>, a/b, 日本, émoji 🚀, bell \u{7}, \u{1F} end"
        let result = try SiteNavigationTests.generate(docs: ["nasty.md": "# Nasty\n\n```\n\(nasty)\n```\n"])
        let script = try #require(result.files.first { $0.path == "site/assets/search-index.js" }?.contents)
        let prefix = "window.ARCHDOC_SEARCH_INDEX = "
        #expect(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        #expect(!script.contains("</"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        struct Entry: Decodable { var title: String; var url: String; var text: String }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(json.utf8))
        let entry = try #require(entries.first { $0.url == "docs/nasty.html" })
        #expect(entry.title == "Nasty")
        #expect(entry.text.contains(nasty), "\(entry.text)")
    }
}
