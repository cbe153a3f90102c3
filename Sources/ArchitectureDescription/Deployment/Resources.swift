/// A named volume, declared once and mounted by services.
public struct Volume: Codable, Hashable, Sendable {
    /// The volume name used in mounts.
    public var name: String
    /// The volume driver; `nil` for the engine's default.
    public var driver: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a named volume.
    public init(_ name: String, driver: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        self.name = name
        self.driver = driver
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// A network that services join.
public struct Network: Codable, Hashable, Sendable {
    /// The network name used by services.
    public var name: String
    /// The network driver, such as `"bridge"`; `nil` for the engine's default.
    public var driver: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a network.
    public init(_ name: String, driver: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        self.name = name
        self.driver = driver
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}
