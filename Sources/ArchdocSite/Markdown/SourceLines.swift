#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        var ranges: [Range<Int>] = []
        Self.forEachLine(in: bytes) { line in
            ranges.append(line)
            return true
        }
        self.ranges = ranges
    }

    /// Calls `body` with the byte range of each line of `bytes`, without its
    /// line ending, in order, while it returns `true`. Lines end as for cmark:
    /// at `\n`, `\r\n` or `\r`; a last line without an ending counts.
    static func forEachLine(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        // Most pages have no `\r`: their line ends are found with `memchr`.
        let hasCarriageReturn = memchr(base, Int32(UInt8(ascii: "\r")), count) != nil
        var start = 0
        while start < count {
            var end = start
            if hasCarriageReturn {
                while end < count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
            } else {
                end = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? count
            }
            guard body(start..<end) else { return }
            let crlf = end + 1 < count && bytes[end] == UInt8(ascii: "\r") && bytes[end + 1] == UInt8(ascii: "\n")
            start = end + (crlf ? 2 : 1)
        }
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
