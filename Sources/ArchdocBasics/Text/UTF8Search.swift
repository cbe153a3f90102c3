/// Exact, byte-for-byte search and rewriting of UTF-8 text, for the large
/// generated texts of the site (pages): Foundation's `range(of:)` and
/// `replacingOccurrences(of:with:)` bridge through NSString and UTF-16 and
/// cost more than rendering the Markdown itself.
///
/// Matching is on UTF-8 bytes with no Unicode normalisation, which is what
/// generated HTML needs: the needles are ASCII markup.
extension String {
    /// Whether the text contains `needle`'s bytes.
    package func containsUTF8(_ needle: [UInt8]) -> Bool {
        var copy = self
        return copy.withUTF8 { $0.firstRange(of: needle, from: 0) != nil }
    }

    /// Runs `body` over the text's bytes, appending the result to an output
    /// buffer, and returns that buffer as a string.
    package func transformingUTF8(_ body: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void) -> String {
        var copy = self
        return copy.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 16)
            body(bytes, &out)
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first occurrence of `needle` at or after `start`.
    package func firstRange(of needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= count else { return nil }
        var index = start
        let last = count - needle.count
        while index <= last {
            if self[index] == first {
                var matched = 1
                while matched < needle.count, self[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
