
/// A Markdown page rendered to HTML, with what the site needs to know about it.
package struct RenderedMarkdown: Sendable, Equatable {
    /// The HTML fragment for the page body (no `<html>` or `<body>`).
    package var html: String
    /// The text of the first level-1 heading, if there is one.
    package var title: String?
    /// Every Markdown heading in document order: the data for a table of contents.
    /// Headings written as raw HTML are not included.
    package var headings: [MarkdownHeading]
    /// Every link and image destination in document order, with its source line.
    package var links: [MarkdownLink]
    /// All text of the page without markup, blocks separated by newlines: for a search index.
    package var plainText: String

    /// Creates a rendered page from its parts.
    package init(html: String, title: String?, headings: [MarkdownHeading], links: [MarkdownLink], plainText: String) {
        self.html = html
        self.title = title
        self.headings = headings
        self.links = links
        self.plainText = plainText
    }
}

/// A heading of a rendered page.
package struct MarkdownHeading: Sendable, Equatable {
    /// 1 for `#`, up to 6 for `######` (setext headings are 1 and 2).
    package var level: Int
    /// The heading's text without markup.
    package var text: String
    /// The heading's `id`: a GitHub-style slug, unique within the page.
    package var anchor: String

    /// Creates a heading.
    package init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// The destination of a link or an image of a rendered page.
package struct MarkdownLink: Sendable, Equatable {
    /// The destination as written, after Markdown's backslash escapes and
    /// entities are resolved (reference links resolved to their definition's URL).
    /// It is not percent-encoded, and it is recorded even when safe mode
    /// drops it from the HTML (`javascript:` and the like).
    package var destination: String
    /// The 1-based source line where the link or image starts.
    package var line: Int
    /// Whether this is an image (`![alt](src)`) rather than a link.
    package var isImage: Bool

    /// Creates a link.
    package init(destination: String, line: Int, isImage: Bool = false) {
        self.destination = destination
        self.line = line
        self.isImage = isImage
    }
}
