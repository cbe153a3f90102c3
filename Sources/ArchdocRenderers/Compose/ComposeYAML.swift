import ArchdocBasics
import Yams

/// A YAML node; the DSL has a `Node` of its own (a deployment node).
package typealias YAMLNode = Yams.Node

/// Building compose YAML node by node, with keys in the order given and
/// strings quoted whenever a YAML 1.1 reader could take them for something else.
///
/// Every scalar carries its tag (`str`, `int`, `bool`): an `.implicit` tag
/// makes Yams run its regular-expression resolver on each scalar as it
/// serialises, which cost more than building the whole file. The tags are
/// never written: the emitter treats them as implied by the style.
///
/// The tags are shared instances: each `Tag(_:)` (and `Tag.implicit`) builds
/// Yams' default constructor, a dictionary of a dozen closures, which was a
/// fifth of the compose renderer's time when every node made its own.
enum ComposeYAML {
    /// One instance per tag. `Tag` is a class that is not `Sendable`: Yams
    /// writes the resolved name into an `.implicit` or `!` tag as it emits it,
    /// and into `=` keys as it flattens a parsed mapping. These tags are all
    /// explicit and only emitted, so nothing ever writes them. (`map` and `seq`
    /// are never written out either: the emitter marks them implicit.)
    private enum Tags {
        nonisolated(unsafe) static let map = Tag(.map)
        nonisolated(unsafe) static let seq = Tag(.seq)
        nonisolated(unsafe) static let str = Tag(.str)
        nonisolated(unsafe) static let int = Tag(.int)
        nonisolated(unsafe) static let bool = Tag(.bool)
    }

    /// A `# ` comment line saying `text`: every line break and control
    /// character escaped (``Swift/String/onOneVisibleLine``), so a name can
    /// never end the comment and add keys to the file.
    static func comment(_ text: String) -> String {
        "# \(text.onOneVisibleLine)\n"
    }

    static func mapping(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
        .mapping(YAMLNode.Mapping(pairs.map { (YAMLNode($0.0, Tags.str), $0.1) }, Tags.map, .block))
    }

    static var emptyMapping: YAMLNode { .mapping(YAMLNode.Mapping([(YAMLNode, YAMLNode)](), Tags.map, .flow)) }

    static func sequence(_ nodes: [YAMLNode]) -> YAMLNode {
        .sequence(YAMLNode.Sequence(nodes, Tags.seq, .block))
    }

    /// A string, plain when that is unambiguous, otherwise double-quoted.
    static func string(_ value: String) -> YAMLNode {
        isSafePlain(value) ? .scalar(YAMLNode.Scalar(value, Tags.str, .plain)) : quoted(value)
    }

    /// A string, always double-quoted (ports, which YAML 1.1 reads as base-60 numbers).
    static func quoted(_ value: String) -> YAMLNode {
        .scalar(YAMLNode.Scalar(value, Tags.str, .doubleQuoted))
    }

    static func integer(_ value: Int) -> YAMLNode {
        .scalar(YAMLNode.Scalar(String(value), Tags.int, .plain))
    }

    static func boolean(_ value: Bool) -> YAMLNode {
        .scalar(YAMLNode.Scalar(value ? "true" : "false", Tags.bool, .plain))
    }

    static func serialize(_ node: YAMLNode) -> String {
        // Serialising a node tree we built cannot fail; an empty file would be caught by every test.
        (try? Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)) ?? ""
    }

    /// Words YAML 1.1 reads as booleans or null.
    private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    private static let plainFirst = ASCIISet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./_")
    private static let plainRest = ASCIISet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-: ")

    /// Whether a string can be written plain: it starts with a letter, digit,
    /// `.`, `/` or `_`, holds only those and `-`, `:` and spaces, has no `: `
    /// and no trailing `:`, and no YAML 1.1 reader takes it for a boolean,
    /// null or number. One pass over the bytes: this runs for every scalar.
    private static func isSafePlain(_ value: String) -> Bool {
        func scan(_ bytes: some Collection<UInt8>) -> Bool {
            guard let first = bytes.first, plainFirst.contains(first) else { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                guard plainRest.contains(byte), !(previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) else { return false }
                previous = byte
            }
            return previous != UInt8(ascii: ":")
        }
        guard value.utf8.withContiguousStorageIfAvailable(scan) ?? scan(value.utf8) else { return false }
        // Words and numbers are short or start with a digit or `.`; skip the costly checks otherwise.
        let first = value.utf8.first ?? 0
        let mayBeNumber = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: ".") || value.utf8.count <= 8
        guard mayBeNumber else { return true }
        return !reservedWords.contains(value.lowercased()) && Int(value) == nil && Double(value) == nil
    }
}
