import Foundation

/// Maps a request path to a file inside the site folder, refusing anything
/// that could leave it: `..` segments (encoded or not), NUL bytes, backslashes,
/// and symbolic links that point outside. Hidden files (a segment starting
/// with `.`) are never served: the site has none, and the output writer's
/// temporary files (`.<name>.<pid>.tmp`) are hidden.
struct SitePath {
    /// The site folder, with symbolic links resolved.
    let root: URL

    init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The file to serve for a request path, or `nil` for a 404.
    func file(for requestPath: String) -> URL? {
        guard let decoded = requestPath.removingPercentEncoding else { return nil }
        guard !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return nil }
        var url = segments.reduce(root) { $0.appendingPathComponent(String($1)) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue {
            url = url.appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        }
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved == root.path || resolved.hasPrefix(root.path + "/") else { return nil }
        return URL(fileURLWithPath: resolved)
    }
}
