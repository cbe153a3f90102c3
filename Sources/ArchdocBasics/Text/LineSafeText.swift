extension Unicode.Scalar {
    /// Whether the scalar must not appear as it is in one line of generated
    /// source: it ends a line in some reader (`\n`, `\r`, NEL, U+2028, U+2029),
    /// is another C0 or C1 control or DEL, or reorders what a reader sees
    /// (the bidirectional controls behind "Trojan Source").
    package var breaksOrHidesALine: Bool {
        switch value {
        case 0x00..<0x20, 0x7F, 0x80..<0xA0: true
        case 0x2028, 0x2029: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension String {
    /// The text as one visible line: every scalar for which
    /// ``Unicode/Scalar/breaksOrHidesALine`` holds is written as an escape
    /// (`\n`, `\r`, `\t`, `\0`, else `\u{2028}`), so nothing after it can
    /// start a new line of the file it is written into. The base of every
    /// generated comment (Swift, YAML).
    package var onOneVisibleLine: String {
        guard unicodeScalars.contains(where: \.breaksOrHidesALine) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard scalar.breaksOrHidesALine else {
                result.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n".unicodeScalars
            case "\r": result += "\\r".unicodeScalars
            case "\t": result += "\\t".unicodeScalars
            case "\0": result += "\\0".unicodeScalars
            default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars
            }
        }
        return String(result)
    }
}

extension String {
    /// The text with the control characters no output language keeps made
    /// harmless: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, VT and FF become `\n`
    /// (they end a line in some reader: Java's, PlantUML's); other C0 and C1
    /// controls and DEL, which HTML forbids and diagram tools reject, become
    /// U+FFFD. Tab, `\n` and `\r` stay for each language's own escaping.
    /// The first step of every label escaper.
    package var withControlsNormalised: String {
        guard containsControlsToNormalise else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0B, 0x0C, 0x85, 0x2028, 0x2029: result.append("\n")
            case 0x09, 0x0A, 0x0D: result.append(scalar)
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether ``withControlsNormalised`` changes anything, from the UTF-8
    /// bytes alone: C0 controls but tab, LF and CR; DEL; C1 controls and NEL
    /// (`C2 80`–`C2 9F`); U+2028 and U+2029 (`E2 80 A8`, `E2 80 A9`). Exact, so
    /// that text with other non-ASCII characters (an en dash is `E2 80 93`),
    /// such as a whole diagram source, is not copied scalar by scalar.
    private var containsControlsToNormalise: Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case 0x09, 0x0A, 0x0D: break
                case ..<0x20, 0x7F: return true
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]): return true
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    return true
                default: break
                }
                index += 1
            }
            return false
        }
    }
}
