/// A container deployed as a compose service.
///
/// ```swift
/// Service(api, build: "./backend", ports: ["8000:8000"], dependsOn: [.healthy(db)])
///     .profile("dev", command: "uvicorn app:app --reload")
///     .profile("prod", command: "gunicorn app:app", replicas: 2)
/// ```
public struct Service: Codable, Hashable, Sendable {
    /// The id of the deployed container; it is also the service name.
    public var containerID: String
    /// A container that exists only as this service (such as the docs server),
    /// rather than as part of a software system.
    public var standaloneContainer: Container?
    /// The image to run, such as `"postgres:17"`.
    public var image: String?
    /// How to build the image, when it is built from source.
    public var build: Build?
    /// The command, overriding the image's default.
    public var command: String?
    /// Published ports.
    public var ports: [Port]
    /// Environment variables.
    public var environment: [String: String]
    /// Files of environment variables, relative to the compose file.
    public var envFiles: [String]
    /// Mounted volumes.
    public var volumes: [VolumeMount]
    /// Networks the service joins; empty for the default network.
    public var networks: [String]
    /// How the engine checks the service's health.
    public var healthcheck: HealthCheck?
    /// Services that must be ready before this one starts.
    public var dependsOn: [Dependency]
    /// When the engine restarts the service.
    public var restart: RestartPolicy?
    /// The number of replicas (`deploy.replicas`).
    public var replicas: Int?
    /// The profiles the service runs in; `nil` means every profile.
    public var profiles: [String]?
    /// Paths this service, a reverse proxy, forwards to other services.
    public var routes: [Route]
    /// What differs per profile.
    public var profileSettings: [ProfileSettings]
    /// How the container runs: user, capabilities, labels and the like
    /// (set with ``container(name:hostname:user:workingDirectory:entrypoint:platform:pullPolicy:labels:expose:networkMode:links:extraHosts:dns:capAdd:capDrop:privileged:readOnly:devices:tmpfs:shmSize:initProcess:stopSignal:stopGracePeriod:cpuLimit:memoryLimit:cpuReservation:memoryReservation:ulimits:loggingDriver:loggingOptions:secrets:configs:)``).
    public var options: ContainerOptions
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Deploys a container as a service.
    public init(
        _ container: Container,
        image: String? = nil,
        build: Build? = nil,
        command: String? = nil,
        ports: [Port] = [],
        environment: [String: String] = [:],
        envFiles: [String] = [],
        volumes: [VolumeMount] = [],
        networks: [String] = [],
        healthcheck: HealthCheck? = nil,
        dependsOn: [Dependency] = [],
        restart: RestartPolicy? = nil,
        replicas: Int? = nil,
        profiles: [String]? = nil,
        routes: [Route] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.containerID = container.id
        self.standaloneContainer = nil
        self.image = image
        self.build = build
        self.command = command
        self.ports = ports
        self.environment = environment
        self.envFiles = envFiles
        self.volumes = volumes
        self.networks = networks
        self.healthcheck = healthcheck
        self.dependsOn = dependsOn
        self.restart = restart
        self.replicas = replicas
        self.profiles = profiles
        self.routes = routes
        self.profileSettings = []
        self.options = ContainerOptions()
        self.location = SourceLocation(file: file, line: line, column: column)
    }

    /// Returns a copy of the service with settings that apply in one profile only.
    public func profile(
        _ profile: String,
        command: String? = nil,
        image: String? = nil,
        replicas: Int? = nil,
        environment: [String: String] = [:],
        technology: String? = nil,
        description: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) -> Service {
        var copy = self
        copy.profileSettings.append(
            ProfileSettings(
                profile: profile,
                command: command,
                image: image,
                replicas: replicas,
                environment: environment,
                technology: technology,
                description: description,
                location: SourceLocation(file: file, line: line, column: column)
            )
        )
        return copy
    }
}
