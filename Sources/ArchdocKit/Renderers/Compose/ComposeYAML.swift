import Yams

/// A YAML node; the DSL has a `Node` of its own (a deployment node).
typealias YAMLNode = Yams.Node

/// Building compose YAML node by node, with keys in the order given and
/// strings quoted whenever a YAML 1.1 reader could take them for something else.
///
/// Every scalar carries its tag (`str`, `int`, `bool`): an `.implicit` tag
/// makes Yams run its regular-expression resolver on each scalar as it
/// serialises, which cost more than building the whole file. The tags are
/// never written: the emitter treats them as implied by the style.
enum ComposeYAML {
    static func mapping(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
        .mapping(YAMLNode.Mapping(pairs.map { (YAMLNode($0.0, Tag(.str)), $0.1) }, .implicit, .block))
    }

    static var emptyMapping: YAMLNode { .mapping(YAMLNode.Mapping([(YAMLNode, YAMLNode)](), .implicit, .flow)) }

    static func sequence(_ nodes: [YAMLNode]) -> YAMLNode {
        .sequence(YAMLNode.Sequence(nodes, .implicit, .block))
    }

    /// A string, plain when that is unambiguous, otherwise double-quoted.
    static func string(_ value: String) -> YAMLNode {
        isSafePlain(value) ? .scalar(YAMLNode.Scalar(value, Tag(.str), .plain)) : quoted(value)
    }

    /// A string, always double-quoted (ports, which YAML 1.1 reads as base-60 numbers).
    static func quoted(_ value: String) -> YAMLNode {
        .scalar(YAMLNode.Scalar(value, Tag(.str), .doubleQuoted))
    }

    static func integer(_ value: Int) -> YAMLNode {
        .scalar(YAMLNode.Scalar(String(value), Tag(.int), .plain))
    }

    static func boolean(_ value: Bool) -> YAMLNode {
        .scalar(YAMLNode.Scalar(value ? "true" : "false", Tag(.bool), .plain))
    }

    static func serialize(_ node: YAMLNode) -> String {
        // Serialising a node tree we built cannot fail; an empty file would be caught by every test.
        (try? Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)) ?? ""
    }

    /// Words YAML 1.1 reads as booleans or null.
    private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    private static func isSafePlain(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first.isASCIIAlphanumeric || first == "." || first == "/" || first == "_" else {
            return false
        }
        guard !reservedWords.contains(value.lowercased()), Int(value) == nil, Double(value) == nil else { return false }
        return value.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || "._/-".unicodeScalars.contains($0) }
            || value.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || "._/-: ".unicodeScalars.contains($0) } && !value.contains(": ") && !value.hasSuffix(":")
    }
}
