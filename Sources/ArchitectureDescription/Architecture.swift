/// The whole architecture: people, software systems and their containers, the
/// relationships between them, and the deployment.
///
/// Declare exactly one, in `architecture/main.swift`:
///
/// ```swift
/// import ArchitectureDescription
///
/// let user = Person("user", "User")
/// let api = Container("api", "API", technology: "Swift, Hummingbird")
///
/// let architecture = Architecture("Acme") {
///     user
///     SoftwareSystem("acme", "Acme") { api }
///     user.uses(api, "Calls", technology: "HTTPS")
/// }
/// ```
///
/// When archdoc runs the compiled file, the architecture writes itself out as
/// versioned JSON (see ``ArchitectureDocument``).
public struct Architecture: Codable, Hashable, Sendable {
    /// The name of the architecture, used in titles.
    public var name: String
    /// What the architecture describes.
    public var description: String?
    /// The people, in declaration order.
    public var people: [Person]
    /// The software systems, in declaration order.
    public var softwareSystems: [SoftwareSystem]
    /// The relationships, in declaration order.
    public var relationships: [Relationship]
    /// The deployment, if one is declared.
    public var deployment: Deployment?
    public var location: SourceLocation

    /// Declares the architecture.
    public init(
        _ name: String,
        description: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        @ArchitectureBuilder content: () -> [ArchitectureComponent]
    ) {
        self.name = name
        self.description = description
        self.location = SourceLocation(file: file, line: line, column: column)
        var people: [Person] = [], systems: [SoftwareSystem] = [], relationships: [Relationship] = []
        var deployments: [Deployment] = []
        for component in content() {
            switch component {
            case .person(let person): people.append(person)
            case .softwareSystem(let system): systems.append(system)
            case .relationship(let relationship): relationships.append(relationship)
            case .deployment(let deployment): deployments.append(deployment)
            }
        }
        (self.people, self.softwareSystems, self.relationships) = (people, systems, relationships)
        self.deployment = deployments.first
        ArchitectureExport.register(self, extraDeployments: deployments.dropFirst().map(\.location))
    }
}

/// One entry of an ``Architecture`` block.
public enum ArchitectureComponent: Sendable {
    case person(Person)
    case softwareSystem(SoftwareSystem)
    case relationship(Relationship)
    case deployment(Deployment)
}

/// Collects the contents of an ``Architecture``: people, software systems,
/// relationships and one deployment. Anything else is a compile-time error.
@resultBuilder
public enum ArchitectureBuilder {
    public static func buildExpression(_ person: Person) -> [ArchitectureComponent] { [.person(person)] }
    public static func buildExpression(_ system: SoftwareSystem) -> [ArchitectureComponent] { [.softwareSystem(system)] }
    public static func buildExpression(_ relationship: Relationship) -> [ArchitectureComponent] { [.relationship(relationship)] }
    public static func buildExpression(_ relationships: [Relationship]) -> [ArchitectureComponent] {
        relationships.map(ArchitectureComponent.relationship)
    }
    public static func buildExpression(_ deployment: Deployment) -> [ArchitectureComponent] { [.deployment(deployment)] }
    public static func buildBlock(_ parts: [ArchitectureComponent]...) -> [ArchitectureComponent] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [ArchitectureComponent]?) -> [ArchitectureComponent] { part ?? [] }
    public static func buildEither(first: [ArchitectureComponent]) -> [ArchitectureComponent] { first }
    public static func buildEither(second: [ArchitectureComponent]) -> [ArchitectureComponent] { second }
    public static func buildArray(_ parts: [[ArchitectureComponent]]) -> [ArchitectureComponent] { parts.flatMap { $0 } }
}
