/// The `Content-Type` of a served file, by extension.
enum ContentTypes {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": "application/json",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "ico": "image/x-icon",
        "woff2": "font/woff2",
        "md": "text/markdown; charset=utf-8",
        "puml": "text/plain; charset=utf-8",
        "mmd": "text/plain; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "yaml": "application/yaml",
        "yml": "application/yaml",
    ]

    /// The type for a path; unknown extensions are served as bytes.
    static func type(forPath path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "application/octet-stream" }
        return byExtension[path[path.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
