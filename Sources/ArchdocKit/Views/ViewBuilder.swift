import ArchitectureDescription

/// Derives the default views of a model: the system context, a container view
/// per internal software system with containers, and a deployment view per profile.
public struct ViewBuilder: Sendable {
    /// The model the views show.
    public let model: ArchitectureModel

    /// Creates a view builder for a model.
    public init(model: ArchitectureModel) {
        self.model = model
    }

    /// Every default view, in a stable order.
    public func defaultViews() -> [DiagramView] {
        enum Kind: Sendable { case context, container(SoftwareSystem), deployment(Profile) }
        var kinds: [Kind] = [.context]
        for system in model.architecture.softwareSystems where !system.isExternal && !system.containers.isEmpty {
            kinds.append(.container(system))
        }
        if model.architecture.deployment != nil {
            kinds += model.profiles.map(Kind.deployment)
        }
        // Views are independent, and a large model has dozens. A deployment
        // view scans every relationship and service, a container view only its
        // system's: deployment views start first, or the last of them would
        // run alone after the others.
        return kinds.concurrentMap(costliestFirst: { kind in
            switch kind {
            case .deployment: 2
            case .context: 1
            case .container: 0
            }
        }) { kind in
            switch kind {
            case .context: systemContextView()
            case .container(let system): containerView(of: system)
            case .deployment(let profile): deploymentView(of: profile)
            }
        }
    }

    /// People and software systems, with relationships lifted to system level.
    public func systemContextView() -> DiagramView {
        let people = model.architecture.people.map { DiagramItem.element(element(for: $0)) }
        let systems = model.architecture.softwareSystems.map { DiagramItem.element(element(for: $0)) }
        let edges = liftedEdges(model.architecture.relationships) { id, kind in
            switch kind {
            case .person: id
            case .softwareSystem: id
            case .container(let systemID): systemID
            case nil: nil
            }
        }
        return DiagramView(
            key: "context", title: "System Context of \(model.architecture.name)", kind: .systemContext,
            items: people + systems, edges: edges)
    }

    /// The containers of one system inside its boundary, with the people,
    /// systems and containers of other systems they interact with.
    public func containerView(of system: SoftwareSystem) -> DiagramView {
        let inside = Set(system.containers.map(\.id))
        // Containers of this system stay; anything else is shown at system level.
        let visible: (String, ModelElementKind?) -> String? = { id, kind in
            if inside.contains(id) { return id }
            switch kind {
            case .person: return id
            case .softwareSystem: return id == system.id ? nil : id
            case .container(let systemID): return systemID == system.id ? nil : systemID
            case nil: return nil
            }
        }
        let edges = liftedEdges(model.relationships(ofContainersIn: system.id), visible)
            .filter { inside.contains($0.sourceID) || inside.contains($0.destinationID) }
        let neighbours = Set(edges.flatMap { [$0.sourceID, $0.destinationID] }).subtracting(inside)
        let people = model.architecture.people.filter { neighbours.contains($0.id) }.map { DiagramItem.element(element(for: $0)) }
        let systems = model.architecture.softwareSystems.filter { neighbours.contains($0.id) }.map { DiagramItem.element(element(for: $0)) }
        let boundary = DiagramBoundary(
            id: system.id, name: system.name, kind: .softwareSystem, technology: nil, description: system.description,
            items: system.containers.map { .element(element(for: $0)) })
        return DiagramView(
            key: "container-\(system.id)", title: "Containers of \(system.name)", kind: .container(systemID: system.id),
            items: people + [.boundary(boundary)] + systems, edges: edges)
    }

    /// The services that run in one profile, on their nodes, with the people and
    /// external systems that use them, the relationships between them, and their
    /// start-up dependencies.
    public func deploymentView(of profile: Profile) -> DiagramView {
        let deployment = model.architecture.deployment
        let services = model.deployedServices(in: profile.id)
        let deployed = Set(services.map(\.name))
        let visible: (String, ModelElementKind?) -> String? = { id, kind in
            if deployed.contains(id) { return id }
            switch kind {
            case .person, .softwareSystem: return id
            case .container, nil: return nil
            }
        }
        var edges = liftedEdges(model.architecture.relationships, visible).filter { deployed.contains($0.sourceID) || deployed.contains($0.destinationID) }
        for service in services {
            for dependency in service.service.dependsOn where deployed.contains(dependency.containerID) {
                edges.append(DiagramEdge(
                    sourceID: service.name, destinationID: dependency.containerID,
                    label: "depends on", technology: dependency.condition.label, kind: .dependency(dependency.condition)))
            }
        }
        let neighbours = Set(edges.flatMap { [$0.sourceID, $0.destinationID] }).subtracting(deployed)
        let people = model.architecture.people.filter { neighbours.contains($0.id) }.map { DiagramItem.element(element(for: $0)) }
        let systems = model.architecture.softwareSystems.filter { neighbours.contains($0.id) }.map { DiagramItem.element(element(for: $0)) }

        let byNode = Dictionary(grouping: services) { $0.placed.nodePath.last?.id }
        func items(on nodeID: String?, children: [DeploymentNode]) -> [DiagramItem] {
            let here = (byNode[nodeID] ?? []).map { DiagramItem.element(element(for: $0)) }
            let nested = children.compactMap { child -> DiagramItem? in
                let content = items(on: child.id, children: child.children)
                guard !content.isEmpty else { return nil }
                return .boundary(DiagramBoundary(
                    id: "node_\(child.id)", name: child.name, kind: .deploymentNode, technology: child.technology,
                    description: child.description, items: content))
            }
            return here + nested
        }
        let name = deployment?.name ?? "Deployment"
        let root = DiagramBoundary(
            id: "deployment_\(profile.id)", name: model.declaresProfiles ? "\(name) – \(profile.name)" : name,
            kind: .deploymentNode, technology: nil, description: profile.description ?? deployment?.description,
            items: items(on: nil, children: deployment?.nodes ?? []))
        return DiagramView(
            key: "deployment-\(profile.id)", title: "Deployment – \(profile.name)", kind: .deployment(profileID: profile.id),
            items: people + [.boundary(root)] + systems, edges: edges)
    }

    // MARK: Elements

    private func element(for person: Person) -> DiagramElement {
        DiagramElement(
            id: person.id, name: person.name, shape: .person, isExternal: person.isExternal, technology: nil,
            description: person.description, icon: nil, tags: person.tags)
    }

    private func element(for system: SoftwareSystem) -> DiagramElement {
        DiagramElement(
            id: system.id, name: system.name, shape: .softwareSystem, isExternal: system.isExternal, technology: nil,
            description: system.description, icon: nil, tags: system.tags)
    }

    private func element(for container: Container) -> DiagramElement {
        DiagramElement(
            id: container.id, name: container.name, shape: .container(container.kind), isExternal: false,
            technology: container.technology, description: container.description, icon: container.icon, tags: container.tags)
    }

    private func element(for service: DeployedService) -> DiagramElement {
        guard case .container(let container, _) = model.element(service.name) else {
            return DiagramElement(
                id: service.name, name: service.name, shape: .container(.service), isExternal: false,
                technology: service.image, description: service.description, icon: nil, tags: [])
        }
        var element = element(for: container)
        element.technology = service.technology ?? container.technology
        element.description = service.description ?? container.description
        return element
    }

    // MARK: Edges

    /// The model's relationships with each end mapped to the element that
    /// stands for it in a view (`nil`: not shown), given its id and kind.
    /// Relationships inside one shown element are dropped; repeats keep the first.
    private func liftedEdges(_ relationships: [Relationship], _ visible: (String, ModelElementKind?) -> String?) -> [DiagramEdge] {
        var seen: Set<String> = []
        // The closure gets the kind, so that it need not reach into the model (and copy it) for every end.
        let model = model
        return relationships.compactMap { relationship in
            guard let source = visible(relationship.sourceID, model.kind(of: relationship.sourceID)),
                  let destination = visible(relationship.destinationID, model.kind(of: relationship.destinationID)),
                  source != destination
            else { return nil }
            let lifted = source != relationship.sourceID || destination != relationship.destinationID
            guard seen.insert("\(source)\u{0}\(destination)\u{0}\(lifted ? "" : relationship.description)").inserted else { return nil }
            return DiagramEdge(
                sourceID: source, destinationID: destination, label: relationship.description,
                technology: relationship.technology, kind: .relationship)
        }
    }
}

extension Dependency.Condition {
    /// A short label for diagrams: `healthy`, `started`, `completed`.
    public var label: String {
        switch self {
        case .started: "started"
        case .healthy: "healthy"
        case .completedSuccessfully: "completed"
        }
    }
}
