/// A value of a manifest, with the line it is on: what drift compares and
/// where it points. Yams' nodes are read into this once, so that the
/// comparison needs no YAML library.
package indirect enum ManifestValue: Sendable, Equatable {
    case scalar(String, line: Int)
    case mapping([(key: String, keyLine: Int, value: ManifestValue)], line: Int)
    case sequence([ManifestValue], line: Int)

    package static func == (lhs: ManifestValue, rhs: ManifestValue) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a, _), .scalar(b, _)): a == b
        case let (.mapping(a, _), .mapping(b, _)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.sequence(a, _), .sequence(b, _)): a == b
        default: false
        }
    }

    /// The line the value starts on.
    package var line: Int {
        switch self {
        case .scalar(_, let line), .mapping(_, let line), .sequence(_, let line): line
        }
    }

    /// The value of a key of a mapping.
    package subscript(key: String) -> ManifestValue? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// The line of a key of a mapping (the key's own line).
    package func line(of key: String) -> Int? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.keyLine
    }

    /// A scalar's text.
    package var string: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// The items of a sequence; empty for anything else.
    package var items: [ManifestValue] {
        if case .sequence(let items, _) = self { return items }
        return []
    }

    /// The pairs of a mapping; empty for anything else.
    package var pairs: [(key: String, value: ManifestValue)] {
        if case .mapping(let pairs, _) = self { return pairs.map { ($0.key, $0.value) } }
        return []
    }
}

/// One resource of a manifest file: its kind and name, the file and line it
/// starts on, and its content.
package struct ManifestResource: Sendable {
    package var kind: String
    package var name: String
    package var namespace: String?
    package var file: String
    package var line: Int
    package var content: ManifestValue
}

/// A manifest file that cannot be read, with its place.
package struct ManifestError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var line: Int
    package var column: Int
    package var message: String

    package var description: String { "\(path):\(line):\(column): error: [manifest] \(message)" }
}
