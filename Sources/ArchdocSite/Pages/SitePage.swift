import ArchitectureDescription

/// One HTML page of the site, before it is put into the layout.
package struct SitePage: Sendable {
    /// The navigation section a page belongs to.
    enum Section: String, Sendable, CaseIterable {
        case home = "Overview"
        case views = "Views"
        case arc42 = "arc42"
        case docs = "Pages"
    }

    /// The page's path inside the site, such as `arc42/07-deployment-view.html`.
    var path: String
    /// The title, for the navigation, the tab and search results.
    var title: String
    /// Where it appears in the navigation.
    var section: Section
    /// The page body.
    var content: String
    /// The headings, for the table of contents.
    var headings: [MarkdownHeading]
    /// All text, for search.
    var plainText: String
    /// The Markdown file it was rendered from, for link diagnostics.
    var source: String?
    /// Links in the Markdown, for checking.
    var links: [MarkdownLink]

    /// `../` once per folder level, to reach the site's root from this page.
    var root: String { String(repeating: "../", count: path.split(separator: "/").count - 1) }
}
