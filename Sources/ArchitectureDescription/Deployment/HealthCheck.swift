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

    /// Creates a health check from a test in compose form.
    public init(test: [String], interval: String? = nil, timeout: String? = nil, retries: Int? = nil, startPeriod: String? = nil) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
    }

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

    /// A check that executes a program directly (`CMD`), without a shell.
    public static func exec(
        _ arguments: [String], interval: String? = nil, timeout: String? = nil, retries: Int? = nil, startPeriod: String? = nil
    ) -> HealthCheck {
        HealthCheck(test: ["CMD"] + arguments, interval: interval, timeout: timeout, retries: retries, startPeriod: startPeriod)
    }
}
