import ArchdocTemplates
internal import CCmark

/// Renders one page: parses it with cmark, walks cmark's tree once in document
/// order to collect headings, links, plain text and tables, edits the tree
/// (heading anchors, tables), then lets cmark render it. A long page is done
/// so section by section (see ``MarkdownSections``), each tree freed before
/// the next is parsed; what the walk collects runs on across the sections.
///
/// Headings: cmark writes `<hN>` itself and has no attributes to add, so each
/// Markdown heading node is replaced by a custom block whose custom inline
/// writes `<hN id="slug">` and the self-link, then the heading's own inline
/// nodes (moved, still rendered by cmark), then `</hN>`. Because the `id`s are
/// put on the nodes rather than found again in the HTML text, raw HTML cannot
/// shift or fake them: in safe mode it is omitted anyway, and with
/// ``MarkdownOptions/allowRawHTML`` a raw `<h2>` passes through as written,
/// without an `id` and not in ``RenderedMarkdown/headings``. (A raw element
/// whose `id` equals a generated slug is not detected.)
struct MarkdownPageRenderer {
    private let page: UnsafeBufferPointer<UInt8>
    private let options: MarkdownOptions
    private let sectionSize: Int
    private var collector = MarkdownTextCollector()
    private var slugger = HeadingSlugger()
    private var headings: [MarkdownHeading] = []

    // The section being rendered.
    private var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The page line of the section's line 0 (its first line is 1).
    private var lineOffset = 0
    private var headingNodes: [OpaquePointer] = []
    private var tables: [PendingTable] = []
    /// Where each table's text goes in the plain text.
    private var tableTextOffsets: [Int] = []
    /// Built the first time a paragraph might be a table.
    private var lines: SourceLines?
    private var sourceHasPipe: Bool?

    /// A renderer for `page`, cut into sections of about `sectionSize` bytes.
    init(source page: UnsafeBufferPointer<UInt8>, options: MarkdownOptions, sectionSize: Int = MarkdownSections.defaultSize) {
        self.page = page
        self.options = options
        self.sectionSize = sectionSize
    }

    mutating func render() -> RenderedMarkdown {
        var html = CmarkHTML()
        for section in MarkdownSections.split(page, size: sectionSize) {
            guard render(section, into: &html) else {
                return RenderedMarkdown(html: "", title: nil, headings: [], links: [], plainText: "")
            }
        }
        return RenderedMarkdown(
            html: html.joined(),
            title: headings.first { $0.level == 1 }?.text,
            headings: headings,
            links: collector.links,
            plainText: collector.plainText)
    }

    /// Parses, edits and renders one section; `false` if cmark could not parse it.
    private mutating func render(_ section: MarkdownSections.Section, into html: inout CmarkHTML) -> Bool {
        source = section.bytes
        lineOffset = section.firstLine - 1
        (headingNodes, tables, tableTextOffsets, lines, sourceHasPipe) = ([], [], [], nil, nil)
        guard let document = Cmark.parse(source, flags: options.cmarkParseFlags) else { return false }
        defer { cmark_node_free(document) }

        let firstHeading = headings.count
        walk(document)
        renderTables()
        if options.headingAnchors {
            for (node, heading) in zip(headingNodes, headings[firstHeading...]) {
                let anchor = HTMLText.escaped(heading.anchor)
                Cmark.replace(
                    heading: node,
                    open: ##"<h\##(heading.level) id="\##(anchor)"><a class="anchor" href="#\##(anchor)" aria-hidden="true">#</a>"##,
                    close: "</h\(heading.level)>")
            }
        }
        html.append(renderingHTMLOf: document, flags: options.cmarkRenderFlags)
        return true
    }

    /// One pass over the tree; it is edited only afterwards.
    private mutating func walk(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var headingText: [UInt8]?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                let literal = Cmark.literal(of: node)
                collector.append(literal)
                headingText?.append(contentsOf: literal)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                collector.appendSpace()
                headingText?.append(UInt8(ascii: " "))
            case CMARK_NODE_LINK where entering:
                collector.addLink(node, isImage: false, line: lineOffset + Int(cmark_node_get_start_line(node)))
            case CMARK_NODE_IMAGE where entering:
                collector.addLink(node, isImage: true, line: lineOffset + Int(cmark_node_get_start_line(node)))
            case CMARK_NODE_CODE_BLOCK:
                collector.endBlock()
                collector.append(Cmark.literal(of: node))
                collector.endBlock()
            case CMARK_NODE_HEADING:
                collector.endBlock()
                if entering {
                    headingText = []
                } else {
                    let text = String(decoding: headingText ?? [], as: UTF8.self)
                    headings.append(MarkdownHeading(level: Int(cmark_node_get_heading_level(node)), text: text, anchor: slugger.uniqueSlug(for: text)))
                    headingNodes.append(node)
                    headingText = nil
                }
            case CMARK_NODE_PARAGRAPH:
                collector.endBlock()
                if entering, options.tables, let table = pendingTable(node) {
                    tables.append(table)
                    tableTextOffsets.append(collector.text.count)
                    // Skip the paragraph's inline nodes: the table collects its own.
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                }
            default:
                break
            }
        }
    }

    /// The table a paragraph forms, or `nil` if it is not one.
    private mutating func pendingTable(_ paragraph: OpaquePointer) -> PendingTable? {
        let first = Int(cmark_node_get_start_line(paragraph))
        let last = Int(cmark_node_get_end_line(paragraph))
        guard last > first else { return nil }
        if sourceHasPipe == nil { sourceHasPipe = source.contains(UInt8(ascii: "|")) }
        guard sourceHasPipe == true else { return nil }
        if lines == nil { lines = SourceLines(source) }
        guard lines?.mayHoldDelimiterRow(first: first + 1, last: last) == true,
              let paragraphLines = lines?.blockLines(first: first, last: last, column: Int(cmark_node_get_start_column(paragraph))),
              let table = PipeTable(lines: paragraphLines) else { return nil }
        return PendingTable(paragraph: paragraph, table: table, lines: paragraphLines, firstLine: lineOffset + first)
    }

    /// Puts the tables found by the walk in place in the tree, and their text
    /// and links where the walk skipped them. A table cmark did not read as
    /// expected stays the paragraph it was.
    private mutating func renderTables() {
        guard !tables.isEmpty else { return }
        let rendered = PipeTableRenderer.render(tables, pageSource: source, parseFlags: options.cmarkParseFlags)
        let texts = tables.indices.map { index in
            rendered[index] ?? {
                var paragraph = MarkdownTextCollector()
                paragraph.collectInlines(of: tables[index].paragraph) { $0 }
                return RenderedTable(text: paragraph.text, links: paragraph.links)
            }()
        }
        collector.insert(zip(tableTextOffsets, texts).map { (offset: $0, bytes: $1.text) })
        collector.merge(texts.flatMap(\.links))
    }
}
