
/// How ``CommonMark/render(_:options:)`` turns Markdown into HTML.
///
/// The defaults are right for documentation that comes from a repository but
/// is shown in a browser: raw HTML is not passed through, headings get anchors
/// and GitHub-style pipe tables become HTML tables.
package struct MarkdownOptions: Sendable, Equatable {
    /// Whether raw HTML (blocks and inline tags) and `javascript:`, `vbscript:`,
    /// `file:` and most `data:` link destinations are passed through unchanged.
    ///
    /// When `false` (the default) cmark's safe mode applies: raw HTML becomes
    /// `<!-- raw HTML omitted -->` and dangerous URLs become empty `href`s.
    package var allowRawHTML: Bool
    /// Whether each heading gets an `id` and a self-link,
    /// `<h2 id="slug"><a class="anchor" href="#slug" aria-hidden="true">#</a>…</h2>`.
    ///
    /// The anchors in ``RenderedMarkdown/headings`` are computed either way.
    package var headingAnchors: Bool
    /// Whether paragraphs that are GitHub-style pipe tables become `<table>`s.
    package var tables: Bool
    /// Whether cmark's smart punctuation is on: curly quotes, `--` → en dash,
    /// `---` → em dash, `...` → ellipsis.
    package var smartPunctuation: Bool

    /// Creates options; every parameter has the safe default.
    package init(allowRawHTML: Bool = false, headingAnchors: Bool = true, tables: Bool = true, smartPunctuation: Bool = false) {
        self.allowRawHTML = allowRawHTML
        self.headingAnchors = headingAnchors
        self.tables = tables
        self.smartPunctuation = smartPunctuation
    }
}
