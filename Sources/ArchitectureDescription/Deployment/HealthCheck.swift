/// How the container engine decides that a service is healthy.
public struct HealthCheck: Codable, Hashable, Sendable {
    /// The test in compose form, such as `["CMD-SHELL", "pg_isready"]`.
    public var test: [String]
    /// Time between checks, such as `"10s"`.
    public var interval: String?
    /// Time after which one check counts as failed.
    public var timeout: String?
    /// Consecutive failures before the service is unhealthy.
    public var retries: Int?
    /// Grace period after start during which failures do not count.
    public var startPeriod: String?
    /// The HTTP request of an ``http(_:port:interval:timeout:retries:startPeriod:)`` check:
    /// Kubernetes asks it itself (`httpGet`); compose runs ``test``.
    public var http: HTTPRequest?

    /// A GET request to a path and port of the container.
    public struct HTTPRequest: Codable, Hashable, Sendable {
        /// The path that is requested, such as `/health`.
        public var path: String
        /// The port that is requested inside the container.
        public var port: Int
    }

    /// Creates a health check from a test in compose form.
    public init(test: [String], interval: String? = nil, timeout: String? = nil, retries: Int? = nil, startPeriod: String? = nil) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
    }

    /// No health check, not even the image's own (compose's `disable: true`,
    /// written `test: ["NONE"]`).
    ///
    /// ```swift
    /// healthcheck: .disabled
    /// ```
    public static var disabled: HealthCheck { HealthCheck(test: ["NONE"]) }

    /// A check that runs a command through the container's shell (`CMD-SHELL`).
    ///
    /// ```swift
    /// healthcheck: .command("pg_isready -U postgres", interval: "5s", retries: 5)
    /// ```
    public static func command(
        _ command: String, interval: String? = nil, timeout: String? = nil, retries: Int? = nil, startPeriod: String? = nil
    ) -> HealthCheck {
        HealthCheck(test: ["CMD-SHELL", command], interval: interval, timeout: timeout, retries: retries, startPeriod: startPeriod)
    }

    /// A check that GETs `path` on `port` of the container and wants a success:
    /// compose runs `wget --spider` in the container, Kubernetes probes with `httpGet`.
    ///
    /// ```swift
    /// healthcheck: .http("/healthz", port: 8080, interval: "10s")
    /// ```
    public static func http(
        _ path: String, port: Int, interval: String? = nil, timeout: String? = nil, retries: Int? = nil, startPeriod: String? = nil
    ) -> HealthCheck {
        var check = HealthCheck(test: ["CMD-SHELL", "wget -q --spider http://localhost:\(port)\(path) || exit 1"],
                                interval: interval, timeout: timeout, retries: retries, startPeriod: startPeriod)
        check.http = HTTPRequest(path: path, port: port)
        return check
    }

    /// A check that executes a program directly (`CMD`), without a shell.
    public static func exec(
        _ arguments: [String], interval: String? = nil, timeout: String? = nil, retries: Int? = nil, startPeriod: String? = nil
    ) -> HealthCheck {
        HealthCheck(test: ["CMD"] + arguments, interval: interval, timeout: timeout, retries: retries, startPeriod: startPeriod)
    }
}
