/// Infrastructure that runs services: a host, a VM, a cluster node. Nodes nest.
///
/// ```swift
/// Node("vm", "Application VM", technology: "Debian 12") {
///     Service(api, image: "acme/api:1.4")
/// }
/// ```
public struct DeploymentNode: Codable, Hashable, Sendable {
    /// A stable identifier, used as the diagram alias.
    public var id: String
    /// The display name.
    public var name: String
    /// The node's technology, such as `"Docker Engine"`.
    public var technology: String?
    /// What the node is.
    public var description: String?
    /// The services running directly on this node.
    public var services: [Service]
    /// Nodes inside this node.
    public var children: [DeploymentNode]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a node and what runs on it.
    public init(
        _ id: String,
        _ name: String,
        technology: String? = nil,
        description: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        @NodeContentBuilder content: () -> [DeploymentComponent]
    ) {
        self.id = id
        self.name = name
        self.technology = technology
        self.description = description
        self.location = SourceLocation(file: file, line: line, column: column)
        let components = content()
        self.services = components.compactMap { if case .service(let service) = $0 { service } else { nil } }
        self.children = components.compactMap { if case .node(let node) = $0 { node } else { nil } }
    }
}

/// `Node` reads better inside a ``Deployment`` block.
public typealias Node = DeploymentNode

/// One entry of a ``Deployment`` or ``DeploymentNode`` block.
public enum DeploymentComponent: Sendable {
    case profile(Profile)
    case service(Service)
    case node(DeploymentNode)
    case volume(Volume)
    case network(Network)
    case secret(Secret)
    case config(ConfigFile)
}

/// Collects what runs on a ``DeploymentNode``: services and nested nodes.
@resultBuilder
public enum NodeContentBuilder {
    /// Adds a ``Service`` to the block.
    public static func buildExpression(_ service: Service) -> [DeploymentComponent] { [.service(service)] }
    /// Adds a ``DocsServer`` to the block.
    public static func buildExpression(_ docs: DocsServer) -> [DeploymentComponent] { [.service(docs.service)] }
    /// Adds a ``DeploymentNode`` to the block.
    public static func buildExpression(_ node: DeploymentNode) -> [DeploymentComponent] { [.node(node)] }
    /// Includes parts built elsewhere, such as by a function marked with this builder.
    public static func buildExpression(_ parts: [DeploymentComponent]) -> [DeploymentComponent] { parts }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [DeploymentComponent]...) -> [DeploymentComponent] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [DeploymentComponent]?) -> [DeploymentComponent] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [DeploymentComponent]) -> [DeploymentComponent] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [DeploymentComponent]) -> [DeploymentComponent] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[DeploymentComponent]]) -> [DeploymentComponent] { parts.flatMap { $0 } }
}

/// Collects the contents of a ``Deployment``: profiles, volumes, networks,
/// services and nodes.
@resultBuilder
public enum DeploymentBuilder {
    /// Adds a ``Profile`` to the block.
    public static func buildExpression(_ profile: Profile) -> [DeploymentComponent] { [.profile(profile)] }
    /// Adds a ``Volume`` to the block.
    public static func buildExpression(_ volume: Volume) -> [DeploymentComponent] { [.volume(volume)] }
    /// Adds a ``Network`` to the block.
    public static func buildExpression(_ network: Network) -> [DeploymentComponent] { [.network(network)] }
    /// Adds a ``Secret`` to the block.
    public static func buildExpression(_ secret: Secret) -> [DeploymentComponent] { [.secret(secret)] }
    /// Adds a ``ConfigFile`` to the block.
    public static func buildExpression(_ config: ConfigFile) -> [DeploymentComponent] { [.config(config)] }
    /// Adds a ``Service`` to the block.
    public static func buildExpression(_ service: Service) -> [DeploymentComponent] { [.service(service)] }
    /// Adds a ``DocsServer`` to the block.
    public static func buildExpression(_ docs: DocsServer) -> [DeploymentComponent] { [.service(docs.service)] }
    /// Adds a ``DeploymentNode`` to the block.
    public static func buildExpression(_ node: DeploymentNode) -> [DeploymentComponent] { [.node(node)] }
    /// Includes parts built elsewhere, such as by a function marked with this builder.
    public static func buildExpression(_ parts: [DeploymentComponent]) -> [DeploymentComponent] { parts }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [DeploymentComponent]...) -> [DeploymentComponent] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [DeploymentComponent]?) -> [DeploymentComponent] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [DeploymentComponent]) -> [DeploymentComponent] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [DeploymentComponent]) -> [DeploymentComponent] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[DeploymentComponent]]) -> [DeploymentComponent] { parts.flatMap { $0 } }
}
