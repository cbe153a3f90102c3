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
    /// Further mount options, such as `z` (SELinux relabelling) or `cached`.
    public var options: [String]

    /// Creates a mount.
    public init(source: String?, target: String, readOnly: Bool = false, options: [String] = []) {
        self.source = source
        self.target = target
        self.readOnly = readOnly
        self.options = options
    }

    /// The options compose's short syntax allows after the target: access,
    /// SELinux labels, consistency, `nocopy`, and bind propagation.
    static let knownOptions: Set<String> = [
        "ro", "rw", "z", "Z", "cached", "delegated", "consistent", "nocopy", "shared", "rshared", "slave", "rslave", "private", "rprivate",
    ]

    /// Parses compose's short syntax: `[SOURCE:]TARGET[:OPTIONS]`, where the
    /// options are a comma-separated list such as `ro`, `ro,z` or `cached`.
    public init(stringLiteral value: String) {
        var fields = Port.fields(of: Substring(value), separatedBy: ":")
        var options: [String] = []
        if fields.count > 1, let last = fields.last {
            let candidates = last.split(separator: ",").map(String.init)
            if !candidates.isEmpty, candidates.allSatisfy(Self.knownOptions.contains) {
                options = candidates
                fields.removeLast()
            }
        }
        let target = fields.removeLast()
        self.init(
            source: fields.isEmpty ? nil : fields.joined(separator: ":"), target: target,
            readOnly: options.contains("ro"), options: options.filter { $0 != "ro" && $0 != "rw" })
    }

    /// Whether the source names a volume (rather than a host path).
    public var isNamedVolume: Bool {
        guard let source, let first = source.first else { return false }
        return first != "." && first != "/" && first != "~" && first != "$"
    }

    /// The short syntax, as written in a compose file.
    public var description: String {
        var text = [source, target].compactMap { $0 }.joined(separator: ":")
        let modes = (readOnly ? ["ro"] : []) + options
        if !modes.isEmpty { text += ":" + modes.joined(separator: ",") }
        return text
    }
}
