import ArchdocBasics
import ArchdocTemplates
import ArchdocViews

/// Escaping of user text for Mermaid labels.
///
/// Labels are written in double quotes. Characters that Mermaid's grammar or
/// its HTML labels would interpret are written as Mermaid entity codes
/// (`#quot;`, `#lt;`, `#35;`), which Mermaid draws as the character itself;
/// a newline becomes `<br/>`.
enum MermaidText {
    /// The characters ``escaped(_:)`` rewrites.
    private static let special = ASCIISet("\r\n\"<>&#|`{}*_\\~")

    static func escaped(_ text: String) -> String {
        // Most names and descriptions need nothing: skip the scalar-by-scalar copy.
        guard text.containsASCII(special) else { return text }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\r":
                result += "<br/>".unicodeScalars
            case "\n":
                if previous != "\r" { result += "<br/>".unicodeScalars }
            case "\"": result += "#quot;".unicodeScalars
            case "<": result += "#lt;".unicodeScalars
            case ">": result += "#gt;".unicodeScalars
            case "&": result += "#amp;".unicodeScalars
            case "#", "|", "`", "{", "}", "*", "_", "\\", "~":
                result += "#\(scalar.value);".unicodeScalars
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A YAML double-quoted scalar, for the front-matter title.
    static func yamlQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
