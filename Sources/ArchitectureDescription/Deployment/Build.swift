/// How to build a service's image from source.
///
/// ```swift
/// build: "./backend"
/// build: Build(context: "./backend", dockerfile: "Dockerfile.prod")
/// ```
public struct Build: Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// The build context directory, relative to the compose file.
    public var context: String
    /// The Dockerfile, relative to the context; `nil` for `Dockerfile`.
    public var dockerfile: String?
    /// The stage of a multi-stage Dockerfile to build.
    public var target: String?
    /// Build arguments.
    public var args: [String: String]

    /// Creates a build description.
    public init(context: String, dockerfile: String? = nil, target: String? = nil, args: [String: String] = [:]) {
        self.context = context
        self.dockerfile = dockerfile
        self.target = target
        self.args = args
    }

    /// A build of the given context with the default Dockerfile.
    public init(stringLiteral context: String) {
        self.init(context: context)
    }
}
