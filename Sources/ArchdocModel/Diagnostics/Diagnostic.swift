import ArchitectureDescription

/// A finding about the user's architecture, printed the way compilers and
/// swift-format print theirs: `file:line:column: error: [rule] message`.
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a finding is.
    package enum Severity: String, Hashable, Sendable, Comparable {
        case warning
        case error

        package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// How serious the finding is.
    package var severity: Severity
    /// The rule that found it, such as `duplicate-id`.
    package var rule: String
    /// What is wrong and how to fix it.
    package var message: String
    /// Where it is, when the model knows.
    package var location: SourceLocation?

    /// Creates a diagnostic.
    package init(_ severity: Severity, rule: String, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
    }

    package var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): [\(rule)] \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    package var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column, so output is stable.
    package func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element.location, rhs.element.location)
            if let l, let r, (l.file, l.line, l.column) != (r.file, r.line, r.column) {
                return (l.file, l.line, l.column) < (r.file, r.line, r.column)
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
