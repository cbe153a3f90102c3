import ArchitectureDescription

/// What `archdoc import` makes of a compose file: the containers, the
/// relationships and the deployment, ready to be written as Swift source by
/// ``SwiftSourceWriter``.
public struct ImportPlan: Sendable {
    /// The compose file, as the user named it.
    public var composeFile: String
    /// The architecture's name: the project name.
    public var architectureName: String
    /// The id of the one software system that holds every container.
    public var systemID: String
    /// One container per compose service, in file order.
    public var containers: [ImportedContainer]
    /// One relationship per `depends_on` pair, in file order.
    public var relationships: [ImportedRelationship]
    /// The profiles the services use, in order of first use.
    public var profiles: [String]
    /// Top-level named volumes, in file order.
    public var volumes: [ImportedResource]
    /// Top-level networks, in file order.
    public var networks: [ImportedResource]
    /// What could not be carried over exactly, at its place in the compose file.
    public var notes: [Diagnostic]

    /// The container of a compose service.
    public func container(_ serviceName: String) -> ImportedContainer? {
        containers.first { $0.id == serviceName }
    }
}

/// A compose service as a container and its deployment.
public struct ImportedContainer: Sendable {
    /// The container id, which is the compose service name, unchanged.
    public var id: String
    /// The Swift constant the container is declared as, such as `dbMigrator`.
    public var variable: String
    /// The display name, such as `"DB Migrator"`.
    public var name: String
    /// The guessed kind, icon and technology.
    public var guess: ContainerGuess
    /// The settings of its `Service(…)`.
    public var service: ImportedService
}

/// The settings of one `Service(…)`, in the DSL's terms.
public struct ImportedService: Sendable {
    /// The image to run.
    public var image: String?
    /// How to build the image.
    public var build: Build?
    /// The command as one string that compose splits back into the same words.
    public var command: String?
    /// Published ports.
    public var ports: [Port] = []
    /// The environment in file order. Variables passed through from the host
    /// (a bare `KEY`) have the value `${KEY}` and are listed in ``passThrough``.
    public var environment: [(key: String, value: String)] = []
    /// The variables that were passed through from the host.
    public var passThrough: Set<String> = []
    /// Files of environment variables.
    public var envFiles: [String] = []
    /// Mounted volumes and bind mounts.
    public var volumes: [VolumeMount] = []
    /// The networks it joins.
    public var networks: [String] = []
    /// The health check.
    public var healthcheck: HealthCheck?
    /// The start-up dependencies.
    public var dependsOn: [ImportedDependency] = []
    /// The restart policy.
    public var restart: RestartPolicy?
    /// `deploy.replicas` (or `scale`).
    public var replicas: Int?
    /// The profiles it runs in; `nil` for every profile.
    public var profiles: [String]?
    /// Comments to write above the service: what could not be carried over.
    public var notes: [String] = []
}

/// A `depends_on` entry, as a ``Dependency`` on another imported container.
public struct ImportedDependency: Sendable, Equatable {
    /// The compose service (and container id) depended on.
    public var serviceName: String
    /// When the dependency counts as ready.
    public var condition: Dependency.Condition
    /// Whether the dependent restarts when the dependency is updated.
    public var restart: Bool

    /// Creates a dependency.
    public init(serviceName: String, condition: Dependency.Condition, restart: Bool = false) {
        self.serviceName = serviceName
        self.condition = condition
        self.restart = restart
    }
}

/// A relationship `source.uses(destination, "Uses")`, by container id.
public struct ImportedRelationship: Sendable, Equatable {
    /// The dependent service's container id.
    public var sourceID: String
    /// The id of the container depended on.
    public var destinationID: String

    /// Creates a relationship.
    public init(sourceID: String, destinationID: String) {
        self.sourceID = sourceID
        self.destinationID = destinationID
    }
}

/// A top-level named volume or network.
public struct ImportedResource: Sendable, Equatable {
    /// The volume or network name.
    public var name: String
    /// Its driver; `nil` for the engine's default.
    public var driver: String?

    /// Creates a volume or network.
    public init(name: String, driver: String? = nil) {
        self.name = name
        self.driver = driver
    }
}
