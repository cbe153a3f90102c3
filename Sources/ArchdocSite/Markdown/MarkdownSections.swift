
/// Cuts a long Markdown page into sections that cmark can parse, render and
/// free one at a time, each giving the HTML the whole page would give there.
///
/// Why: cmark's tree of a large page (arc42 chapter 7 of 10,000 containers
/// is 7 MB of Markdown) is far larger than the processor's caches, and the
/// page is walked three times (to read it, to render it, to free it). In
/// sections of a few dozen kilobytes, each tree is still in cache when it is
/// walked again: chapter 7's page renders in three quarters of the time.
///
/// A section starts only where every block of the page is closed for sure: at
/// a line that is an ATX heading (`#` to `######` at column 0), which ends a
/// paragraph, a list and a block quote, and can only be hidden inside a fenced
/// code block started at column 0, which is followed to its end. Where that
/// cannot be known without parsing the page, no later line starts a section:
/// - from a line that may start an HTML block (`<` after up to 3 spaces),
///   which may end only at a blank line or a closing tag;
/// - from a fence indented 1 to 3 spaces, which may belong to a list item.
///
/// A page that may define a link reference (`]:` anywhere) stays whole: a
/// definition applies to the whole page.
struct MarkdownSections {
    /// A run of lines of the page.
    struct Section {
        /// The section's bytes, a slice of the page's.
        var bytes: UnsafeBufferPointer<UInt8>
        /// The page line of the section's first line (1-based, as cmark counts).
        var firstLine: Int
    }

    /// About the size of a section, in bytes: small enough that its tree
    /// stays in a core's cache, large enough that cmark's set-up per
    /// document does not count. Chosen by measurement (32 KiB was fastest of
    /// 8, 32, 128 and 512 KiB on chapter 7 of 10,000 containers).
    static let defaultSize = 32 * 1024

    /// The sections of `page`, in order; together they are the whole page.
    /// Each is at least `size` bytes unless it is the last.
    static func split(_ page: UnsafeBufferPointer<UInt8>, size: Int = defaultSize) -> [Section] {
        guard page.count > size, !PipeTableRenderer.mayDefineReferences(page) else { return [Section(bytes: page, firstLine: 1)] }
        var sections: [Section] = []
        var sectionStart = 0
        var sectionLine = 1
        var fence: Fence?
        var line = 0
        SourceLines.forEachLine(in: page) { range in
            line += 1
            let text = UnsafeBufferPointer(rebasing: page[range])
            if let open = fence {
                if open.isClosed(by: text) { fence = nil }
            } else if range.lowerBound - sectionStart >= size, isATXHeading(text) {
                sections.append(Section(bytes: UnsafeBufferPointer(rebasing: page[sectionStart..<range.lowerBound]), firstLine: sectionLine))
                sectionStart = range.lowerBound
                sectionLine = line
            } else if let opened = Fence(opening: text) {
                fence = opened
            } else if mayEndSplitting(text) {
                return false
            }
            return true
        }
        sections.append(Section(bytes: UnsafeBufferPointer(rebasing: page[sectionStart...]), firstLine: sectionLine))
        return sections
    }

    /// `#` to `######` at column 0, then a space, a tab or the end of the line.
    static func isATXHeading(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var hashes = 0
        while hashes < line.count, line[hashes] == UInt8(ascii: "#") { hashes += 1 }
        guard (1...6).contains(hashes) else { return false }
        return hashes == line.count || line[hashes] == UInt8(ascii: " ") || line[hashes] == UInt8(ascii: "\t")
    }

    /// Whether the line may start a block whose end this scan cannot find: an
    /// HTML block, or a fence that may be inside a list item.
    private static func mayEndSplitting(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let indent = leadingSpaces(line)
        guard indent <= 3, indent < line.count else { return false }
        if line[indent] == UInt8(ascii: "<") { return true }
        return indent > 0 && Fence(opening: UnsafeBufferPointer(rebasing: line[indent...])) != nil
    }

    private static func leadingSpaces(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        while count < line.count, line[count] == UInt8(ascii: " ") { count += 1 }
        return count
    }

    /// A fenced code block opened at column 0.
    private struct Fence {
        var character: UInt8
        var length: Int

        /// The fence a line at column 0 opens: three or more backticks or
        /// tildes; after backticks, an info string without a backtick.
        init?(opening line: UnsafeBufferPointer<UInt8>) {
            guard let first = line.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
            var length = 0
            while length < line.count, line[length] == first { length += 1 }
            guard length >= 3 else { return nil }
            if first == UInt8(ascii: "`"), line[length...].contains(UInt8(ascii: "`")) { return nil }
            (character, self.length) = (first, length)
        }

        /// Up to 3 spaces, at least as many of the same character, then only spaces and tabs.
        func isClosed(by line: UnsafeBufferPointer<UInt8>) -> Bool {
            let indent = MarkdownSections.leadingSpaces(line)
            guard indent <= 3 else { return false }
            var end = indent
            while end < line.count, line[end] == character { end += 1 }
            guard end - indent >= length else { return false }
            return line[end...].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }
    }
}
