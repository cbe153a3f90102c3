internal import CCmark

/// Markdown to HTML with libcmark, the CommonMark reference implementation.
///
/// ```swift
/// let page = CommonMark.render("# Title\n\nSee [the API](api.md).")
/// page.html      // <h1 id="title"><a class="anchor" href="#title" aria-hidden="true">#</a>Title</h1> …
/// page.title     // "Title"
/// page.links     // [MarkdownLink(destination: "api.md", line: 3)]
/// ```
///
/// On top of CommonMark, archdoc adds heading anchors and GitHub-style pipe
/// tables, both by editing cmark's tree before cmark renders it (see
/// ``MarkdownOptions``). Everything else is cmark's own output. The renderer
/// has no state: calls on different threads are independent.
package enum CommonMark {
    /// Renders a Markdown page.
    package static func render(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var page = MarkdownPageRenderer(source: withoutByteOrderMark(bytes), options: options)
            return page.render()
        }
    }

    /// Renders a Markdown page read as bytes. Invalid UTF-8 is replaced by
    /// U+FFFD (�) rather than rejected.
    package static func render(utf8 bytes: some Collection<UInt8>, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        render(String(decoding: bytes, as: UTF8.self), options: options)
    }

    /// cmark skips a byte order mark itself, but the table pass slices source
    /// lines by cmark's columns, so both must see the same bytes.
    private static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }
}

extension MarkdownOptions {
    /// Flags for `cmark_parse_document`. Source positions are always recorded
    /// for blocks; `CMARK_OPT_SOURCEPOS` makes cmark track the lines of inline
    /// nodes (links) too. Smart punctuation happens while parsing.
    var cmarkParseFlags: Int32 {
        var flags = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SOURCEPOS
        if smartPunctuation { flags |= CMARK_OPT_SMART }
        return flags
    }

    /// Flags for `cmark_render_html`: without `CMARK_OPT_SOURCEPOS` (no
    /// `data-sourcepos` attributes); `CMARK_OPT_UNSAFE` only when raw HTML is allowed.
    var cmarkRenderFlags: Int32 {
        allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    }
}
