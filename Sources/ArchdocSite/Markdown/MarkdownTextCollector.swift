internal import CCmark

/// Gathers a page's plain text and link destinations while its cmark tree is walked.
struct MarkdownTextCollector {
    /// The plain text so far, as UTF-8.
    private(set) var text: [UInt8] = []
    /// The links and images so far.
    private(set) var links: [MarkdownLink] = []

    /// Appends raw UTF-8 text.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        text.append(contentsOf: bytes)
    }

    /// Appends a space (for line breaks).
    mutating func appendSpace() {
        text.append(UInt8(ascii: " "))
    }

    /// Appends a space unless the text is empty or ends in whitespace (between table cells).
    mutating func separateWord() {
        if let last = text.last, last != UInt8(ascii: " "), last != UInt8(ascii: "\n") { text.append(UInt8(ascii: " ")) }
    }

    /// Inserts pieces of text at byte offsets of the text so far (tables'
    /// text, each at its place), in one pass: a page can hold a thousand
    /// tables, and inserting them one by one would move the text after
    /// each of them every time. Only the text from the first offset on is
    /// moved, so a long page's sections each move only their own text.
    /// `pieces` are in order of their offsets.
    mutating func insert(_ pieces: [(offset: Int, bytes: [UInt8])]) {
        guard let first = pieces.first?.offset else { return }
        let tail = Array(text[first...])
        text.removeSubrange(first...)
        var copied = first
        for piece in pieces {
            text.append(contentsOf: tail[(copied - first)..<(piece.offset - first)])
            text.append(contentsOf: piece.bytes)
            copied = piece.offset
        }
        text.append(contentsOf: tail[(copied - first)...])
    }

    /// Merges links of a later pass (tables) into place: both lists are in
    /// document order and never share a line, so merging by line keeps that order.
    mutating func merge(_ other: [MarkdownLink]) {
        guard !other.isEmpty else { return }
        var merged: [MarkdownLink] = []
        merged.reserveCapacity(links.count + other.count)
        var (i, j) = (0, 0)
        while i < links.count || j < other.count {
            if j == other.count || (i < links.count && links[i].line <= other[j].line) {
                merged.append(links[i]); i += 1
            } else {
                merged.append(other[j]); j += 1
            }
        }
        links = merged
    }

    /// Ends a block of text with a newline, unless one is there already.
    mutating func endBlock() {
        if let last = text.last, last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
    }

    /// Records a link or image node; `line` maps cmark's line to the page's.
    mutating func addLink(_ node: OpaquePointer, isImage: Bool, line: Int) {
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        links.append(MarkdownLink(destination: destination, line: line, isImage: isImage))
    }

    /// Collects the text and links of the inline content under `node` (a
    /// paragraph); `line` maps cmark's line to the page's line.
    mutating func collectInlines(of node: OpaquePointer, line: (Int) -> Int) {
        // Depth first through the subtree, without allocating an iterator.
        var next = cmark_node_first_child(node)
        while let current = next {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                append(Cmark.literal(of: current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                appendSpace()
            case CMARK_NODE_LINK:
                addLink(current, isImage: false, line: line(Int(cmark_node_get_start_line(current))))
            case CMARK_NODE_IMAGE:
                addLink(current, isImage: true, line: line(Int(cmark_node_get_start_line(current))))
            default:
                break
            }
            if let child = cmark_node_first_child(current) {
                next = child
                continue
            }
            var ancestor = current
            next = nil
            while ancestor != node {
                if let sibling = cmark_node_next(ancestor) {
                    next = sibling
                    break
                }
                guard let parent = cmark_node_parent(ancestor) else { break }
                ancestor = parent
            }
        }
    }

    /// The plain text as a string, without a trailing newline.
    var plainText: String {
        var end = text.count
        while end > 0, text[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        return String(decoding: text[..<end], as: UTF8.self)
    }
}
