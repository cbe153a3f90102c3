/// A named volume, declared once and mounted by services.
///
/// ```swift
/// Volume("pgdata")
/// Volume("backups", external: true, customName: "acme-backups")
/// ```
public struct Volume: Codable, Hashable, Sendable {
    /// The volume name used in mounts.
    public var name: String
    /// The volume driver; `nil` for the engine's default.
    public var driver: String?
    /// `driver_opts`: options for the driver.
    public var driverOptions: [String: String]
    /// `external`: created outside the project, which compose only uses.
    public var external: Bool
    /// `name`: the volume's name on the engine, instead of `<project>_<name>`.
    public var customName: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a named volume.
    public init(
        _ name: String, driver: String? = nil, driverOptions: [String: String] = [:], external: Bool = false, customName: String? = nil,
        file: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.name = name
        self.driver = driver
        self.driverOptions = driverOptions
        self.external = external
        self.customName = customName
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// A network that services join.
///
/// ```swift
/// Network("backend", internal: true)
/// Network("proxy", external: true)
/// ```
public struct Network: Codable, Hashable, Sendable {
    /// The network name used by services.
    public var name: String
    /// The network driver, such as `"bridge"`; `nil` for the engine's default.
    public var driver: String?
    /// `driver_opts`: options for the driver.
    public var driverOptions: [String: String]
    /// `external`: created outside the project, which compose only joins.
    public var external: Bool
    /// `internal`: no route to the outside world.
    public var `internal`: Bool
    /// `name`: the network's name on the engine, instead of `<project>_<name>`.
    public var customName: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a network.
    public init(
        _ name: String, driver: String? = nil, driverOptions: [String: String] = [:], external: Bool = false, internal: Bool = false,
        customName: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.name = name
        self.driver = driver
        self.driverOptions = driverOptions
        self.external = external
        self.internal = `internal`
        self.customName = customName
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}
