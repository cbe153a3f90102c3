/// How the running system is watched: where its logs go, what is measured,
/// and what raises an alert.
///
/// ```swift
/// Operations {
///     Logging("JSON to stdout", shippedTo: "Loki, by Promtail", retention: .days(14), in: [staging])
///     Metrics(scrapedBy: "Prometheus", endpoint: "/metrics", every: .seconds(15), of: [api, poller], dashboards: "Grafana")
///     Alert("p95 latency of api above 500 ms", for: .minutes(10), covers: [api])
/// }
/// ```
public struct Operations: Codable, Hashable, Sendable {
    /// Where logs go.
    public var logging: [Logging]
    /// What is measured.
    public var metrics: [Metrics]
    /// What raises an alert.
    public var alerts: [Alert]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares how the system is watched.
    public init(file: String = #filePath, line: Int = #line, column: Int = #column, @OperationsBuilder content: () -> [OperationsComponent]) {
        var logging: [Logging] = [], metrics: [Metrics] = [], alerts: [Alert] = []
        for component in content() {
            switch component {
            case .logging(let entry): logging.append(entry)
            case .metrics(let entry): metrics.append(entry)
            case .alert(let entry): alerts.append(entry)
            }
        }
        (self.logging, self.metrics, self.alerts) = (logging, metrics, alerts)
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// Where the logs of some containers go, and for how long they are kept.
public struct Logging: Codable, Hashable, Sendable {
    /// How the services log, such as "JSON to stdout".
    public var format: String
    /// Where the logs are shipped, such as "Loki, by Promtail".
    public var destination: String?
    /// How long they are kept.
    public var retention: TimeSpan?
    /// The ids of the environments this holds in; empty for all.
    public var environments: [String]
    /// The ids of the containers it covers; empty for every service.
    public var containers: [String]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares where logs go.
    public init(
        _ format: String,
        shippedTo destination: String? = nil,
        retention: TimeSpan? = nil,
        in environments: [Environment] = [],
        of containers: [Container] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.format = format
        self.destination = destination
        self.retention = retention
        self.environments = environments.map(\.id)
        self.containers = containers.map(\.id)
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// Metrics that a system scrapes from some containers.
public struct Metrics: Codable, Hashable, Sendable {
    /// What scrapes them, such as "Prometheus".
    public var scraper: String
    /// The path scraped, such as `/metrics`.
    public var endpoint: String?
    /// How often.
    public var interval: TimeSpan?
    /// The ids of the containers scraped.
    public var containers: [String]
    /// Where they are shown, such as "Grafana".
    public var dashboards: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares scraped metrics.
    public init(
        scrapedBy scraper: String,
        endpoint: String? = nil,
        every interval: TimeSpan? = nil,
        of containers: [Container] = [],
        dashboards: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.scraper = scraper
        self.endpoint = endpoint
        self.interval = interval
        self.containers = containers.map(\.id)
        self.dashboards = dashboards
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// A condition that alerts someone.
public struct Alert: Codable, Hashable, Sendable {
    /// The condition and its threshold, such as "p95 latency above 500 ms".
    public var condition: String
    /// How long it must hold.
    public var duration: TimeSpan?
    /// The ids of the containers it watches; empty for every service.
    public var containers: [String]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares an alert.
    public init(
        _ condition: String,
        for duration: TimeSpan? = nil,
        covers containers: [Container] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.condition = condition
        self.duration = duration
        self.containers = containers.map(\.id)
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// One entry of an ``Operations`` block.
public enum OperationsComponent: Sendable {
    case logging(Logging)
    case metrics(Metrics)
    case alert(Alert)
}

/// Collects logging, metrics and alerts.
@resultBuilder
public enum OperationsBuilder {
    /// Adds a ``Logging`` to the block.
    public static func buildExpression(_ logging: Logging) -> [OperationsComponent] { [.logging(logging)] }
    /// Adds a ``Metrics`` to the block.
    public static func buildExpression(_ metrics: Metrics) -> [OperationsComponent] { [.metrics(metrics)] }
    /// Adds an ``Alert`` to the block.
    public static func buildExpression(_ alert: Alert) -> [OperationsComponent] { [.alert(alert)] }
    /// Includes parts built elsewhere, such as by a function marked with this builder.
    public static func buildExpression(_ parts: [OperationsComponent]) -> [OperationsComponent] { parts }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [OperationsComponent]...) -> [OperationsComponent] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [OperationsComponent]?) -> [OperationsComponent] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [OperationsComponent]) -> [OperationsComponent] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [OperationsComponent]) -> [OperationsComponent] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[OperationsComponent]]) -> [OperationsComponent] { parts.flatMap { $0 } }
}
