/// The lines of a page's UTF-8 source, numbered like cmark numbers them
/// (from 1; `\n`, `\r\n` and `\r` end a line), so that a node's source
/// positions can be mapped back to the text it came from.
struct SourceLines {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// `ranges[n - 1]` is line `n` without its line ending.
    private var ranges: [Range<Int>] = []

    /// Indexes the lines of `bytes`, which must outlive this value.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                ranges.append(start..<index)
                if byte == UInt8(ascii: "\r"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        if start < count { ranges.append(start..<count) }
    }

    /// Line `number` (1-based) without its line ending, or `nil` past the end.
    func line(_ number: Int) -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard number >= 1, number <= ranges.count else { return nil }
        return bytes[ranges[number - 1]]
    }

    /// Lines `first...last` of a block that starts at byte column `column`
    /// (1-based) of its first line, each cut at that column, or `nil` if a
    /// later line has something other than spaces, tabs and `>` (what list items
    /// and block quotes put there) before the column: a lazy continuation line.
    func blockLines(first: Int, last: Int, column: Int) -> [ArraySlice<UInt8>]? {
        guard first >= 1, last >= first, column >= 1 else { return nil }
        var lines: [ArraySlice<UInt8>] = []
        lines.reserveCapacity(last - first + 1)
        for number in first...last {
            guard let line = line(number) else { return nil }
            let cut = min(line.startIndex + column - 1, line.endIndex)
            if number > first {
                for byte in line[line.startIndex..<cut] where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: ">") {
                    return nil
                }
            }
            lines.append(ArraySlice(line[cut...]))
        }
        return lines
    }

    /// Whether one of lines `first...last` could be a table's delimiter row:
    /// after spaces, tabs and `>`, only `-`, `:`, `|`, spaces and tabs, with a
    /// `-`. A cheap test before ``blockLines(first:last:column:)`` copies them.
    func mayHoldDelimiterRow(first: Int, last: Int) -> Bool {
        guard first >= 1, last >= first else { return false }
        lines: for number in first...min(last, ranges.count) {
            var sawDash = false
            var inPrefix = true
            for byte in bytes[ranges[number - 1]] {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"): continue
                case UInt8(ascii: ">") where inPrefix: continue
                case UInt8(ascii: "-"): sawDash = true
                case UInt8(ascii: ":"), UInt8(ascii: "|"): break
                default: continue lines
                }
                inPrefix = false
            }
            if sawDash { return true }
        }
        return false
    }
}
