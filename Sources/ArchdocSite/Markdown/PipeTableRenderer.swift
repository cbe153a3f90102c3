internal import CCmark

/// A paragraph of the page that is a pipe table, waiting to be rendered.
struct PendingTable {
    /// The paragraph node in the page's tree.
    var paragraph: OpaquePointer
    /// The table its lines form.
    var table: PipeTable
    /// The paragraph's source lines, as given to ``PipeTable/init(lines:)``.
    var lines: [ArraySlice<UInt8>]
    /// The page line of `lines[0]`.
    var firstLine: Int
}

/// The text and links of a table put in place by ``PipeTableRenderer``.
struct RenderedTable {
    /// The plain text of its cells (and leading lines).
    var text: [UInt8]
    /// The links and images in its cells, on the page's lines.
    var links: [MarkdownLink]
}

/// Turns the ``PipeTable``s of a page into tables in the page's cmark tree,
/// letting cmark parse and render every cell.
///
/// All cells of all tables of the page go into one small Markdown document, one
/// paragraph per cell, which cmark parses once. Each cell's line starts with a
/// no-break space (U+00A0) so that cmark reads it as paragraph text whatever it
/// starts with (`#`, `-`, `1.`, `>`, `[x]: y` or `<div>` would start other
/// blocks); to cmark's inline parser that space is whitespace, like the start of
/// a line, and it is removed from the cell's first text node. Reference links in
/// cells resolve because the page's own source is appended after the cells
/// (only when a cell contains `[` and the page has a `]:`), so its definitions
/// are in that document too.
///
/// Each table paragraph of the page is then replaced by a custom block
/// (`<table><thead>` … `</table>`) holding one custom inline per cell (`<tr>`,
/// `<th>`/`<td>` with the column's alignment, and the closing tags) into which
/// the inline nodes of the cell's paragraph are moved, so cmark renders the
/// cells along with the rest of the page. Paragraph lines before the header
/// row are moved over as a paragraph of their own.
enum PipeTableRenderer {
    private static let noBreakSpace: [UInt8] = [0xC2, 0xA0]

    /// Puts the tables in place in the page's tree and returns their text and
    /// links, in the order given; `nil` for a table whose cells cmark did not
    /// read as expected, whose paragraph is left as it was.
    static func render(_ tables: [PendingTable], pageSource: UnsafeBufferPointer<UInt8>, parseFlags: Int32) -> [RenderedTable?] {
        // The cell document, and for each table the line each paragraph should start on.
        var document: [UInt8] = []
        var expectedLines: [[Int]] = []
        var nextLine = 1
        var mayUseReferences = false
        for pending in tables {
            var lines: [Int] = []
            let table = pending.table
            if table.leadingLineCount > 0 {
                lines.append(nextLine)
                for line in pending.lines[..<table.leadingLineCount] {
                    document += line
                    document.append(UInt8(ascii: "\n"))
                    mayUseReferences = mayUseReferences || line.contains(UInt8(ascii: "["))
                }
                document.append(UInt8(ascii: "\n"))
                nextLine += table.leadingLineCount + 1
            }
            for range in table.cellRanges {
                // One line per cell, then a blank line.
                lines.append(nextLine)
                document += noBreakSpace
                document += table.cellText[range]
                document += "\n\n".utf8
                nextLine += 2
            }
            mayUseReferences = mayUseReferences || table.cellText.contains(UInt8(ascii: "["))
            expectedLines.append(lines)
        }
        if mayUseReferences, mayDefineReferences(pageSource) {
            document.append(contentsOf: pageSource)
        }

        guard let root = Cmark.parse(document, flags: parseFlags) else { return tables.map { _ in nil } }
        // Frees whatever was not moved into the page.
        defer { cmark_node_free(root) }

        // Both the document's blocks and the expected lines are in order.
        var child = cmark_node_first_child(root)
        return zip(tables, expectedLines).map { pending, lines in
            var paragraphs: [OpaquePointer] = []
            paragraphs.reserveCapacity(lines.count)
            for line in lines {
                while let node = child, cmark_node_get_start_line(node) < line { child = cmark_node_next(node) }
                guard let node = child, cmark_node_get_start_line(node) == line, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { break }
                paragraphs.append(node)
            }
            guard paragraphs.count == lines.count else { return nil }
            return render(pending, paragraphs: paragraphs, firstDocumentLine: lines[0])
        }
    }

    /// One table, given its paragraphs in the cell document.
    private static func render(_ pending: PendingTable, paragraphs: [OpaquePointer], firstDocumentLine: Int) -> RenderedTable? {
        let table = pending.table
        var collector = MarkdownTextCollector()
        var cells = paragraphs[...]
        var leading: OpaquePointer?
        if table.leadingLineCount > 0 {
            leading = cells.removeFirst()
            collector.collectInlines(of: paragraphs[0]) { pending.firstLine + $0 - firstDocumentLine }
            collector.endBlock()
        }
        let headerLine = pending.firstLine + table.leadingLineCount
        for (index, cell) in cells.enumerated() {
            removeNoBreakSpace(cell)
            let row = index / table.alignments.count
            collector.separateWord()
            collector.collectInlines(of: cell) { _ in row == 0 ? headerLine : headerLine + 1 + row }
            if (index + 1) % table.alignments.count == 0 { collector.endBlock() }
        }

        guard let block = tableBlock(table, cells: cells) else { return nil }
        guard cmark_node_insert_before(pending.paragraph, block) == 1 else {
            cmark_node_free(block)
            return nil
        }
        if let leading, cmark_node_insert_before(block, leading) != 1 {
            cmark_node_free(block)
            return nil
        }
        cmark_node_free(pending.paragraph)
        return RenderedTable(text: collector.text, links: collector.links)
    }

    /// A detached custom block for the table whose cells' inline nodes are
    /// moved out of `cells`; the caller links or frees it.
    private static func tableBlock(_ table: PipeTable, cells: ArraySlice<OpaquePointer>) -> OpaquePointer? {
        let hasBody = table.bodyRowCount > 0
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
        cmark_node_set_on_enter(block, "<table>\n<thead>\n")
        cmark_node_set_on_exit(block, hasBody ? "</tbody>\n</table>" : "</table>")
        // The tags of each column's cells, as C strings made once per table.
        let last = table.alignments.count - 1
        let header = table.alignments.enumerated().map { column, alignment in
            (open: ((column == 0 ? "<tr>\n" : "") + "<th\(alignment.styleAttribute)>").utf8CString,
             close: ("</th>\n" + (column == last ? "</tr>\n</thead>\n" + (hasBody ? "<tbody>\n" : "") : "")).utf8CString)
        }
        let body = table.alignments.enumerated().map { column, alignment in
            (open: ((column == 0 ? "<tr>\n" : "") + "<td\(alignment.styleAttribute)>").utf8CString,
             close: ("</td>\n" + (column == last ? "</tr>\n" : "")).utf8CString)
        }
        for (index, cell) in cells.enumerated() {
            let tags = index < header.count ? header[index] : body[index % body.count]
            guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { break }
            tags.open.withUnsafeBufferPointer { _ = cmark_node_set_on_enter(inline, $0.baseAddress) }
            tags.close.withUnsafeBufferPointer { _ = cmark_node_set_on_exit(inline, $0.baseAddress) }
            guard cmark_node_append_child(block, inline) == 1 else {
                cmark_node_free(inline)
                break
            }
            while let child = cmark_node_first_child(cell) {
                guard cmark_node_append_child(inline, child) == 1 else { break }
            }
        }
        return block
    }

    /// Removes the no-break space that starts every cell's line.
    private static func removeNoBreakSpace(_ paragraph: OpaquePointer) {
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT else { return }
        let literal = Cmark.literal(of: first)
        guard literal.starts(with: noBreakSpace) else { return }
        if literal.count == noBreakSpace.count {
            cmark_node_free(first)
            return
        }
        // A copy, so that cmark never reads from the buffer it replaces.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: literal.count - noBreakSpace.count + 1) { copy in
            var index = 0
            for byte in literal.dropFirst(noBreakSpace.count) {
                copy[index] = CChar(bitPattern: byte)
                index += 1
            }
            copy[index] = 0
            cmark_node_set_literal(first, copy.baseAddress)
        }
    }

    /// Whether the page has a `]:`, as a reference definition does.
    static func mayDefineReferences(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let end = bytes.count - 1
        while index < end {
            if bytes[index] == UInt8(ascii: "]"), bytes[index + 1] == UInt8(ascii: ":") { return true }
            index += 1
        }
        return false
    }
}
