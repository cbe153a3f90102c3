/// A start-up dependency of one service on another (compose's `depends_on`).
public struct Dependency: Codable, Hashable, Sendable {
    /// When a dependency counts as ready.
    public enum Condition: String, Codable, Hashable, Sendable {
        /// The dependency has started.
        case started = "service_started"
        /// The dependency's health check passes.
        case healthy = "service_healthy"
        /// The dependency ran to completion with exit code 0 (a migration, say).
        case completedSuccessfully = "service_completed_successfully"
    }

    /// The id of the container whose service is depended on.
    public var containerID: String
    /// When the dependency counts as ready.
    public var condition: Condition
    /// Whether the dependent restarts when the dependency is updated.
    public var restart: Bool
    /// Whether the dependency must run: `false` (compose's `required: false`)
    /// starts the dependent without it in a profile where it does not run.
    public var required: Bool
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Creates a dependency on a container's service.
    public init(
        _ container: Container,
        condition: Condition = .started,
        restart: Bool = false,
        required: Bool = true,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.containerID = container.id
        self.condition = condition
        self.restart = restart
        self.required = required
        self.location = SourceLocation(file: file, line: line, column: column)
    }

    /// Waits until the container's service has started.
    public static func started(_ container: Container, file: String = #filePath, line: Int = #line, column: Int = #column) -> Dependency {
        Dependency(container, condition: .started, file: file, line: line, column: column)
    }

    /// Waits until the container's service reports healthy.
    public static func healthy(_ container: Container, file: String = #filePath, line: Int = #line, column: Int = #column) -> Dependency {
        Dependency(container, condition: .healthy, file: file, line: line, column: column)
    }

    /// Waits until the container's service has run to completion successfully.
    public static func completed(_ container: Container, file: String = #filePath, line: Int = #line, column: Int = #column) -> Dependency {
        Dependency(container, condition: .completedSuccessfully, file: file, line: line, column: column)
    }
}
