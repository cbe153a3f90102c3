import ArchitectureDescription

/// A value read from a compose file, with the place it was written.
public struct Located<Value: Sendable>: Sendable {
    /// The value.
    public var value: Value
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int
    /// The file, when the value came from one (merged documents mix files).
    public var file: String

    /// Creates a located value.
    public init(_ value: Value, line: Int, column: Int = 1, file: String = "") {
        self.value = value
        self.line = line
        self.column = column
        self.file = file
    }
}

extension Located: Equatable where Value: Equatable {}

/// A compose file, read into the fields archdoc models. Every list, map and
/// short or long syntax compose allows is normalised to one form; fields
/// archdoc does not model (labels, logging, …) and `x-` extensions are skipped.
public struct ComposeDocument: Sendable {
    /// The file it was read from.
    public var path: String
    /// The top-level `name`.
    public var name: Located<String>?
    /// The services, in file order.
    public var services: [ComposeService]
    /// The line of the `services:` key, where a missing service belongs.
    public var servicesLine: Int = 0
    /// Top-level named volumes and their drivers.
    public var volumes: [Located<String>: String?]
    /// Top-level networks and their drivers.
    public var networks: [Located<String>: String?]

    /// The service with a name.
    public func service(_ name: String) -> ComposeService? { services.first { $0.name.value == name } }
}

extension Located: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
    public static func == (lhs: Located, rhs: Located) -> Bool { lhs.value == rhs.value }
}

/// One service of a compose file.
public struct ComposeService: Sendable {
    /// The service name.
    public var name: Located<String>
    /// `image`.
    public var image: Located<String>?
    /// `build`, short or long syntax.
    public var build: Located<Build>?
    /// `command`, as compose runs it: a list of arguments (a string is split like a shell would).
    public var command: Located<[String]>?
    /// `ports`, short or long syntax.
    public var ports: [Located<ArchitectureDescription.Port>] = []
    /// `environment`, list or map syntax; `nil` values pass the host's value through.
    public var environment: [String: Located<String?>] = [:]
    /// `env_file`, string, list or long syntax.
    public var envFiles: [Located<String>] = []
    /// `volumes`, short or long syntax.
    public var volumes: [Located<VolumeMount>] = []
    /// `networks`, list or map syntax.
    public var networks: [Located<String>] = []
    /// `depends_on`, list or map syntax.
    public var dependsOn: [Located<ComposeDependency>] = []
    /// `healthcheck`; `nil` when absent or disabled.
    public var healthcheck: Located<HealthCheck>?
    /// `restart`.
    public var restart: Located<String>?
    /// `deploy.replicas` (or the legacy `scale`).
    public var replicas: Located<Int>?
    /// `profiles`.
    public var profiles: Located<[String]>?

    /// Creates an empty service.
    public init(name: Located<String>) {
        self.name = name
    }
}

/// One `depends_on` entry.
public struct ComposeDependency: Sendable, Equatable {
    /// The service depended on.
    public var service: String
    /// The condition: `service_started`, `service_healthy` or `service_completed_successfully`.
    public var condition: String
    /// Whether the dependent restarts with the dependency.
    public var restart: Bool
    /// Whether compose fails when the dependency is missing.
    public var required: Bool
}

/// A compose file that cannot be read, with the place of the problem.
public struct ComposeError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The 1-based line, or 0 when the problem is the file as a whole.
    public var line: Int
    /// The 1-based column.
    public var column: Int
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int, column: Int = 1, _ message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(path):\(line):\(column): error: [compose] \(message)" : "\(path): error: [compose] \(message)"
    }
}
