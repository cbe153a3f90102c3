import ArchdocBasics
import ArchdocTemplates

/// Escaping of the model's plain text for CommonMark (and GitHub's pipe tables).
///
/// Every string from the model is plain text: names, descriptions, technologies,
/// commands. Before it reaches a template it goes through one of these functions,
/// so that no user text can start a list, a heading, emphasis, a link, raw HTML,
/// or an extra table column. Templates insert the results unchanged.
package enum MarkdownText {
    /// Plain text for running text and table cells: Markdown specials are
    /// backslash-escaped, line breaks become spaces, and characters that only
    /// matter at the start of a line are escaped there, so the result is safe
    /// anywhere on a line, including a table cell (`|` becomes `\|`).
    package static func inline(_ text: String) -> String {
        let flat = singleLine(text)
        // Most names and descriptions need no escape: one scan over the bytes says so.
        if !flat.containsASCII(specials), !mayStartBlock(flat) { return flat }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(flat.utf8.count + 8)
        var changed = false
        for byte in flat.utf8 {
            if specials.contains(byte) {
                bytes.append(UInt8(ascii: "\\"))
                changed = true
            }
            bytes.append(byte)
        }
        changed = escapeLineStart(&bytes) || changed
        return changed ? String(decoding: bytes, as: UTF8.self) : flat
    }

    /// Text as an inline code span, for commands, images, paths and ports.
    ///
    /// The fence is one backtick longer than the longest run of backticks in the
    /// text, line breaks become spaces, and in a table cell `|` becomes `\|`
    /// (GitHub's table parser splits cells before it reads code spans).
    /// Empty text gives an empty string.
    package static func code(_ text: String, inTable: Bool = false) -> String {
        var content = singleLine(text)
        guard !content.isEmpty else { return "" }
        if inTable, content.utf8.contains(UInt8(ascii: "|")) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(content.utf8.count + 4)
            for byte in content.utf8 {
                if byte == UInt8(ascii: "|") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            content = String(decoding: bytes, as: UTF8.self)
        }
        if !content.containsASCII(backtick) { return "`" + content + "`" }
        let run = longestRun(of: UInt8(ascii: "`"), in: content)
        let fence = String(repeating: "`", count: run + 1)
        let needsPadding = content.utf8.first == UInt8(ascii: "`") || content.utf8.last == UInt8(ascii: "`")
        return needsPadding ? "\(fence) \(content) \(fence)" : "\(fence)\(content)\(fence)"
    }

    /// A fence for a fenced code block that holds `text`: at least three
    /// backticks, and longer than any run of backticks in the text.
    package static func codeFence(for text: String) -> String {
        guard text.containsASCII(backtick) else { return "```" }
        return String(repeating: "`", count: max(3, longestRun(of: UInt8(ascii: "`"), in: text) + 1))
    }

    /// A link destination: a relative path in angle brackets when it contains
    /// spaces or parentheses, with `<`, `>` and line breaks escaped.
    package static func linkDestination(_ path: String) -> String {
        let flat = singleLine(path)
        guard flat.contains(where: { " ()<>\\".contains($0) }) else { return flat }
        var result = "<"
        for character in flat {
            if character == "<" || character == ">" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + ">"
    }

    /// A pipe table: a header row, a delimiter row and one row per entry.
    /// Cells must already be escaped (``inline(_:)``, ``code(_:inTable:)``).
    /// Every row has the header's number of columns: a short row is padded with
    /// empty cells, a long one is cut.
    package static func table(header: [String], rows: [[String]]) -> String {
        var text = ""
        text.reserveCapacity((rows.count + 2) * header.count * 24)
        func line(_ cells: [String]) {
            text += "|"
            for index in header.indices {
                text += " "
                if index < cells.count { text += cells[index] }
                text += " |"
            }
        }
        line(header)
        text += "\n|"
        for _ in header { text += " --- |" }
        for row in rows {
            text += "\n"
            line(row)
        }
        return text
    }

    /// Line breaks (CR, LF, CRLF), tabs and other ASCII vertical space become
    /// single spaces; leading and trailing spaces are dropped.
    static func singleLine(_ text: String) -> String {
        let text = text.withControlsNormalised
        let utf8 = text.utf8
        let space = UInt8(ascii: " ")
        if !text.containsASCII(breaks), utf8.first != space, utf8.last != space { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var afterBreak = false
        for byte in utf8 {
            if breaks.contains(byte) {
                afterBreak = true
                continue
            }
            if afterBreak, let last = bytes.last, last != space { bytes.append(space) }
            afterBreak = false
            if byte == space, bytes.isEmpty { continue }
            bytes.append(byte)
        }
        while bytes.last == space { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ASCII vertical space and tabs, which ``singleLine(_:)`` turns into spaces.
    private static let breaks = ASCIISet("\t\n\u{0B}\u{0C}\r")
    private static let backtick = ASCIISet("`")
    /// The ASCII characters that can start or end Markdown inline syntax.
    private static let specials = ASCIISet("\\`*_[]<>|~#&!")

    /// Whether ``escapeLineStart(_:)`` may have something to escape: the text
    /// starts with `-`, `+`, `=` or a digit (it then checks for `1.` or `1)`).
    private static func mayStartBlock(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    }

    /// Escapes what starts a block at the beginning of a line: a list marker
    /// (`-`, `+`, `1.`, `1)`) or a setext underline (`=`). Returns whether it
    /// changed the text.
    private static func escapeLineStart(_ bytes: inout [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") {
            bytes.insert(UInt8(ascii: "\\"), at: 0)
            return true
        }
        let digits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        if digits > 0, digits <= 9, digits < bytes.count, bytes[digits] == UInt8(ascii: ".") || bytes[digits] == UInt8(ascii: ")") {
            bytes.insert(UInt8(ascii: "\\"), at: digits)
            return true
        }
        return false
    }

    private static func longestRun(of byte: UInt8, in text: String) -> Int {
        var longest = 0, current = 0
        for each in text.utf8 {
            current = each == byte ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
