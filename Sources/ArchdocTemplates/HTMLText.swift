import ArchdocBasics

/// Escaping of text for HTML.
package enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, safe both
    /// as element content and inside a quoted attribute value.
    package static func escaped(_ text: String) -> String {
        // HTML forbids C0 and C1 controls, even as character references.
        let text = text.withControlsNormalised
        guard text.containsASCII(special) else { return text }
        // The runs between special bytes are copied whole: a view page escapes
        // its diagram sources, hundreds of kilobytes at 1,000 containers.
        return text.transformingUTF8 { bytes, out in
            var runStart = 0
            for index in bytes.indices where special.contains(bytes[index]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch bytes[index] {
                case UInt8(ascii: "&"): out += "&amp;".utf8
                case UInt8(ascii: "<"): out += "&lt;".utf8
                case UInt8(ascii: ">"): out += "&gt;".utf8
                case UInt8(ascii: "\""): out += "&quot;".utf8
                default: out += "&#39;".utf8
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    private static let special = ASCIISet("&<>\"'")
}
