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
        // The common case, no such character: one pass over the bytes.
        guard utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else {
            return self
        }
        var result = String.UnicodeScalarView()
        var changed = false
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                result.append("\n")
                changed = true
            case 0x09, 0x0A, 0x0D:
                result.append(scalar)
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                result.append("\u{FFFD}")
                changed = true
            default:
                result.append(scalar)
            }
        }
        return changed ? String(result) : self
    }
}
