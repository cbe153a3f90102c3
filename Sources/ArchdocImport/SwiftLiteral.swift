import ArchdocBasics

/// Writing values as Swift source: string literals that read back as the same
/// string, and array and dictionary literals of them.
package enum SwiftLiteral {
    /// A Swift string literal whose value is `text`.
    ///
    /// Plain text stays plain (`"postgres:17"`). Text with backslashes or
    /// double quotes and no line breaks becomes a raw string, which reads like
    /// the original (`#"sh -c "echo \$HOME""#`). Anything else is escaped:
    /// `\\`, `\"`, `\n`, `\r`, `\t`, `\0` and `\u{…}` for other control
    /// characters. An interpolation such as `\(` never survives unescaped.
    /// Non-ASCII characters are kept as they are.
    package static func string(_ text: String) -> String {
        let hasControl = text.unicodeScalars.contains(where: isControl)
        // A raw string starting `#"""` would open a multi-line literal.
        if !hasControl, text.contains("\\") || text.contains("\""), !text.hasPrefix("\"\"") {
            return raw(text)
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            case _ where isControl(scalar):
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A `//` comment line saying `text`, with every line break and control
    /// character escaped (``Swift/String/onOneVisibleLine``): text from a
    /// compose file can never end the comment and become code.
    package static func comment(_ text: String, indent: String = "") -> String {
        "\(indent)// \(text.onOneVisibleLine)"
    }

    /// An array literal of string literals: `["a", "b"]`.
    package static func array(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ", ") + "]"
    }

    /// A dictionary literal of string literals in the given order: `["A": "1"]`,
    /// or `[:]` when empty.
    package static func dictionary(_ pairs: [(key: String, value: String)]) -> String {
        pairs.isEmpty ? "[:]" : "[" + pairs.map { "\(string($0.key)): \(string($0.value))" }.joined(separator: ", ") + "]"
    }

    /// A raw string delimited by as many `#` as needed so that neither its
    /// closing delimiter nor an escape (`\#…`) can occur inside.
    private static func raw(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) {
            hashes += "#"
        }
        return hashes + "\"" + text + "\"" + hashes
    }

    /// Characters that cannot appear literally in a single-line string literal,
    /// or would be invisible there.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.breaksOrHidesALine
    }
}
