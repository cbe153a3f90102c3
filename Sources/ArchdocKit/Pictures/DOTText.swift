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
        guard line.count > width else { return [line] }
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// One line escaped for an HTML-like label.
    static func escaped(_ line: String) -> String {
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

    /// A DOT double-quoted string, for attribute values that are not labels.
    static func quoted(_ text: String) -> String {
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
