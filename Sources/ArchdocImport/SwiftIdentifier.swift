import ArchdocComposeFiles

/// Making readable, valid Swift identifiers from compose names.
///
/// ```swift
/// var names = SwiftIdentifiers()
/// names.make("db-migrator")     // "dbMigrator"
/// names.make("fastapi_server")  // "fastapiServer"
/// names.make("9lives")          // "service9lives"
/// names.make("default")         // "defaultService"
/// names.make("db_migrator")     // "dbMigrator2"
/// ```
package struct SwiftIdentifiers: Sendable {
    /// The identifiers handed out so far, and any reserved up front.
    package private(set) var used: Set<String>

    /// Creates a namer that never hands out one of `reserved`.
    package init(reserved: Set<String> = []) {
        used = reserved
    }

    /// A new identifier for `name`: camelCase, starting with a letter, not a
    /// keyword, and not handed out before (a number is appended if needed).
    package mutating func make(_ name: String) -> String {
        let base = Self.camelCase(name)
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = base + String(counter)
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// `name` as a camelCase Swift identifier, without regard to uniqueness:
    /// words are split at anything but ASCII letters and digits, the first is
    /// lower-cased, the others capitalised; a leading digit gets `service` in
    /// front and a keyword gets `Service` after it.
    package static func camelCase(_ name: String) -> String {
        let words = name.unicodeScalars
            .split { !$0.isASCIIAlphanumeric }
            .map { String(Substring($0)) }
        guard var first = words.first else { return "service" }
        // `API` → `api`, `fooBar` stays `fooBar`.
        first = first == first.uppercased() ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst()
        var identifier = first + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if let head = identifier.unicodeScalars.first, ("0"..."9").contains(head) {
            identifier = "service" + identifier
        }
        if keywords.contains(identifier) {
            identifier += "Service"
        }
        return identifier
    }

    /// Swift keywords, and contextual ones that read badly or need backticks
    /// as names of constants.
    package static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if",
        "in", "repeat", "return", "throw", "switch", "where", "while",
        "any", "as", "async", "await", "consume", "copy", "discard", "each", "false", "is", "macro", "nil", "package",
        "self", "some", "super", "throws", "true", "try", "actor", "get", "set", "willSet", "didSet",
        "lazy", "mutating", "nonmutating", "optional", "override", "required", "unowned", "weak", "convenience",
        "dynamic", "final", "indirect", "infix", "postfix", "prefix", "isolated", "sending", "then",
    ]
}
