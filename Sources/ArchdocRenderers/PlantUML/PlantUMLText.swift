import ArchdocBasics
import ArchdocTemplates

/// Escaping of user text for C4-PlantUML macro arguments.
///
/// PlantUML strings have no escape for `"`, and its preprocessor and Creole
/// markup give meaning to `<`, `>`, `$`, `%`, `\` and newlines. Such characters
/// are written as numeric character references (`&#34;`), which PlantUML
/// draws as the character itself; a newline becomes PlantUML's `\n`.
///
/// `$` and `\` are written as `<U+0024>` and `<U+005C>` instead: PlantUML
/// 1.2025 crashes on `&#36;` and `&#92;` (its entity decoder feeds them to a
/// regex replacement), while exiting 0. The real-tool tests catch such crashes.
///
/// Text over ``maximumLength`` characters is cut there and ends in `…`:
/// C4-PlantUML's macros loop over a label's words and lines, and PlantUML
/// stops a relationship's 10,000-character technology with "Infinite loop?".
/// The whole text stays in the arc42 chapters and the site.
enum PlantUMLText {
    /// The most characters of one label a diagram shows.
    static let maximumLength = 1_000

    /// The text as a double-quoted macro argument.
    static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// The text for a `title` line.
    static func title(_ text: String) -> String {
        escaped(text)
    }

    /// A tag name: tags are joined with `+`, so a `+` inside one is replaced.
    static func tagName(_ tag: String) -> String {
        String(tag.map { $0 == "+" ? "_" : $0 })
    }

    /// The characters ``escaped(_:)`` rewrites wherever they are.
    private static let special = ASCIISet("\r\n$\\\"<>%&")
    /// Characters that, doubled, start Creole markup.
    private static let creoleMarkup = ASCIISet("*_-/~=^\"")

    static func escaped(_ text: String) -> String {
        let text = shortened(text.withControlsNormalised)
        // Most names and descriptions need nothing: skip the scalar-by-scalar copy.
        guard text.containsASCII(special, orDoubled: creoleMarkup) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        result.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\r":
                result += "\\n".unicodeScalars
            case "\n":
                if index == 0 || scalars[index - 1] != "\r" { result += "\\n".unicodeScalars }
            case "$", "\\":
                result += "<U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))>".unicodeScalars
            case "\"", "<", ">", "%", "&":
                result += "&#\(scalar.value);".unicodeScalars
            case _ where next == scalar && scalar.isASCII && creoleMarkup.contains(UInt8(scalar.value)):
                // A doubled character starts Creole markup (`**bold**`, `//italic//`).
                result += "&#\(scalar.value);".unicodeScalars
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The text, or its first ``maximumLength`` − 1 characters and `…`.
    static func shortened(_ text: String) -> String {
        // A UTF-8 count within the limit is a character count within it: most labels stop here.
        guard text.utf8.count > maximumLength, text.count > maximumLength else { return text }
        return String(text.prefix(maximumLength - 1)) + "\u{2026}"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
