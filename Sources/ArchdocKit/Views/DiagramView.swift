import ArchitectureDescription

/// A diagram to draw, independent of the diagram language: the elements and
/// boundaries it shows and the arrows between them.
///
/// ``ViewBuilder`` derives the views from the model; each renderer only formats
/// them, so every language shows exactly the same facts.
public struct DiagramView: Sendable {
    /// The sort of view.
    public enum Kind: Sendable, Equatable {
        /// People and software systems.
        case systemContext
        /// The containers of one software system.
        case container(systemID: String)
        /// What runs in one profile, on which nodes.
        case deployment(profileID: String)
    }

    /// The file name stem, such as `context` or `deployment-dev`.
    public var key: String
    /// The title drawn on the diagram.
    public var title: String
    /// The sort of view.
    public var kind: Kind
    /// The top-level items; boundaries contain further items.
    public var items: [DiagramItem]
    /// The arrows, in model order.
    public var edges: [DiagramEdge]

    /// Every element, including those inside boundaries, depth first.
    public var allElements: [DiagramElement] {
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
public enum DiagramItem: Sendable {
    case element(DiagramElement)
    case boundary(DiagramBoundary)
}

/// A box in a diagram.
public struct DiagramElement: Sendable, Equatable {
    /// The shape and C4 type of a box.
    public enum Shape: Sendable, Equatable {
        case person
        case softwareSystem
        case container(ContainerKind)
    }

    /// The model id.
    public var id: String
    /// The display name.
    public var name: String
    /// The shape.
    public var shape: Shape
    /// Whether the element is outside the team's ownership.
    public var isExternal: Bool
    /// The technology line.
    public var technology: String?
    /// The description.
    public var description: String?
    /// The sprite, for languages that draw one.
    public var icon: Icon?
    /// The element's tags.
    public var tags: [String]
}

/// A box around other boxes: a software system's boundary or a deployment node.
public struct DiagramBoundary: Sendable {
    /// What the boundary stands for.
    public enum Kind: Sendable, Equatable {
        case softwareSystem
        case deploymentNode
    }

    /// A stable id, unique in the view.
    public var id: String
    /// The label.
    public var name: String
    /// What the boundary stands for.
    public var kind: Kind
    /// The technology line of a deployment node.
    public var technology: String?
    /// The description of a deployment node.
    public var description: String?
    /// What is inside.
    public var items: [DiagramItem]
}

/// An arrow.
public struct DiagramEdge: Sendable, Equatable {
    /// What an arrow stands for.
    public enum Kind: Sendable, Equatable {
        /// A use, from the model's relationships.
        case relationship
        /// A start-up dependency (`depends_on`), drawn dashed.
        case dependency(Dependency.Condition)
    }

    /// The id of the element the arrow starts at.
    public var sourceID: String
    /// The id of the element the arrow points at.
    public var destinationID: String
    /// The label.
    public var label: String
    /// The technology, shown under the label.
    public var technology: String?
    /// What the arrow stands for.
    public var kind: Kind
}
