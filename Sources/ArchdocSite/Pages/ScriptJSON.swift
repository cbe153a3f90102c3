
/// JSON written straight into a script's bytes, for the site's search index
/// and navigation: arrays of objects with string fields, nothing else.
/// `JSONEncoder` took about 9 ms, on one core, for the index of a 1,000-page
/// site; this writes the same text (keys in the order given, which callers
/// keep sorted; `/` unescaped) in a fraction of that.
///
/// The text is safe inside `<script>`: `</` is written `<\/`, which JSON
/// reads as `</` and which cannot end the script early.
struct ScriptJSON {
    private(set) var bytes: [UInt8] = []

    /// Starts with `prefix`, such as `window.NAME = `.
    init(prefix: String = "", capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
        bytes.append(contentsOf: prefix.utf8)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends punctuation or any other text that is already JSON.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `{"key":"value",…}` with the fields in the order given.
    mutating func object(_ fields: KeyValuePairs<StaticString, String>) {
        raw("{")
        for (index, field) in fields.enumerated() {
            if index > 0 { raw(",") }
            raw("\"")
            raw(field.key)
            raw("\":")
            string(field.value)
        }
        raw("}")
    }

    /// Appends `text` as a JSON string literal.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: $0) }
    }

    /// Appends the runs of bytes that need no escape whole, and escapes the rest.
    private mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                || byte == UInt8(ascii: "/") && index > 0 && text[index - 1] == UInt8(ascii: "<") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "/"): raw("\\/")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            default:
                raw("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
