/// Escaping of text for HTML.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, safe both
    /// as element content and inside a quoted attribute value.
    public static func escaped(_ text: String) -> String {
        let utf8 = text.utf8
        guard text.containsASCII(special) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            case UInt8(ascii: "'"): bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let special = ASCIISet("&<>\"'")
}
