import ArchitectureDescription

/// A diagram to draw, independent of the diagram language: the elements and
/// boundaries it shows and the arrows between them.
///
/// ``ViewBuilder`` derives the views from the model; each renderer only formats
/// them, so every language shows exactly the same facts.
package struct DiagramView: Sendable {
    /// The sort of view.
    package enum Kind: Sendable, Equatable {
        /// People and software systems.
        case systemContext
        /// The containers of one software system.
        case container(systemID: String)
        /// What runs in one profile, on which nodes.
        case deployment(profileID: String)
        /// What runs in an environment on Kubernetes: cluster, namespace, workloads.
        case cluster(environmentID: String)
        /// The stages of the delivery pipeline, in order, and where they push and deploy.
        case pipeline
        /// The path builds take through registries and environments, with the gates.
        case promotion
    }

    /// The file name stem, such as `context` or `deployment-dev`.
    package var key: String
    /// The title drawn on the diagram.
    package var title: String
    /// The sort of view.
    package var kind: Kind
    /// The top-level items; boundaries contain further items.
    package var items: [DiagramItem]
    /// The arrows, in model order.
    package var edges: [DiagramEdge]

    /// Every element, including those inside boundaries, depth first.
    package var allElements: [DiagramElement] {
        // Into one array: renderers ask for it several times per view.
        func walk(_ items: [DiagramItem], into elements: inout [DiagramElement]) {
            for item in items {
                switch item {
                case .element(let element): elements.append(element)
                case .boundary(let boundary): walk(boundary.items, into: &elements)
                }
            }
        }
        var elements: [DiagramElement] = []
        walk(items, into: &elements)
        return elements
    }
}

/// An element or a boundary in a view.
package enum DiagramItem: Sendable {
    case element(DiagramElement)
    case boundary(DiagramBoundary)
}

/// A box in a diagram.
package struct DiagramElement: Sendable, Equatable {
    /// The shape and C4 type of a box.
    package enum Shape: Sendable, Equatable {
        case person
        case softwareSystem
        case container(ContainerKind)
        /// A step of delivery: a pipeline stage, an environment or a registry.
        case delivery(DeliveryShape)
    }

    /// The boxes of the pipeline and promotion views.
    package enum DeliveryShape: Sendable, Equatable {
        case stage
        case environment
        case registry

        /// The type line's word, as every renderer writes it.
        package var name: String {
            switch self {
            case .stage: "Stage"
            case .environment: "Environment"
            case .registry: "Registry"
            }
        }
    }

    /// The model id.
    package var id: String
    /// The display name.
    package var name: String
    /// The shape.
    package var shape: Shape
    /// Whether the element is outside the team's ownership.
    package var isExternal: Bool
    /// The technology line.
    package var technology: String?
    /// The description.
    package var description: String?
    /// The sprite, for languages that draw one.
    package var icon: Icon?
    /// The element's tags.
    package var tags: [String]
    /// Whether it is not in place yet: drawn dashed and labelled "planned".
    package var isPlanned = false
}

/// A box around other boxes: a software system's boundary or a deployment node.
package struct DiagramBoundary: Sendable {
    /// What the boundary stands for.
    package enum Kind: Sendable, Equatable {
        case softwareSystem
        case deploymentNode
    }

    /// A stable id, unique in the view.
    package var id: String
    /// The label.
    package var name: String
    /// What the boundary stands for.
    package var kind: Kind
    /// The technology line of a deployment node.
    package var technology: String?
    /// The description of a deployment node.
    package var description: String?
    /// What is inside.
    package var items: [DiagramItem]
}

/// An arrow.
package struct DiagramEdge: Sendable, Equatable {
    /// What an arrow stands for.
    package enum Kind: Sendable, Equatable {
        /// A use, from the model's relationships.
        case relationship
        /// A start-up dependency (`depends_on`), drawn dashed.
        case dependency(Dependency.Condition)
        /// The next step of delivery: a stage after a stage, a push, a deploy, a promotion.
        case flow(isPlanned: Bool)
    }

    /// The id of the element the arrow starts at.
    package var sourceID: String
    /// The id of the element the arrow points at.
    package var destinationID: String
    /// The label.
    package var label: String
    /// The technology, shown under the label.
    package var technology: String?
    /// What the arrow stands for.
    package var kind: Kind
}
