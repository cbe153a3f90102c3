/// A place the system runs or is built: a developer's compose project, CI
/// runners, a staging VM, a Kubernetes cluster, one that is planned.
///
/// Compose profiles stay what they are; an environment that runs the compose
/// project names its profile.
///
/// ```swift
/// let dev = Profile("dev", "Development")
/// let local = Environment("local", "Local", runsOn: .compose(dev, on: .developerLaptop))
/// let ci = Environment("ci", "CI", runsOn: .ciRunners(.gitLabCI, runners: "shared, Docker executor"),
///                      composeFiles: ["ci/compose.test.yaml"], notes: ["Ephemeral: nothing is kept between runs"])
/// let production = Environment("production", "Production",
///                              runsOn: .kubernetes(version: "1.30", namespace: "parcel-tracker"),
///                              status: .planned("Q3"), manifests: ["deploy/kubernetes/overlays/production"])
/// ```
public struct Environment: Codable, Hashable, Sendable {
    /// A stable id, such as `staging`: stages, promotions and views refer to it.
    public var id: String
    /// The display name, such as `"Staging"`.
    public var name: String
    /// What the environment is for.
    public var description: String?
    /// Where it runs.
    public var runtime: Runtime
    /// Whether it exists yet.
    public var status: EnvironmentStatus
    /// The compose files that belong to it, such as a separate test file for CI.
    public var composeFiles: [String]
    /// The manifests or kustomize overlays that belong to it.
    public var manifests: [String]
    /// Notes, such as "ephemeral: nothing is kept between runs".
    public var notes: [String]
    /// The settings of an environment on Kubernetes; the defaults when it gives none.
    public var kubernetes: Kubernetes?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares an environment.
    public init(
        _ id: String,
        _ name: String,
        description: String? = nil,
        runsOn runtime: Runtime,
        status: EnvironmentStatus = .current,
        composeFiles: [String] = [],
        manifests: [String] = [],
        notes: [String] = [],
        kubernetes: Kubernetes? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.runtime = runtime
        self.status = status
        self.composeFiles = composeFiles
        self.manifests = manifests
        self.notes = notes
        self.kubernetes = kubernetes
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// Whether an environment exists yet.
public enum EnvironmentStatus: Codable, Hashable, Sendable {
    /// It runs today.
    case current
    /// It is planned, optionally with when (`"Q3"`).
    case planned(String? = nil)
    /// Whether or how it will exist is still open, optionally with what is open.
    case toBeDecided(String? = nil)
}

/// Where an environment runs.
public enum Runtime: Codable, Hashable, Sendable {
    /// The compose project, in one profile, on a host.
    case compose(profile: String, host: Host)
    /// Runners of a CI platform, such as GitLab CI's shared runners.
    case ciRunners(CIPlatform, runners: String? = nil)
    /// A host or VM, without compose.
    case host(Host)
    /// A Kubernetes cluster, in a namespace.
    case kubernetes(version: String? = nil, namespace: String, cluster: String? = nil)

    /// The compose project in `profile`, on `host`: the profile is a value, so the compiler checks it.
    public static func compose(_ profile: Profile, on host: Host = .developerLaptop) -> Runtime {
        .compose(profile: profile.id, host: host)
    }
}

/// A machine an environment runs on.
public struct Host: Codable, Hashable, Sendable {
    /// What it is, such as `"developer laptop"` or `"VM"`.
    public var name: String
    /// Its virtual or real CPUs.
    public var cpus: Int?
    /// Its memory in GB.
    public var memoryGB: Int?

    /// Describes a machine.
    public init(_ name: String, cpus: Int? = nil, memoryGB: Int? = nil) {
        self.name = name
        self.cpus = cpus
        self.memoryGB = memoryGB
    }

    /// A developer's own machine.
    public static let developerLaptop = Host("developer laptop")

    /// One VM of a size, such as `.vm(cpus: 4, memoryGB: 8)`.
    public static func vm(cpus: Int, memoryGB: Int) -> Host { Host("VM", cpus: cpus, memoryGB: memoryGB) }
}

/// A CI platform. The DSL assumes none: name yours with ``other(_:)``.
public enum CIPlatform: Codable, Hashable, Sendable {
    case gitLabCI
    case gitHubActions
    case other(String)

    /// The platform's name, such as `GitLab CI`.
    public var name: String {
        switch self {
        case .gitLabCI: "GitLab CI"
        case .gitHubActions: "GitHub Actions"
        case .other(let name): name
        }
    }
}
