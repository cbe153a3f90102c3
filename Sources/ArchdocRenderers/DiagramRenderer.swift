import ArchdocBasics
import ArchdocViews

/// Formats a ``DiagramView`` in one diagram language.
package protocol DiagramRenderer: Sendable {
    /// The file extension of the language, without the dot: `puml`, `mmd`.
    var fileExtension: String { get }
    /// The diagram source for a view. The same view always gives the same text.
    func render(_ view: DiagramView) -> String
}

/// Maps model ids to identifiers a diagram language accepts, one-to-one
/// within a view.
///
/// Ids such as `db-migrator` or `api.v2` are valid compose names but not valid
/// PlantUML aliases; characters outside `[A-Za-z0-9_]` become `_`, and when two
/// ids map to the same identifier the later one gets a numeric suffix.
package struct AliasTable {
    private var aliases: [String: String] = [:]
    private var taken: Set<String>
    private let reserved: Set<String>
    /// Every character of the reserved words, in both cases: an identifier
    /// with any other character cannot be one, and is not lowercased to check.
    private let reservedAlphabet: ASCIISet
    private static let identifierByte = ASCIISet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")

    /// Creates a table that avoids the language's reserved words, with room
    /// for `capacity` ids.
    package init(reserved: Set<String> = [], capacity: Int = 0) {
        self.reserved = reserved
        let words = reserved.joined()
        reservedAlphabet = ASCIISet(words.lowercased() + words.uppercased())
        taken = Set(minimumCapacity: capacity)
        aliases.reserveCapacity(capacity)
    }

    /// The identifier for an id, assigned on first use.
    package mutating func alias(for id: String) -> String {
        if let alias = aliases[id] { return alias }
        var base = id.utf8.allSatisfy(Self.identifierByte.contains) ? id
            : String(String.UnicodeScalarView(id.unicodeScalars.map { $0.isASCIIAlphanumeric || $0 == "_" ? $0 : "_" }))
        if base.isEmpty || base.utf8.first.map({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) == true { base = "_" + base }
        if !reserved.isEmpty, base.utf8.allSatisfy(reservedAlphabet.contains), reserved.contains(base.lowercased()) { base += "_" }
        var candidate = base
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(base)_\(counter)"
            counter += 1
        }
        taken.insert(candidate)
        aliases[id] = candidate
        return candidate
    }
}
