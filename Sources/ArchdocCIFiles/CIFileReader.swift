import Foundation
import Yams

/// Reads a CI definition file by its platform: GitLab CI or GitHub Actions.
package enum CIFileReader {
    /// The platforms `check` can read.
    package enum Platform: Sendable {
        case gitLabCI
        case gitHubActions
    }

    /// Reads the file at `path` as a definition of `platform`.
    package static func read(contentsOf path: String, platform: Platform) throws(CIFileError) -> CIDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CIFileError(path: path, line: 1, message: "cannot be read")
        }
        return try read(String(decoding: data, as: UTF8.self), path: path, platform: platform)
    }

    /// Reads `text` as the file `path` of `platform`.
    package static func read(_ text: String, path: String, platform: Platform) throws(CIFileError) -> CIDefinition {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw CIFileError(path: path, line: 1, message: "is empty; it defines no jobs") }
            root = node
        } catch let error as CIFileError {
            throw error
        } catch let error as YamlError {
            throw CIFileError(path: path, line: Self.line(of: error), message: "is not valid YAML: \(error)")
        } catch {
            throw CIFileError(path: path, line: 1, message: "is not valid YAML: \(error)")
        }
        guard let mapping = root.mapping else { throw CIFileError(path: path, line: line(root), message: "is not a mapping of keys") }
        switch platform {
        case .gitLabCI: return GitLabCIReader(path: path).read(mapping, rootLine: line(root))
        case .gitHubActions: return try GitHubActionsReader(path: path).read(mapping, rootLine: line(root))
        }
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }
}

extension Node.Mapping {
    /// The value of a key, with the key's node.
    func entry(_ key: String) -> (key: Node, value: Node)? {
        first { $0.key.string == key }.map { ($0.key, $0.value) }
    }
}

extension Node {
    /// A scalar's text, or each scalar of a sequence.
    var strings: [String] {
        if let string { return [string] }
        return sequence?.compactMap(\.string) ?? []
    }
}
