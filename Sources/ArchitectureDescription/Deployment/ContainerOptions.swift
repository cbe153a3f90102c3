/// How a service's container runs, beyond its image, command and ports: the
/// compose fields that name, secure and tune it.
///
/// Set with ``Service/container(name:hostname:user:workingDirectory:entrypoint:platform:pullPolicy:labels:expose:networkMode:links:extraHosts:dns:capAdd:capDrop:privileged:readOnly:devices:tmpfs:shmSize:initProcess:stopSignal:stopGracePeriod:cpuLimit:memoryLimit:cpuReservation:memoryReservation:ulimits:loggingDriver:loggingOptions:secrets:configs:)``:
///
/// ```swift
/// Service(db, image: "postgres:17")
///     .container(name: "acme-db", user: "postgres", readOnly: true, capDrop: ["ALL"], tmpfs: ["/run"], stopGracePeriod: "30s")
/// ```
public struct ContainerOptions: Codable, Hashable, Sendable {
    /// `container_name`: a fixed container name instead of `<project>-<service>-1`.
    public var name: String?
    /// `hostname`.
    public var hostname: String?
    /// `user`: the user (and group) the process runs as, such as `"1000:1000"`.
    public var user: String?
    /// `working_dir`.
    public var workingDirectory: String?
    /// `entrypoint`, overriding the image's, as a shell would split it.
    public var entrypoint: String?
    /// `platform`, such as `"linux/amd64"`.
    public var platform: String?
    /// `pull_policy`: `always`, `never`, `missing`, `build` or `daily`.
    public var pullPolicy: String?
    /// `labels` on the container.
    public var labels: [String: String]
    /// `expose`: ports open to other services but not published on the host.
    public var expose: [String]
    /// `network_mode`, such as `"host"` or `"service:vpn"`.
    public var networkMode: String?
    /// `links` (legacy): `"db"` or `"db:database"`.
    public var links: [String]
    /// `extra_hosts`: `"host=ip"` entries added to `/etc/hosts`.
    public var extraHosts: [String]
    /// `dns` servers.
    public var dns: [String]
    /// `cap_add`: Linux capabilities added.
    public var capAdd: [String]
    /// `cap_drop`: Linux capabilities dropped.
    public var capDrop: [String]
    /// `privileged`.
    public var privileged: Bool?
    /// `read_only`: a read-only root file system.
    public var readOnly: Bool?
    /// `devices`: `"/dev/host:/dev/container[:rwm]"`.
    public var devices: [String]
    /// `tmpfs` mounts.
    public var tmpfs: [String]
    /// `shm_size`, such as `"256m"`.
    public var shmSize: String?
    /// `init`: run an init process that forwards signals and reaps zombies.
    public var initProcess: Bool?
    /// `stop_signal`, such as `"SIGINT"`.
    public var stopSignal: String?
    /// `stop_grace_period`, such as `"30s"`.
    public var stopGracePeriod: String?
    /// `deploy.resources.limits.cpus`, such as `"0.5"`.
    public var cpuLimit: String?
    /// `deploy.resources.limits.memory`, such as `"512M"`.
    public var memoryLimit: String?
    /// `deploy.resources.reservations.cpus`.
    public var cpuReservation: String?
    /// `deploy.resources.reservations.memory`.
    public var memoryReservation: String?
    /// `ulimits`, as the docker CLI writes them: `["nproc": "65535", "nofile": "20000:40000"]`
    /// (one number, or soft and hard).
    public var ulimits: [String: String]
    /// `logging.driver`, such as `"json-file"`.
    public var loggingDriver: String?
    /// `logging.options`, such as `["max-size": "10m"]`.
    public var loggingOptions: [String: String]
    /// `secrets` the container reads: a ``Secret``'s name, or `name:/path` to
    /// mount it elsewhere than `/run/secrets/<name>`.
    public var secrets: [String]
    /// `configs` the container reads: a ``ConfigFile``'s name, or `name:/path`
    /// to mount it elsewhere than `/<name>`.
    public var configs: [String]

    /// Options with everything unset: the image's and the engine's defaults.
    public init() {
        labels = [:]
        expose = []
        links = []
        extraHosts = []
        dns = []
        capAdd = []
        capDrop = []
        devices = []
        tmpfs = []
        ulimits = [:]
        loggingOptions = [:]
        secrets = []
        configs = []
    }

    /// Whether nothing is set.
    public var isEmpty: Bool { self == ContainerOptions() }
}

extension Service {
    /// Returns a copy of the service whose container runs with these options;
    /// each one given replaces the service's, the rest are kept. The names
    /// are compose's, in camel case (`working_dir` is `workingDirectory`,
    /// `init` is `initProcess`).
    ///
    /// ```swift
    /// Service(api, image: "ghcr.io/acme/api:1.4")
    ///     .container(user: "1000:1000", readOnly: true, capDrop: ["ALL"], initProcess: true)
    /// ```
    public func container(
        name: String? = nil,
        hostname: String? = nil,
        user: String? = nil,
        workingDirectory: String? = nil,
        entrypoint: String? = nil,
        platform: String? = nil,
        pullPolicy: String? = nil,
        labels: [String: String] = [:],
        expose: [String] = [],
        networkMode: String? = nil,
        links: [String] = [],
        extraHosts: [String] = [],
        dns: [String] = [],
        capAdd: [String] = [],
        capDrop: [String] = [],
        privileged: Bool? = nil,
        readOnly: Bool? = nil,
        devices: [String] = [],
        tmpfs: [String] = [],
        shmSize: String? = nil,
        initProcess: Bool? = nil,
        stopSignal: String? = nil,
        stopGracePeriod: String? = nil,
        cpuLimit: String? = nil,
        memoryLimit: String? = nil,
        cpuReservation: String? = nil,
        memoryReservation: String? = nil,
        ulimits: [String: String] = [:],
        loggingDriver: String? = nil,
        loggingOptions: [String: String] = [:],
        secrets: [String] = [],
        configs: [String] = []
    ) -> Service {
        var copy = self
        var options = copy.options
        func set<Value>(_ value: Value?, _ path: WritableKeyPath<ContainerOptions, Value?>) { if let value { options[keyPath: path] = value } }
        func set<Value>(_ value: [Value], _ path: WritableKeyPath<ContainerOptions, [Value]>) { if !value.isEmpty { options[keyPath: path] = value } }
        set(name, \.name)
        set(hostname, \.hostname)
        set(user, \.user)
        set(workingDirectory, \.workingDirectory)
        set(entrypoint, \.entrypoint)
        set(platform, \.platform)
        set(pullPolicy, \.pullPolicy)
        if !labels.isEmpty { options.labels = labels }
        set(expose, \.expose)
        set(networkMode, \.networkMode)
        set(links, \.links)
        set(extraHosts, \.extraHosts)
        set(dns, \.dns)
        set(capAdd, \.capAdd)
        set(capDrop, \.capDrop)
        set(privileged, \.privileged)
        set(readOnly, \.readOnly)
        set(devices, \.devices)
        set(tmpfs, \.tmpfs)
        set(shmSize, \.shmSize)
        set(initProcess, \.initProcess)
        set(stopSignal, \.stopSignal)
        set(stopGracePeriod, \.stopGracePeriod)
        set(cpuLimit, \.cpuLimit)
        set(memoryLimit, \.memoryLimit)
        set(cpuReservation, \.cpuReservation)
        set(memoryReservation, \.memoryReservation)
        if !ulimits.isEmpty { options.ulimits = ulimits }
        set(loggingDriver, \.loggingDriver)
        if !loggingOptions.isEmpty { options.loggingOptions = loggingOptions }
        set(secrets, \.secrets)
        set(configs, \.configs)
        copy.options = options
        return copy
    }
}
