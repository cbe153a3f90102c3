
/// Makes GitHub-style heading anchors, unique within one page.
///
/// A slug is the heading text lowercased, with each space turned into `-`, and
/// punctuation and symbols (emoji included) dropped except `-` and `_`; letters
/// and digits of every script are kept. A repeated slug gets `-1`, `-2`, … like
/// on GitHub (`a`, `a`, `a` → `a`, `a-1`, `a-2`). Text with nothing left
/// (`## !!!`) gets `section`.
package struct HeadingSlugger: Sendable {
    /// Every slug given out; for a heading's own slug, the last `N` tried.
    private var occurrences: [Key: Int] = [:]

    /// A slug with its hash, computed once. A long page (arc42 chapter 7 of
    /// 10,000 containers has 37,000 headings) probes the table many times:
    /// comparing the stored hashes first spares reading the slugs, scattered
    /// in memory, and hashing them again as the table grows.
    private struct Key: Hashable, Sendable {
        let slug: String
        let hash: Int

        init(_ slug: String) {
            self.slug = slug
            hash = slug.hashValue
        }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.hash == rhs.hash && lhs.slug == rhs.slug }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    /// A slugger for a new page.
    package init() {}

    /// The slug of `text`, not yet made unique.
    package static func slug(_ text: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): slug.append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): slug.append(byte)
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), 0x0B, 0x0C, UInt8(ascii: "\r"): slug.append(UInt8(ascii: "-"))
                default: break
                }
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter:
                slug += scalar.properties.lowercaseMapping.utf8
            case .lowercaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
                UTF8.encode(scalar) { slug.append($0) }
            case .spaceSeparator, .lineSeparator, .paragraphSeparator:
                slug.append(UInt8(ascii: "-"))
            default:
                break
            }
        }
        return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
    }

    /// The slug of `text`, with a `-N` suffix when an earlier heading of the
    /// page already has it.
    package mutating func uniqueSlug(for text: String) -> String {
        let original = Key(Self.slug(text))
        var result = original
        while occurrences[result] != nil {
            let count = occurrences[original, default: 0] + 1
            occurrences[original] = count
            result = Key("\(original.slug)-\(count)")
        }
        occurrences[result] = 0
        return result.slug
    }
}
