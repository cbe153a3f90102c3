
/// A GitHub-flavoured pipe table found in the source lines of a paragraph.
///
/// Debian's libcmark is plain CommonMark, without cmark-gfm's table extension.
/// This is the small part of that extension archdoc needs, working on cmark's
/// tree rather than replacing its parser: cmark has already decided that the
/// lines form a paragraph (so code blocks, lists and the like never become
/// tables); this type only splits the paragraph's lines into cells. The cells'
/// content is rendered by cmark itself (see ``PipeTableRenderer``).
///
/// The rules, from the GFM spec: a header row, then a delimiter row with the
/// same number of cells, each `---`, `:--`, `--:` or `:-:` (any number of `-`);
/// then body rows until the paragraph ends. Leading and trailing pipes are
/// optional, but the header or delimiter row must contain a pipe. `\|` is a pipe
/// inside a cell (also inside code spans). Body rows with fewer cells are padded,
/// extra cells are dropped. Paragraph lines before the header row stay a
/// paragraph above the table, as on GitHub.
struct PipeTable: Equatable {
    /// A column's alignment from its delimiter cell.
    enum Alignment: Equatable {
        case none, left, center, right

        /// The `style` attribute for the column's cells, with its leading space.
        var styleAttribute: String {
            switch self {
            case .none: ""
            case .left: #" style="text-align:left""#
            case .center: #" style="text-align:center""#
            case .right: #" style="text-align:right""#
            }
        }
    }

    /// How many lines of the paragraph precede the header row.
    var leadingLineCount: Int
    /// One per column.
    var alignments: [Alignment]
    /// The Markdown of every cell, header row first, then each body row padded
    /// or cut to the header's width, with `\|` already turned into `|`: the
    /// bytes of cell `i` are `cellText[cellRanges[i]]`.
    var cellText: [UInt8]
    /// See ``cellText``.
    var cellRanges: [Range<Int>]

    /// The number of body rows.
    var bodyRowCount: Int { cellRanges.count / alignments.count - 1 }

    /// The table in `lines`, or `nil` when they are not a table.
    init?(lines: [ArraySlice<UInt8>]) {
        guard lines.count >= 2 else { return nil }
        for delimiterIndex in 1..<lines.count {
            let delimiterLine = lines[delimiterIndex]
            guard let alignments = Self.alignments(of: delimiterLine) else { continue }
            let headerLine = lines[delimiterIndex - 1]
            guard headerLine.contains(UInt8(ascii: "|")) || delimiterLine.contains(UInt8(ascii: "|")) else { continue }
            var text: [UInt8] = []
            var ranges: [Range<Int>] = []
            Self.appendCells(of: headerLine, to: &text, &ranges)
            guard ranges.count == alignments.count else { continue }
            for line in lines[(delimiterIndex + 1)...] {
                let rowStart = ranges.count
                Self.appendCells(of: line, to: &text, &ranges)
                let width = ranges.count - rowStart
                if width > alignments.count { ranges.removeLast(width - alignments.count) }
                for _ in width..<max(width, alignments.count) { ranges.append(text.endIndex..<text.endIndex) }
            }
            self.leadingLineCount = delimiterIndex - 1
            self.alignments = alignments
            self.cellText = text
            self.cellRanges = ranges
            return
        }
        return nil
    }

    /// The alignments of a delimiter row, or `nil` if `line` is not one.
    static func alignments(of line: ArraySlice<UInt8>) -> [Alignment]? {
        // A cheap rejection first: a delimiter row has only these bytes.
        for byte in line {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: " "), UInt8(ascii: "\t"): continue
            default: return nil
            }
        }
        var text: [UInt8] = []
        var ranges: [Range<Int>] = []
        appendCells(of: line, to: &text, &ranges)
        var alignments: [Alignment] = []
        for range in ranges {
            var dashes = text[range]
            let left = dashes.first == UInt8(ascii: ":")
            if left { dashes = dashes.dropFirst() }
            let right = dashes.last == UInt8(ascii: ":")
            if right { dashes = dashes.dropLast() }
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments.isEmpty ? nil : alignments
    }

    /// Appends the trimmed cells of a row, split at unescaped pipes, `\|`
    /// unescaped, to `text`, and their ranges in it to `ranges`.
    static func appendCells(of line: ArraySlice<UInt8>, to text: inout [UInt8], _ ranges: inout [Range<Int>]) {
        var content = trimmed(line)
        if content.first == UInt8(ascii: "|") { content = content.dropFirst() }
        var cellStart = content.startIndex
        var hasEscapedPipe = false
        var index = content.startIndex
        while index < content.endIndex {
            switch content[index] {
            case UInt8(ascii: "\\") where index + 1 < content.endIndex:
                if content[index + 1] == UInt8(ascii: "|") { hasEscapedPipe = true }
                index += 2
            case UInt8(ascii: "|"):
                appendCell(content[cellStart..<index], unescapingPipes: hasEscapedPipe, to: &text, &ranges)
                index += 1
                cellStart = index
                hasEscapedPipe = false
            default:
                index += 1
            }
        }
        // A trailing pipe ends the row rather than starting an empty cell.
        if cellStart < content.endIndex || content.last != UInt8(ascii: "|") {
            appendCell(content[cellStart...], unescapingPipes: hasEscapedPipe, to: &text, &ranges)
        }
    }

    private static func appendCell(_ cell: ArraySlice<UInt8>, unescapingPipes: Bool, to text: inout [UInt8], _ ranges: inout [Range<Int>]) {
        let start = text.endIndex
        let cell = trimmed(cell)
        if unescapingPipes {
            var index = cell.startIndex
            while index < cell.endIndex {
                let byte = cell[index]
                // `\|` is a literal pipe; any other escape stays for cmark.
                if byte == UInt8(ascii: "\\"), index + 1 < cell.endIndex {
                    if cell[index + 1] != UInt8(ascii: "|") { text.append(byte) }
                    text.append(cell[index + 1])
                    index += 2
                } else {
                    text.append(byte)
                    index += 1
                }
            }
        } else {
            text.append(contentsOf: cell)
        }
        ranges.append(start..<text.endIndex)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return bytes[start..<end]
    }
}
