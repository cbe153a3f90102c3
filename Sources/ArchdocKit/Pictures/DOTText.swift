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
        // Most texts are one plain line: no splitting, and no escaping to do.
        if isPlain(text) {
            guard let width else { return text }
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

    /// Bytes that need ``escaped(_:)``: markup, and control characters
    /// (line breaks included). 0xEF may start U+FFFE or U+FFFF.
    private static let markup = ASCIISet("&<>\"")

    /// Whether a text has nothing to escape and no line break.
    private static func isPlain(_ text: String) -> Bool {
        !text.utf8.contains { $0 < 0x20 || $0 == 0xEF || markup.contains($0) }
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
