import ArchdocBasics
import ArchdocTemplates

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
        let text = text.withControlsNormalised
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

    /// The front matter's `title:` value: a YAML double-quoted scalar of one line.
    ///
    /// Mermaid draws the title as text but first sanitises it as HTML, and
    /// does not decode its entity codes there: `<script>` is dropped and `&`
    /// is shown as `&amp;`. So `<`, `>` and `&` are written as the look-alikes
    /// `‹`, `›` and `＆`, which every renderer shows as they are; line breaks
    /// and control characters become spaces (a title is one line).
    static func frontMatterTitle(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "<": result += "\u{2039}"
            case ">": result += "\u{203A}"
            case "&": result += "\u{FF06}"
            case _ where scalar.breaksOrHidesALine: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
