import Foundation

/// The files a kustomize folder is made of: its kustomization's resources,
/// followed into the folders they name (`../../base`), read with lines. A
/// finding in the rendered output points back into them: at the resource of
/// the same kind and name, and for replicas at the overlay's `replicas:` entry.
package struct KustomizeSources: Sendable {
    /// Every resource of the source files, kustomizations included.
    package var resources: [ManifestResource] = []
    /// The `replicas:` entries of the kustomizations, by name, the overlay's first.
    package var replicas: [String: (file: String, line: Int)] = [:]

    /// Reads the sources of the kustomize folder `directory`.
    package init(directory: String) throws(ManifestError) {
        var seen: Set<String> = []
        try read(directory, seen: &seen)
    }

    private mutating func read(_ directory: String, seen: inout Set<String>) throws(ManifestError) {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard seen.insert(folder).inserted else { return }
        guard let name = ["kustomization.yaml", "kustomization.yml", "Kustomization"].first(where: { FileManager.default.fileExists(atPath: "\(folder)/\($0)") }) else {
            throw ManifestError(path: directory, line: 1, column: 1, message: "has no kustomization.yaml; name a kustomize folder with -k, or manifest files with -f")
        }
        let path = "\(directory)/\(name)"
        let kustomization = try ManifestReader().read(contentsOf: path)
        for entry in kustomization.first?.content["replicas"]?.items ?? [] {
            if let target = entry["name"]?.string, replicas[target] == nil { replicas[target] = (path, entry["count"]?.line ?? entry.line) }
        }
        resources += kustomization
        for entry in (kustomization.first?.content["resources"]?.items ?? []).compactMap(\.string) {
            let target = Self.joined(directory, entry)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                try read(target, seen: &seen)
            } else {
                resources += try ManifestReader().read(contentsOf: target)
            }
        }
    }

    /// `a/b` + `../c` = `a/c`: paths as a user reads them, relative ones kept relative.
    static func joined(_ directory: String, _ entry: String) -> String {
        if entry.hasPrefix("/") { return entry }
        var parts = directory.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in entry.split(separator: "/").map(String.init) {
            switch part {
            case ".": continue
            case ".." where !parts.isEmpty && parts.last != ".." && parts.last != "": parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The source of a rendered resource: the one of the same kind and name.
    package func source(of resource: ManifestResource) -> ManifestResource? {
        resources.first { $0.kind == resource.kind && $0.name == resource.name }
    }
}
