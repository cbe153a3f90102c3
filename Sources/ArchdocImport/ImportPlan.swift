import ArchdocComposeFiles
import ArchdocModel
import ArchitectureDescription

/// What `archdoc import` makes of a compose file: the containers, the
/// relationships and the deployment, ready to be written as Swift source by
/// ``SwiftSourceWriter``.
package struct ImportPlan: Sendable {
    /// The compose file, as the user named it.
    package var composeFile: String
    /// The architecture's name: the project name.
    package var architectureName: String
    /// The id of the one software system that holds every container.
    package var systemID: String
    /// One container per compose service, in file order.
    package var containers: [ImportedContainer]
    /// One relationship per `depends_on` pair, in file order.
    package var relationships: [ImportedRelationship]
    /// The profiles the services use, in order of first use.
    package var profiles: [String]
    /// Top-level named volumes, in file order.
    package var volumes: [ImportedResource]
    /// Top-level networks, in file order.
    package var networks: [ImportedResource]
    /// The top-level secrets (their file or variable in the settings' driver options).
    package var secrets: [ImportedResource] = []
    /// The top-level configs, the same way (inline text as `driverOptions["content"]`).
    package var configs: [ImportedResource] = []
    /// What could not be carried over exactly, at its place in the compose file.
    package var notes: [Diagnostic]

    /// The container of a compose service.
    package func container(_ serviceName: String) -> ImportedContainer? {
        containers.first { $0.id == serviceName }
    }
}

/// A compose service as a container and its deployment.
package struct ImportedContainer: Sendable {
    /// The container id, which is the compose service name, unchanged.
    package var id: String
    /// The Swift constant the container is declared as, such as `dbMigrator`.
    package var variable: String
    /// The display name, such as `"DB Migrator"`.
    package var name: String
    /// The guessed kind, icon and technology.
    package var guess: ContainerGuess
    /// The settings of its `Service(…)`.
    package var service: ImportedService
}

/// The settings of one `Service(…)`, in the DSL's terms.
package struct ImportedService: Sendable {
    /// The image to run.
    package var image: String?
    /// How to build the image.
    package var build: Build?
    /// The command as one string that compose splits back into the same words.
    package var command: String?
    /// Published ports.
    package var ports: [Port] = []
    /// The environment in file order. Variables passed through from the host
    /// (a bare `KEY`) have the value `${KEY}` and are listed in ``passThrough``.
    package var environment: [(key: String, value: String)] = []
    /// The variables that were passed through from the host.
    package var passThrough: Set<String> = []
    /// Files of environment variables.
    package var envFiles: [String] = []
    /// Mounted volumes and bind mounts.
    package var volumes: [VolumeMount] = []
    /// The networks it joins.
    package var networks: [String] = []
    /// The health check.
    package var healthcheck: HealthCheck?
    /// The start-up dependencies.
    package var dependsOn: [ImportedDependency] = []
    /// The restart policy.
    package var restart: RestartPolicy?
    /// `deploy.replicas` (or `scale`).
    package var replicas: Int?
    /// The profiles it runs in; `nil` for every profile.
    package var profiles: [String]?
    /// How the container runs: user, capabilities, labels and the like.
    package var options = ContainerOptions()
    /// Comments to write above the service: what could not be carried over.
    package var notes: [String] = []
}

/// A `depends_on` entry, as a ``Dependency`` on another imported container.
package struct ImportedDependency: Sendable, Equatable {
    /// The compose service (and container id) depended on.
    package var serviceName: String
    /// When the dependency counts as ready.
    package var condition: Dependency.Condition
    /// Whether the dependent restarts when the dependency is updated.
    package var restart: Bool
    /// `false` for compose's `required: false`.
    package var required: Bool = true

    /// Creates a dependency.
    package init(serviceName: String, condition: Dependency.Condition, restart: Bool = false) {
        self.serviceName = serviceName
        self.condition = condition
        self.restart = restart
    }
}

/// A relationship `source.uses(destination, "Uses")`, by container id.
package struct ImportedRelationship: Sendable, Equatable {
    /// The dependent service's container id.
    package var sourceID: String
    /// The id of the container depended on.
    package var destinationID: String

    /// Creates a relationship.
    package init(sourceID: String, destinationID: String) {
        self.sourceID = sourceID
        self.destinationID = destinationID
    }
}

/// A top-level named volume or network.
package struct ImportedResource: Sendable, Equatable {
    /// The volume or network name.
    package var name: String
    /// Its settings: driver, driver options, external, internal, name.
    package var settings: ComposeResource
    /// Its driver; `nil` for the engine's default.
    package var driver: String? { settings.driver }

    /// Creates a volume or network.
    package init(name: String, driver: String? = nil) {
        self.init(name: name, settings: ComposeResource(driver: driver))
    }

    /// Creates a volume or network with all its settings.
    package init(name: String, settings: ComposeResource) {
        self.name = name
        self.settings = settings
    }
}
