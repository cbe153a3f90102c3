/// How the system is deployed: its profiles (environments), the infrastructure
/// nodes, and the services that run on them.
///
/// Services declared directly in the block run on the deployment's own node,
/// the compose host.
public struct Deployment: Codable, Hashable, Sendable {
    /// The name of the deployment environment as a whole, such as `"Docker Compose"`.
    public var name: String
    /// What the deployment is.
    public var description: String?
    /// Why the system is deployed this way (arc42 chapter 7, "Motivation").
    public var motivation: String?
    /// Quality and performance features of the deployment (arc42 chapter 7).
    public var qualityFeatures: String?
    /// The declared profiles, in declaration order.
    public var profiles: [Profile]
    /// Services that run directly on the deployment's own node.
    public var services: [Service]
    /// Infrastructure nodes and what runs on them.
    public var nodes: [DeploymentNode]
    /// Declared named volumes.
    public var volumes: [Volume]
    /// Declared networks.
    public var networks: [Network]
    /// Declared secrets.
    public var secrets: [Secret]
    /// Declared configuration files.
    public var configs: [ConfigFile]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares the deployment.
    public init(
        _ name: String = "Docker Compose",
        description: String? = nil,
        motivation: String? = nil,
        qualityFeatures: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        @DeploymentBuilder content: () -> [DeploymentComponent]
    ) {
        self.name = name
        self.description = description
        self.motivation = motivation
        self.qualityFeatures = qualityFeatures
        self.location = SourceLocation(file: file, line: line, column: column)
        var profiles: [Profile] = [], services: [Service] = [], nodes: [DeploymentNode] = []
        var volumes: [Volume] = [], networks: [Network] = [], secrets: [Secret] = [], configs: [ConfigFile] = []
        for component in content() {
            switch component {
            case .profile(let profile): profiles.append(profile)
            case .service(let service): services.append(service)
            case .node(let node): nodes.append(node)
            case .volume(let volume): volumes.append(volume)
            case .network(let network): networks.append(network)
            case .secret(let secret): secrets.append(secret)
            case .config(let config): configs.append(config)
            }
        }
        (self.secrets, self.configs) = (secrets, configs)
        (self.profiles, self.services, self.nodes, self.volumes, self.networks) = (profiles, services, nodes, volumes, networks)
    }

    /// Every service, on every node, in declaration order (depth first).
    public var allServices: [Service] {
        func collect(_ node: DeploymentNode) -> [Service] { node.services + node.children.flatMap(collect) }
        return services + nodes.flatMap(collect)
    }
}
