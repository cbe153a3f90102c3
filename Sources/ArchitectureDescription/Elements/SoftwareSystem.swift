/// A software system: the highest level of abstraction, something that delivers
/// value to its users, whether built by the team (with containers inside) or an
/// external system it talks to.
public struct SoftwareSystem: Element, Codable, Hashable {
    /// The id: unique in the architecture; diagrams, file names and compose services use it.
    public var id: String
    /// The name shown in diagrams and documents.
    public var name: String
    /// What the system does.
    public var description: String?
    /// Whether the system is owned by someone else (drawn as external).
    public var isExternal: Bool
    /// Free-form tags, for styling and filtering.
    public var tags: [String]
    /// The containers that make up the system.
    public var containers: [Container]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a software system and its containers.
    ///
    /// ```swift
    /// SoftwareSystem("shop", "Shop", description: "Sells things") {
    ///     api
    ///     db
    /// }
    /// ```
    public init(
        _ id: String,
        _ name: String,
        description: String? = nil,
        isExternal: Bool = false,
        tags: [String] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        @ContainerListBuilder containers: () -> [Container] = { [] }
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.isExternal = isExternal
        self.tags = tags
        self.containers = containers()
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// Collects the containers of a ``SoftwareSystem``.
@resultBuilder
public enum ContainerListBuilder {
    /// Adds a ``Container`` to the block.
    public static func buildExpression(_ container: Container) -> [Container] { [container] }
    /// Adds containers built elsewhere, such as a function's result, to the block.
    public static func buildExpression(_ containers: [Container]) -> [Container] { containers }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [Container]...) -> [Container] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [Container]?) -> [Container] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [Container]) -> [Container] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [Container]) -> [Container] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[Container]]) -> [Container] { parts.flatMap { $0 } }
}
