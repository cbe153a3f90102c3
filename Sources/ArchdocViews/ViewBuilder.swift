import ArchdocBasics
import ArchdocModel
import ArchitectureDescription

/// Derives the default views of a model: the system context, a container view
/// per internal software system with containers, a deployment view per
/// profile, and the pipeline and the promotion path when the model has them.
package struct ViewBuilder: Sendable {
    /// The model the views show.
    package let model: ArchitectureModel

    /// Creates a view builder for a model.
    package init(model: ArchitectureModel) {
        self.model = model
    }

    /// Every default view, in a stable order.
    package func defaultViews() -> [DiagramView] {
        enum Kind: Sendable { case context, container(SoftwareSystem), deployment(Profile), environment(Environment, Profile) }
        var kinds: [Kind] = [.context]
        for system in model.architecture.softwareSystems where !system.isExternal && !system.containers.isEmpty {
            kinds.append(.container(system))
        }
        if model.architecture.deployment != nil {
            // An environment that runs the compose project is drawn as itself, in
            // place of its profile's view; profiles no environment runs keep theirs.
            var drawn: Set<String> = []
            for environment in model.architecture.environments {
                guard case .compose(let profileID, _) = environment.runtime, let profile = model.profiles.first(where: { $0.id == profileID }) else { continue }
                kinds.append(.environment(environment, profile))
                drawn.insert(profileID)
            }
            kinds += model.profiles.filter { !drawn.contains($0.id) }.map(Kind.deployment)
        }
        let kubernetes = model.kubernetesEnvironments
        // Views are independent, and a large model has dozens. A deployment
        // view scans every relationship and service, a container view only its
        // system's: deployment views start first, or the last of them would
        // run alone after the others.
        let views = kinds.concurrentMap(costliestFirst: { kind in
            switch kind {
            case .deployment, .environment: 2
            case .context: 1
            case .container: 0
            }
        }) { kind in
            switch kind {
            case .context: systemContextView()
            case .container(let system): containerView(of: system)
            case .deployment(let profile): deploymentView(of: profile)
            case .environment(let environment, let profile): deploymentView(of: environment, profile: profile)
            }
        }
        // An environment on Kubernetes named like a profile would take its view's key.
        let taken = Set(views.map(\.key))
        let clusters = kubernetes.map { environment -> DiagramView in
            var view = deploymentView(of: environment)
            if taken.contains(view.key) { view.key += "-kubernetes" }
            return view
        }
        return views + clusters + [pipelineView(), promotionView()].compactMap { $0 }
    }

    /// People and software systems, with relationships lifted to system level.
    package func systemContextView() -> DiagramView {
        let people = model.architecture.people.map { DiagramItem.element(element(for: $0)) }
        let systems = model.architecture.softwareSystems.map { DiagramItem.element(element(for: $0)) }
        let edges = liftedEdges(model.architecture.relationships.indices) { id, element in
            switch element.map(model.kind(at:)) {
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
    package func containerView(of system: SoftwareSystem) -> DiagramView {
        let inside = Set(system.containers.map(\.id))
        // Containers of this system stay; anything else is shown at system level.
        let visible: (String, Int?) -> String? = { id, element in
            switch element.map(model.kind(at:)) {
            case .person: return id
            case .softwareSystem: return id == system.id ? nil : id
            case .container(let systemID): return systemID == system.id ? (inside.contains(id) ? id : nil) : systemID
            case nil: return inside.contains(id) ? id : nil
            }
        }
        let edges = liftedEdges(model.relationshipPositions(ofContainersIn: system.id), visible)
            .filter { inside.contains($0.sourceID) || inside.contains($0.destinationID) }
        let neighbours = Set(edges.flatMap { [$0.sourceID, $0.destinationID] }).subtracting(inside)
        let (people, systems) = peopleAndSystems(among: neighbours)
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
    package func deploymentView(of profile: Profile) -> DiagramView {
        let deployment = model.architecture.deployment
        let services = model.deployedServices(in: profile.id)
        let deployed = Set(services.map(\.name))
        // Whether each element is deployed, by position: a lookup for each end of every relationship.
        var isDeployed = [Bool](repeating: false, count: model.elements.count)
        for service in services { if let position = model.position(of: service.name) { isDeployed[position] = true } }
        let visible: (String, Int?) -> String? = { id, element in
            guard let element else { return deployed.contains(id) ? id : nil }
            if isDeployed[element] { return id }
            switch model.kind(at: element) {
            case .person, .softwareSystem: return id
            case .container: return nil
            }
        }
        // Edges with a deployed service at one end at least; the other ends are the neighbours to show.
        var neighbours: Set<String> = []
        var edges = liftedEdges(model.architecture.relationships.indices, visible).filter { edge in
            let source = deployed.contains(edge.sourceID), destination = deployed.contains(edge.destinationID)
            guard source || destination else { return false }
            if !source { neighbours.insert(edge.sourceID) }
            if !destination { neighbours.insert(edge.destinationID) }
            return true
        }
        for service in services {
            for dependency in service.service.dependsOn where deployed.contains(dependency.containerID) {
                edges.append(DiagramEdge(
                    sourceID: service.name, destinationID: dependency.containerID,
                    label: "depends on", technology: dependency.condition.label, kind: .dependency(dependency.condition)))
            }
        }
        let (people, systems) = peopleAndSystems(among: neighbours)

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

    /// An environment that runs the compose project: its profile's services
    /// and nodes, inside the environment's host; keyed `deployment-<environment>`.
    package func deploymentView(of environment: Environment, profile: Profile) -> DiagramView {
        var view = deploymentView(of: profile)
        let planned = environment.status != .current
        view.key = "deployment-\(environment.id)"
        view.title = "Deployment – \(environment.name) (profile \(profile.id))" + (planned ? ", planned" : "")
        view.items = view.items.map { item in
            guard case .boundary(var root) = item, root.kind == .deploymentNode else { return item }
            root.name = "\(environment.name): " + Self.runtimeLabel(environment.runtime) + (planned ? " (planned)" : "")
            root.description = environment.description ?? root.description
            return .boundary(root)
        }
        return view
    }

    /// An environment on Kubernetes: cluster → namespace → workloads, with
    /// what runs outside the cluster beside it; keyed `deployment-<environment>`.
    package func deploymentView(of kubernetes: KubernetesEnvironment) -> DiagramView {
        let environment = kubernetes.environment
        let profile = model.profiles.first { $0.id == (kubernetes.settings.profile ?? model.profiles.first?.id) } ?? Profile("default")
        var view = deploymentView(of: profile)
        let planned = environment.status != .current
        let inside = Set(kubernetes.services.map(\.name))
        // Looked up by id: a scan per element would make a large cluster's view quadratic.
        let servicesByName = Dictionary(kubernetes.services.map { ($0.name, $0) }) { first, _ in first }
        let outsideIDs = Set(kubernetes.outside.map(\.name))
        var workloads: [DiagramElement] = []
        var outside: [DiagramItem] = []
        func collect(_ items: [DiagramItem]) {
            for item in items {
                switch item {
                case .element(var element) where inside.contains(element.id):
                    if let service = servicesByName[element.id] {
                        let replicas = kubernetes.replicas(of: service)
                        element.technology = [element.technology, "\(replicas) replica\(replicas == 1 ? "" : "s")"].compactMap { $0 }.joined(separator: ", ")
                    }
                    workloads.append(element)
                case .element(var element) where outsideIDs.contains(element.id):
                    element.description = "Outside the cluster" + (element.description.map { ": \($0)" } ?? "")
                    outside.append(.element(element))
                case .element: break
                case .boundary(let boundary): collect(boundary.items)
                }
            }
        }
        var neighbours: [DiagramItem] = []
        for item in view.items {
            if case .boundary(let root) = item, root.kind == .deploymentNode { collect(root.items) } else { neighbours.append(item) }
        }
        guard case .kubernetes(let version, let namespace, let cluster) = environment.runtime else { return view }
        let namespaceNode = DiagramBoundary(id: "namespace_\(environment.id)", name: "namespace \(namespace)", kind: .deploymentNode,
                                            technology: "Kubernetes namespace", description: nil, items: workloads.map(DiagramItem.element))
        let clusterNode = DiagramBoundary(
            id: "cluster_\(environment.id)", name: "\(environment.name): " + (cluster ?? "Kubernetes cluster") + (planned ? " (planned)" : ""),
            kind: .deploymentNode, technology: "Kubernetes" + (version.map { " \($0)" } ?? ""), description: environment.description,
            items: [.boundary(namespaceNode)])
        let shown = inside.union(outsideIDs)
        view.key = "deployment-\(environment.id)"
        view.title = "Deployment – \(environment.name) (Kubernetes)" + (planned ? ", planned" : "")
        view.kind = .cluster(environmentID: environment.id)
        view.items = neighbours + [.boundary(clusterNode)] + outside
        let ids = Set(view.allElements.map(\.id))
        // Kubernetes starts workloads without waiting for others: no start-up dependencies.
        view.edges = view.edges.filter { edge in
            if case .dependency = edge.kind { return false }
            return ids.contains(edge.sourceID) && ids.contains(edge.destinationID) && (shown.contains(edge.sourceID) || shown.contains(edge.destinationID))
        }
        return view
    }

    // MARK: Elements

    /// The people and the software systems among `ids`, each in declaration
    /// order. Looked up by id: a view has a few neighbours, and scanning every
    /// system for each of a large model's views would cost time quadratic in it.
    private func peopleAndSystems(among ids: Set<String>) -> (people: [DiagramItem], systems: [DiagramItem]) {
        var people: [DiagramItem] = [], systems: [DiagramItem] = []
        for position in ids.compactMap(model.position(of:)).sorted() {
            switch model.elements[position] {
            case .person(let person): people.append(.element(element(for: person)))
            case .softwareSystem(let system): systems.append(.element(element(for: system)))
            case .container: break
            }
        }
        return (people, systems)
    }

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

    /// The model's relationships at `positions` with each end mapped to the
    /// element that stands for it in a view (`nil`: not shown), given its id
    /// and its position in the model's elements (`nil`: an unknown id).
    /// Relationships inside one shown element are dropped; repeats keep the first.
    private func liftedEdges(_ positions: some Collection<Int>, _ visible: (_ id: String, _ element: Int?) -> String?) -> [DiagramEdge] {
        let relationships = model.architecture.relationships
        var seen = Set<EdgeKey>(minimumCapacity: positions.count)
        var edges: [DiagramEdge] = []
        edges.reserveCapacity(positions.count)
        for position in positions {
            let relationship = relationships[position]
            let ends = model.relationshipEnds[position]
            guard let source = visible(relationship.sourceID, ends.source),
                  let destination = visible(relationship.destinationID, ends.destination),
                  source != destination
            else { continue }
            let lifted = source != relationship.sourceID || destination != relationship.destinationID
            guard seen.insert(EdgeKey(source: source, destination: destination, label: lifted ? "" : relationship.description)).inserted else { continue }
            edges.append(DiagramEdge(
                sourceID: source, destinationID: destination, label: relationship.description,
                technology: relationship.technology, kind: .relationship))
        }
        return edges
    }
}

/// What makes an edge a repeat: its ends, and its label unless it was lifted.
private struct EdgeKey: Hashable {
    var source: String
    var destination: String
    var label: String
}

extension Dependency.Condition {
    /// A short label for diagrams: `healthy`, `started`, `completed`.
    package var label: String {
        switch self {
        case .started: "started"
        case .healthy: "healthy"
        case .completedSuccessfully: "completed"
        }
    }
}
