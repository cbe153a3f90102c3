/// A volume mounted into a service: a named volume, a bind mount of a host path,
/// or an anonymous volume.
///
/// ```swift
/// volumes: ["pgdata:/var/lib/postgresql/data", "./data:/app/data:ro"]
/// ```
public struct VolumeMount: Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// A named volume or a host path; `nil` for an anonymous volume.
    public var source: String?
    /// The path inside the container.
    public var target: String
    /// Whether the mount is read-only.
    public var readOnly: Bool

    /// Creates a mount.
    public init(source: String?, target: String, readOnly: Bool = false) {
        self.source = source
        self.target = target
        self.readOnly = readOnly
    }

    /// Parses compose's short syntax: `[SOURCE:]TARGET[:ro|rw]`.
    public init(stringLiteral value: String) {
        var fields = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var readOnly = false
        if fields.count > 1, let mode = fields.last, mode == "ro" || mode == "rw" {
            readOnly = mode == "ro"
            fields.removeLast()
        }
        let target = fields.removeLast()
        self.init(source: fields.isEmpty ? nil : fields.joined(separator: ":"), target: target, readOnly: readOnly)
    }

    /// Whether the source names a volume (rather than a host path).
    public var isNamedVolume: Bool {
        guard let source, let first = source.first else { return false }
        return first != "." && first != "/" && first != "~" && first != "$"
    }

    /// The short syntax, as written in a compose file.
    public var description: String {
        var text = [source, target].compactMap { $0 }.joined(separator: ":")
        if readOnly { text += ":ro" }
        return text
    }
}
