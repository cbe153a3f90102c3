import ArchitectureDescription

/// A value read from a compose file, with the place it was written.
package struct Located<Value: Sendable>: Sendable {
    /// The value.
    package var value: Value
    /// The 1-based line.
    package var line: Int
    /// The 1-based column.
    package var column: Int
    /// The file, when the value came from one (merged documents mix files).
    package var file: String

    /// Creates a located value.
    package init(_ value: Value, line: Int, column: Int = 1, file: String = "") {
        self.value = value
        self.line = line
        self.column = column
        self.file = file
    }
}

extension Located: Equatable where Value: Equatable {}

/// A compose file, read into the fields archdoc models. Every list, map and
/// short or long syntax compose allows is normalised to one form; fields
/// archdoc does not model (secrets, logging, …) are listed in each service's
/// ``ComposeService/unmodelled``, and `x-` extensions are skipped.
package struct ComposeDocument: Sendable {
    /// The file it was read from.
    package var path: String
    /// The top-level `name`.
    package var name: Located<String>?
    /// The services, in file order.
    package var services: [ComposeService]
    /// The line of the `services:` key, where a missing service belongs.
    package var servicesLine: Int = 0
    /// Top-level named volumes and their settings.
    package var volumes: [Located<String>: ComposeResource]
    /// Top-level networks and their settings.
    package var networks: [Located<String>: ComposeResource]
    /// Top-level secrets: each one's settings (driver, `name`, `external`; its
    /// file or variable as `driverOptions["file"]` and `["environment"]`).
    package var secrets: [Located<String>: ComposeResource] = [:]
    /// Top-level configs, the same way (and `driverOptions["content"]`).
    package var configs: [Located<String>: ComposeResource] = [:]
    /// The files of the top-level `include`, as written (relative to this file).
    package var includes: [Located<String>] = []
    /// Top-level keys read but not carried by archdoc's model (`secrets`, `configs`, …).
    package var unmodelled: [Located<String>] = []

    /// The service with a name.
    package func service(_ name: String) -> ComposeService? { services.first { $0.name.value == name } }
}

extension Located: Hashable where Value: Hashable {
    package func hash(into hasher: inout Hasher) { hasher.combine(value) }
    package static func == (lhs: Located, rhs: Located) -> Bool { lhs.value == rhs.value }
}

/// One service of a compose file.
package struct ComposeService: Sendable {
    /// The service name.
    package var name: Located<String>
    /// `image`.
    package var image: Located<String>?
    /// `build`, short or long syntax.
    package var build: Located<Build>?
    /// `command`, as compose runs it: a list of arguments (a string is split like a shell would).
    package var command: Located<[String]>?
    /// `ports`, short or long syntax.
    package var ports: [Located<ArchitectureDescription.Port>] = []
    /// `environment`, list or map syntax; `nil` values pass the host's value through.
    package var environment: [String: Located<String?>] = [:]
    /// `env_file`, string, list or long syntax.
    package var envFiles: [Located<String>] = []
    /// `volumes`, short or long syntax.
    package var volumes: [Located<VolumeMount>] = []
    /// `networks`, list or map syntax.
    package var networks: [Located<String>] = []
    /// The `aliases` of each network in the map syntax, where they are written.
    package var networkAliases: [String: Located<[String]>] = [:]
    /// `depends_on`, list or map syntax.
    package var dependsOn: [Located<ComposeDependency>] = []
    /// `healthcheck`; `nil` when absent or disabled.
    package var healthcheck: Located<HealthCheck>?
    /// `restart`.
    package var restart: Located<String>?
    /// `deploy.replicas` (or the legacy `scale`).
    package var replicas: Located<Int>?
    /// `profiles`.
    package var profiles: Located<[String]>?
    /// Each of the service's keys (`depends_on`, `environment`, …), where it
    /// is written: where an entry missing from the file belongs.
    package var keys: [String: Located<String>] = [:]
    /// The health check's `test:` key.
    package var healthcheckTest: Located<String>?
    /// Each argument of a `command` written as a list, where it is written.
    package var commandItems: [Located<String>] = []
    /// The container's options (``ContainerOptionField``).
    package var options = ContainerOptions()
    /// Where each option was written, by compose key: the value's place, and
    /// the line of each list item or map key (by its text, normalised as in ``options``).
    package var optionPlaces: [String: Located<[String: Int]>] = [:]
    /// `extends`: the service this one is based on, and its file when another.
    package var extends: Located<ComposeExtends>?
    /// Typed fields (`restart`, `deploy.replicas`, `healthcheck.retries`)
    /// written as a variable, read without variables (by import): each taken
    /// at its default, with the field, the text and the value, for import to say.
    package var variablesAtDefault: [Located<String>] = []
    /// The keys read but not carried by archdoc's model (`secrets`,
    /// `deploy.resources`, …), where they were written: import names each one.
    package var unmodelled: [Located<String>] = []

    /// Creates an empty service.
    package init(name: Located<String>) {
        self.name = name
    }
}

/// A top-level volume or network: what archdoc models of it.
package struct ComposeResource: Sendable, Equatable {
    /// `driver`.
    package var driver: String?
    /// `driver_opts`.
    package var driverOptions: [String: String] = [:]
    /// `external`.
    package var external = false
    /// `internal` (networks).
    package var `internal` = false
    /// `name`.
    package var customName: String?

    /// A resource with the engine's defaults, or only a driver.
    package init(driver: String? = nil) {
        self.driver = driver
    }
}

/// An `extends` entry: the base service, in this file or another.
package struct ComposeExtends: Sendable, Equatable {
    /// The base service's name.
    package var service: String
    /// The file it is in, relative to the extending file; `nil` for the same file.
    package var file: String?
}

/// One `depends_on` entry.
package struct ComposeDependency: Sendable, Equatable {
    /// The service depended on.
    package var service: String
    /// The condition: `service_started`, `service_healthy` or `service_completed_successfully`.
    package var condition: String
    /// Whether the dependent restarts with the dependency.
    package var restart: Bool
    /// Whether compose fails when the dependency is missing.
    package var required: Bool
}

/// A compose file that cannot be read, with the place of the problem.
package struct ComposeError: Error, Sendable, CustomStringConvertible {
    /// The file.
    package var path: String
    /// The 1-based line, or 0 when the problem is the file as a whole.
    package var line: Int
    /// The 1-based column.
    package var column: Int
    /// What is wrong and how to fix it.
    package var message: String

    /// Creates an error.
    package init(path: String, line: Int, column: Int = 1, _ message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    package var description: String {
        line > 0 ? "\(path):\(line):\(column): error: [compose] \(message)" : "\(path): error: [compose] \(message)"
    }
}
