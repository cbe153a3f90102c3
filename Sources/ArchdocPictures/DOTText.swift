import ArchdocBasics
import ArchdocViews

/// User text for Graphviz: escaping for HTML-like labels and word wrapping.
///
/// Every piece of user text in a DOT file archdoc writes sits in an HTML-like
/// label (`label=<…>`), so `&`, `<`, `>` and `"` are written as entities and
/// come out of Graphviz as text, never as markup. Control characters, which
/// Graphviz's XML parser rejects, become spaces; a line break becomes `<BR/>`.
enum DOTText {
    /// The text escaped for an HTML-like label, on one line per explicit line
    /// break, each wrapped at word boundaries to about `width` characters.
    static func html(_ text: String, wrappingAt width: Int? = nil) -> String {
        // Most texts are one plain line of ASCII: no splitting, and no
        // escaping to do; wrapping them is cutting bytes at spaces.
        let kind = kind(of: text)
        if kind != .other {
            guard let width, text.utf8.count > width else { return text }
            if kind == .plainASCII { return wrappedASCII(text, width: width) }
            let lines = wrapped(text, width: width)
            return lines.count == 1 ? lines[0] : lines.joined(separator: "<BR/>")
        }
        let lines = self.lines(of: text).flatMap { line in width.map { wrapped(line, width: $0) } ?? [line] }
        return lines.map(escaped).joined(separator: "<BR/>")
    }

    /// The text split at `\n`, `\r\n` and `\r`.
    static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\r":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            case "\n":
                if previous != "\r" {
                    lines.append(String(current))
                    current = String.UnicodeScalarView()
                }
            default:
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    /// A line broken at spaces into lines of at most `width` characters; a
    /// word longer than that stays whole on its own line.
    static func wrapped(_ line: String, width: Int) -> [String] {
        // Characters are counted once per word, by bytes when the line is
        // ASCII (one character each: the line has no line breaks).
        let ascii = line.utf8.allSatisfy { $0 < 0x80 }
        func length(_ text: some StringProtocol) -> Int { ascii ? text.utf8.count : text.count }
        guard length(line) > width else { return [line] }
        var lines: [String] = []
        var current = ""
        var currentLength = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            let wordLength = length(word)
            if current.isEmpty {
                current = String(word)
                currentLength = wordLength
            } else if currentLength + 1 + wordLength <= width {
                current += " "
                current += word
                currentLength += 1 + wordLength
            } else {
                lines.append(current)
                current = String(word)
                currentLength = wordLength
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// `wrapped(_:width:)` of a plain ASCII line, joined by `<BR/>`, made on
    /// the bytes: the same lines, without a `String` per word.
    private static func wrappedASCII(_ line: String, width: Int) -> String {
        var line = line
        return line.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var lineStart = 0 // where the current output line starts in `out`
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: " ") { index += 1; continue }
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                let current = out.count - lineStart
                if current == 0 {
                    out.append(contentsOf: bytes[index..<end])
                } else if current + 1 + (end - index) <= width {
                    out.append(UInt8(ascii: " "))
                    out.append(contentsOf: bytes[index..<end])
                } else {
                    out.append(contentsOf: lineBreak)
                    lineStart = out.count
                    out.append(contentsOf: bytes[index..<end])
                }
                index = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static let lineBreak = Array("<BR/>".utf8)

    /// Bytes that need ``escaped(_:)``: markup, and control characters
    /// (line breaks included). 0xEF may start U+FFFE or U+FFFF.
    private static let markup = ASCIISet("&<>\"")

    /// What a text needs: nothing to escape and no line break, as ASCII or not; or more.
    private enum Kind { case plainASCII, plain, other }

    private static func kind(of text: String) -> Kind {
        func scan(_ bytes: some Sequence<UInt8>) -> Kind {
            var ascii = true
            for byte in bytes {
                if byte < 0x20 || byte == 0xEF || markup.contains(byte) { return .other }
                if byte >= 0x80 { ascii = false }
            }
            return ascii ? .plainASCII : .plain
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? scan(text.utf8)
    }

    /// Whether a text has nothing to escape and no line break.
    private static func isPlain(_ text: String) -> Bool {
        kind(of: text) != .other
    }

    /// One line escaped for an HTML-like label.
    static func escaped(_ line: String) -> String {
        guard !isPlain(line) else { return line }
        var result = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;".unicodeScalars
            case "<": result += "&lt;".unicodeScalars
            case ">": result += "&gt;".unicodeScalars
            case "\"": result += "&quot;".unicodeScalars
            case "\t": result.append(" ")
            // XML 1.0 allows neither C0 controls nor U+FFFE/U+FFFF.
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result.append(" ")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    private static let quotedSpecial = ASCIISet("\"\\\n\r")

    /// A DOT double-quoted string, for attribute values that are not labels.
    static func quoted(_ text: String) -> String {
        guard text.containsASCII(Self.quotedSpecial) else { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n", "\r": result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
