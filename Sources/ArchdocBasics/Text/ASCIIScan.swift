/// Fast checks over a string's UTF-8 bytes, so that escapers and alias tables
/// can return most texts unchanged without decoding them scalar by scalar.
/// Only ASCII is ever looked for: a UTF-8 byte of a non-ASCII character is
/// never below 0x80, so it cannot be mistaken for one.
package struct ASCIISet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// No characters.
    package static let empty = ASCIISet("")

    /// The set of the given ASCII characters.
    package init(_ characters: String) {
        for byte in characters.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    /// Whether a byte is one of the characters.
    package func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
}

extension String {
    /// Whether any byte of the text is in `special`, or any byte in
    /// `doubled` follows itself (`**`, `//`).
    package func containsASCII(_ special: ASCIISet, orDoubled doubled: ASCIISet = .empty) -> Bool {
        func scan(_ bytes: some Sequence<UInt8>) -> Bool {
            var previous: UInt8 = 0
            for byte in bytes {
                if special.contains(byte) || byte == previous && doubled.contains(byte) { return true }
                previous = byte
            }
            return false
        }
        // Native strings are contiguous UTF-8: scan the buffer, not the iterator.
        return utf8.withContiguousStorageIfAvailable(scan) ?? scan(utf8)
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is an ASCII letter or digit (identifiers, aliases, safe shell words).
    package var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
