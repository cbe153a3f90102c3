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
    /// The environments, in declaration order; empty when the compose profiles are all there is.
    public var environments: [Environment]
    /// The build and delivery pipeline.
    public var pipeline: Pipeline?
    /// The path builds take through registries and environments.
    public var promotion: Promotion?
    /// How a bad release is undone.
    public var rollback: Rollback?
    /// Logging, metrics and alerts.
    public var operations: Operations?
    /// The variables a deployment needs.
    public var configuration: Configuration?
    /// The questions not answered yet.
    public var openQuestions: [OpenQuestion]
    /// Where it is declared in the architecture files, for diagnostics.
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
        var deployments: [Deployment] = [], environments: [Environment] = [], questions: [OpenQuestion] = []
        var pipeline: Pipeline?, promotion: Promotion?, rollback: Rollback?, operations: Operations?, configuration: Configuration?
        for component in content() {
            switch component {
            case .person(let person): people.append(person)
            case .softwareSystem(let system): systems.append(system)
            case .relationship(let relationship): relationships.append(relationship)
            case .deployment(let deployment): deployments.append(deployment)
            case .environment(let environment): environments.append(environment)
            case .pipeline(let value): pipeline = pipeline ?? value
            case .promotion(let value): promotion = promotion ?? value
            case .rollback(let value): rollback = rollback ?? value
            case .operations(let value): operations = operations ?? value
            case .configuration(let value): configuration = configuration ?? value
            case .openQuestion(let question): questions.append(question)
            }
        }
        (self.people, self.softwareSystems, self.relationships) = (people, systems, relationships)
        self.deployment = deployments.first
        (self.environments, self.openQuestions) = (environments, questions)
        (self.pipeline, self.promotion, self.rollback, self.operations, self.configuration) = (pipeline, promotion, rollback, operations, configuration)
        ArchitectureExport.register(self, extraDeployments: deployments.dropFirst().map(\.location))
    }
}

/// One entry of an ``Architecture`` block.
public enum ArchitectureComponent: Sendable {
    case person(Person)
    case softwareSystem(SoftwareSystem)
    case relationship(Relationship)
    case deployment(Deployment)
    case environment(Environment)
    case pipeline(Pipeline)
    case promotion(Promotion)
    case rollback(Rollback)
    case operations(Operations)
    case configuration(Configuration)
    case openQuestion(OpenQuestion)
}

/// Collects the contents of an ``Architecture``: people, software systems,
/// relationships, one deployment, environments, and one each of pipeline,
/// promotion, rollback, operations and configuration, and open questions.
/// Anything else is a compile-time error.
@resultBuilder
public enum ArchitectureBuilder {
    /// Adds a ``Person`` to the block.
    public static func buildExpression(_ person: Person) -> [ArchitectureComponent] { [.person(person)] }
    /// Adds a ``SoftwareSystem`` to the block.
    public static func buildExpression(_ system: SoftwareSystem) -> [ArchitectureComponent] { [.softwareSystem(system)] }
    /// Adds a ``Relationship`` to the block.
    public static func buildExpression(_ relationship: Relationship) -> [ArchitectureComponent] { [.relationship(relationship)] }
    /// Adds relationships built elsewhere, such as a function's result, to the block.
    public static func buildExpression(_ relationships: [Relationship]) -> [ArchitectureComponent] {
        relationships.map(ArchitectureComponent.relationship)
    }
    /// Adds a ``Deployment`` to the block.
    public static func buildExpression(_ deployment: Deployment) -> [ArchitectureComponent] { [.deployment(deployment)] }
    /// Adds an ``Environment`` to the block.
    public static func buildExpression(_ environment: Environment) -> [ArchitectureComponent] { [.environment(environment)] }
    /// Adds a ``Pipeline`` to the block.
    public static func buildExpression(_ pipeline: Pipeline) -> [ArchitectureComponent] { [.pipeline(pipeline)] }
    /// Adds a ``Promotion`` to the block.
    public static func buildExpression(_ promotion: Promotion) -> [ArchitectureComponent] { [.promotion(promotion)] }
    /// Adds a ``Rollback`` to the block.
    public static func buildExpression(_ rollback: Rollback) -> [ArchitectureComponent] { [.rollback(rollback)] }
    /// Adds an ``Operations`` to the block.
    public static func buildExpression(_ operations: Operations) -> [ArchitectureComponent] { [.operations(operations)] }
    /// Adds a ``Configuration`` to the block.
    public static func buildExpression(_ configuration: Configuration) -> [ArchitectureComponent] { [.configuration(configuration)] }
    /// Adds an ``OpenQuestion`` to the block.
    public static func buildExpression(_ question: OpenQuestion) -> [ArchitectureComponent] { [.openQuestion(question)] }
    /// Includes parts built elsewhere, such as by a function marked with this builder.
    public static func buildExpression(_ parts: [ArchitectureComponent]) -> [ArchitectureComponent] { parts }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [ArchitectureComponent]...) -> [ArchitectureComponent] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [ArchitectureComponent]?) -> [ArchitectureComponent] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [ArchitectureComponent]) -> [ArchitectureComponent] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [ArchitectureComponent]) -> [ArchitectureComponent] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[ArchitectureComponent]]) -> [ArchitectureComponent] { parts.flatMap { $0 } }
}
