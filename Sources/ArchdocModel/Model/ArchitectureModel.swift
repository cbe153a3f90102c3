import ArchitectureDescription

/// An element of the model, with what it belongs to.
package enum ModelElement: Sendable {
    case person(Person)
    case softwareSystem(SoftwareSystem)
    /// A container, and the id of its software system (`nil` for a standalone
    /// container such as the docs server's).
    case container(Container, systemID: String?)

    // Each case is read on its own rather than through `any Element`: boxing a
    // Container into an existential copied all of its fields, and indexing a
    // model asks every element for its id.

    /// The element's id.
    package var id: String {
        switch self {
        case .person(let person): person.id
        case .softwareSystem(let system): system.id
        case .container(let container, _): container.id
        }
    }

    /// The element's display name.
    package var name: String {
        switch self {
        case .person(let person): person.name
        case .softwareSystem(let system): system.name
        case .container(let container, _): container.name
        }
    }

    /// Where the element was declared.
    package var location: SourceLocation {
        switch self {
        case .person(let person): person.location
        case .softwareSystem(let system): system.location
        case .container(let container, _): container.location
        }
    }

    /// What the element is, without its declaration.
    package var kind: ModelElementKind {
        switch self {
        case .person: .person
        case .softwareSystem: .softwareSystem
        case .container(_, let systemID): .container(systemID: systemID)
        }
    }
}

/// What an id names, without the declaration: views look up both ends of
/// every relationship, and copying a whole element out of the model for each
/// was most of their time.
package enum ModelElementKind: Sendable, Equatable {
    case person
    case softwareSystem
    /// A container, and the id of its software system (`nil` for a standalone container).
    case container(systemID: String?)

    /// The system of a container; `nil` for anything else.
    var systemOfContainer: String? {
        if case .container(let systemID) = self { systemID } else { nil }
    }
}

/// The architecture as archdoc works with it: the user's declarations, indexed
/// by id, with the deployment resolved per profile.
///
/// Building a model never fails; problems such as duplicate ids or dangling
/// references are reported by ``Validator`` (the first declaration of an id wins).
package struct ArchitectureModel: Sendable {
    /// The declarations as the user wrote them.
    package let architecture: Architecture
    /// Every element, in declaration order: people, then each software system
    /// followed by its containers, then standalone containers.
    package let elements: [ModelElement]
    /// The profiles; when none are declared, a single `default` profile.
    package let profiles: [Profile]
    /// Every service, with the node it runs on.
    package let services: [PlacedService]
    /// Where further `Deployment` blocks were declared (only one is allowed).
    package let extraDeployments: [SourceLocation]
    private let index: [String: Int]
    /// The kind of each element, by position.
    private let kinds: [ModelElementKind]
    /// Positions in `architecture.relationships` by the system of a container at either end.
    private let relationshipsBySystem: [String: [Int]]
    /// The positions in `elements` of each relationship's ends (`nil`: an
    /// unknown id), by the relationship's position: looked up once here, not
    /// by every view for every relationship.
    package let relationshipEnds: [(source: Int?, destination: Int?)]

    /// Indexes an architecture.
    package init(_ architecture: Architecture, extraDeployments: [SourceLocation] = []) {
        self.architecture = architecture
        self.extraDeployments = extraDeployments
        var elements: [ModelElement] = architecture.people.map(ModelElement.person)
        for system in architecture.softwareSystems {
            elements.append(.softwareSystem(system))
            elements += system.containers.map { .container($0, systemID: system.id) }
        }
        let deployment = architecture.deployment
        let services = deployment.map(PlacedService.collect) ?? []
        elements += services.compactMap { $0.service.standaloneContainer.map { .container($0, systemID: nil) } }
        self.elements = elements
        self.services = services
        var index = [String: Int](minimumCapacity: elements.count)
        for (position, element) in elements.enumerated() where index[element.id] == nil {
            index[element.id] = position
        }
        self.index = index
        let kinds = elements.map(\.kind)
        self.kinds = kinds
        relationshipEnds = architecture.relationships.map { (index[$0.sourceID], index[$0.destinationID]) }
        var bySystem: [String: [Int]] = [:]
        for (position, ends) in relationshipEnds.enumerated() {
            let source = ends.source.flatMap { kinds[$0].systemOfContainer }
            let destination = ends.destination.flatMap { kinds[$0].systemOfContainer }
            if let source { bySystem[source, default: []].append(position) }
            if let destination, destination != source { bySystem[destination, default: []].append(position) }
        }
        relationshipsBySystem = bySystem
        if let declared = deployment?.profiles, !declared.isEmpty {
            profiles = declared
        } else {
            let location = deployment?.location ?? architecture.location
            profiles = [Profile(Self.defaultProfileID, deployment?.name ?? "Default", file: location.file, line: location.line, column: location.column)]
        }
    }

    /// The id of the implicit profile of a deployment that declares none.
    package static let defaultProfileID = "default"

    /// Whether the deployment declares its own profiles.
    package var declaresProfiles: Bool { !(architecture.deployment?.profiles.isEmpty ?? true) }

    /// The element with an id, if there is one.
    package func element(_ id: String) -> ModelElement? { index[id].map { elements[$0] } }

    /// What the element with an id is, if there is one; cheaper than ``element(_:)``.
    package func kind(of id: String) -> ModelElementKind? { index[id].map { kinds[$0] } }

    /// The position in ``elements`` of the element with an id (the first, if
    /// the id is declared twice).
    package func position(of id: String) -> Int? { index[id] }

    /// What the element at a position in ``elements`` is.
    package func kind(at position: Int) -> ModelElementKind { kinds[position] }

    /// The containers, in declaration order.
    package var containers: [(container: Container, systemID: String?)] {
        elements.compactMap { if case .container(let c, let s) = $0 { (c, s) } else { nil } }
    }

    /// The software system an element belongs to, or is: a container's system,
    /// a system itself; `nil` for people and standalone containers.
    package func systemID(of id: String) -> String? {
        switch element(id) {
        case .softwareSystem(let system): system.id
        case .container(_, let systemID): systemID
        case .person, nil: nil
        }
    }

    /// The relationships with a container of a software system at one end
    /// (or both), in declaration order. Indexed once, so that per-system views
    /// and chapters cost time linear in the model, not quadratic.
    package func relationships(ofContainersIn systemID: String) -> [Relationship] {
        relationshipPositions(ofContainersIn: systemID).map { architecture.relationships[$0] }
    }

    /// The positions in `architecture.relationships` of ``relationships(ofContainersIn:)``.
    package func relationshipPositions(ofContainersIn systemID: String) -> [Int] {
        relationshipsBySystem[systemID] ?? []
    }

    /// The services that run in a profile, with that profile's settings applied.
    package func deployedServices(in profileID: String) -> [DeployedService] {
        services.compactMap { placed in
            let service = placed.service
            if let profiles = service.profiles, declaresProfiles, !profiles.contains(profileID) { return nil }
            return DeployedService(placed: placed, profileID: profileID)
        }
    }
}
