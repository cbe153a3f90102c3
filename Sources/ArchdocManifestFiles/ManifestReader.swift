import Foundation
import Yams

/// Reads Kubernetes manifests: every YAML document of each file, a `List`'s
/// items as resources of their own, each with its file and line.
package struct ManifestReader: Sendable {
    /// The largest file read, as for compose files.
    package static let sizeLimit = 4 * 1_024 * 1_024

    /// Creates a reader.
    package init() {}

    /// The resources of the file at `path`.
    package func read(contentsOf path: String) throws(ManifestError) -> [ManifestResource] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ManifestError(path: path, line: 1, column: 1, message: "cannot be read")
        }
        guard data.count <= Self.sizeLimit else {
            throw ManifestError(path: path, line: 1, column: 1, message: "is \(data.count) bytes, over the limit of \(Self.sizeLimit) bytes (4 MiB)")
        }
        guard !data.contains(0) else { throw ManifestError(path: path, line: 1, column: 1, message: "is binary (it holds a NUL byte), not YAML") }
        return try read(String(decoding: data, as: UTF8.self), path: path)
    }

    /// The resources of `text`, read as the file `path`.
    package func read(_ text: String, path: String) throws(ManifestError) -> [ManifestResource] {
        var resources: [ManifestResource] = []
        do {
            // The sequence stops at a document that does not parse, and keeps the error: it must be asked for.
            var documents = try Yams.compose_all(yaml: text)
            while let node = documents.next() {
                let value = Self.value(node)
                if case .scalar(let text, _) = value, text.isEmpty { continue }
                try collect(value, path: path, into: &resources)
            }
            if let error = documents.error { throw error }
        } catch let error as ManifestError {
            throw error
        } catch let error as YamlError {
            throw Self.error(error, path: path)
        } catch {
            throw ManifestError(path: path, line: 1, column: 1, message: "is not valid YAML: \(error)")
        }
        return resources
    }

    private func collect(_ value: ManifestValue, path: String, into resources: inout [ManifestResource]) throws(ManifestError) {
        guard case .mapping = value, let kind = value["kind"]?.string, value["apiVersion"]?.string != nil else {
            throw ManifestError(path: path, line: value.line, column: 1, message: "is not a Kubernetes resource: a document needs apiVersion and kind")
        }
        if kind == "List" || kind.hasSuffix("List") {
            for item in value["items"]?.items ?? [] { try collect(item, path: path, into: &resources) }
            return
        }
        // A kustomization names no resource of its own.
        guard let name = value["metadata"]?["name"]?.string ?? (["Kustomization", "Component"].contains(kind) ? "" : nil) else {
            throw ManifestError(path: path, line: value.line, column: 1, message: "has a \(kind) without metadata.name")
        }
        resources.append(ManifestResource(kind: kind, name: name, namespace: value["metadata"]?["namespace"]?.string, file: path, line: value.line, content: value))
    }

    static func value(_ node: Node) -> ManifestValue {
        let line = node.mark?.line ?? 1
        switch node {
        case .scalar(let scalar): return .scalar(scalar.string, line: line)
        case .mapping(let mapping): return .mapping(mapping.map { (key: $0.key.string ?? "", keyLine: $0.key.mark?.line ?? line, value: value($0.value)) }, line: line)
        case .sequence(let sequence): return .sequence(sequence.map(value), line: line)
        case .alias: return .scalar("", line: line)
        }
    }

    static func error(_ error: YamlError, path: String) -> ManifestError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ManifestError(path: path, line: mark.line, column: mark.column, message: "is not valid YAML: \(problem)")
        default:
            return ManifestError(path: path, line: 1, column: 1, message: "is not valid YAML: \(error)")
        }
    }
}
