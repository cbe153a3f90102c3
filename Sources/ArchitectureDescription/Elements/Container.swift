/// A separately running or deployable part of a software system: a service, a
/// web app, a database, a queue or an object store.
///
/// A container's ``id`` is also the name of its compose service.
public struct Container: Element, Codable, Hashable {
    /// The id: unique in the architecture; diagrams, file names and compose services use it.
    public var id: String
    /// The name shown in diagrams and documents.
    public var name: String
    /// The sort of container; it selects the diagram shape.
    public var kind: ContainerKind
    /// The main technology, such as `"Python, FastAPI"` or `"Postgres 17"`.
    public var technology: String?
    /// What the container is responsible for.
    public var description: String?
    /// A sprite drawn inside the element in C4-PlantUML diagrams.
    public var icon: Icon?
    /// Free-form tags, for styling and filtering.
    public var tags: [String]
    /// Free-form key-value facts, listed in the generated documentation.
    public var properties: [String: String]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a container.
    ///
    /// ```swift
    /// let db = Container("postgres", "PostgreSQL", kind: .database,
    ///                    technology: "Postgres 17", icon: .postgresql)
    /// ```
    public init(
        _ id: String,
        _ name: String,
        kind: ContainerKind = .service,
        technology: String? = nil,
        description: String? = nil,
        icon: Icon? = nil,
        tags: [String] = [],
        properties: [String: String] = [:],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.technology = technology
        self.description = description
        self.icon = icon
        self.tags = tags
        self.properties = properties
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}
