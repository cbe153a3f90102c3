import ArchdocViews

/// The C4 look of the SVG pictures: colours, shapes and type lines, shared by
/// the elements and the legend so that both always agree.
enum C4Style {
    /// A fill, a darker stroke and the text colour of a box.
    struct Colours: Equatable {
        var fill: String
        var stroke: String
        var text = "#ffffff"
    }

    static let person = Colours(fill: "#08427b", stroke: "#073b6f")
    static let softwareSystem = Colours(fill: "#1168bd", stroke: "#0b4884")
    static let container = Colours(fill: "#438dd5", stroke: "#3c7fc0")
    static let external = Colours(fill: "#999999", stroke: "#8a8a8a")

    /// The stroke and text colour of boundaries.
    static let boundary = "#444444"
    /// The stroke and text colour of relationships.
    static let relationship = "#666666"
    /// The stroke and text colour of start-up dependencies.
    static let dependency = "#999999"
    /// The font of every label; Graphviz measures it with its built-in metrics.
    static let font = "Helvetica"

    /// What a box looks like: its colours and its Graphviz shape.
    enum Look: Equatable, Hashable, CaseIterable {
        case person, externalPerson, softwareSystem, externalSystem
        case container, database, queue, objectStore
        case stage, environment, registry

        init(_ element: DiagramElement) {
            switch element.shape {
            case .person: self = element.isExternal ? .externalPerson : .person
            case .softwareSystem: self = element.isExternal ? .externalSystem : .softwareSystem
            case .container(.service), .container(.webApp): self = .container
            case .container(.database): self = .database
            case .container(.queue): self = .queue
            case .container(.objectStore): self = .objectStore
            case .delivery(.stage): self = .stage
            case .delivery(.environment): self = .environment
            case .delivery(.registry): self = .registry
            }
        }

        var colours: Colours {
            switch self {
            case .person: C4Style.person
            case .externalPerson, .externalSystem: C4Style.external
            case .softwareSystem, .environment: C4Style.softwareSystem
            case .container, .database, .queue, .objectStore, .stage, .registry: C4Style.container
            }
        }

        /// The Graphviz shape and style. People are drawn by an HTML-like
        /// label instead (see ``DOTRenderer``).
        var shape: (name: String, style: String) {
            switch self {
            case .person, .externalPerson: ("none", "")
            case .softwareSystem, .externalSystem, .container, .environment: ("box", "rounded,filled")
            // A stage is a step of a process: a box with square corners.
            case .stage: ("box", "filled")
            case .database, .registry: ("cylinder", "filled")
            // A pipe with an arrow tip: messages flow through it.
            case .queue: ("cds", "filled")
            // A folder: a store of files.
            case .objectStore: ("folder", "filled")
            }
        }

        /// The name in the legend.
        var legendName: String {
            switch self {
            case .person: "Person"
            case .externalPerson: "External person"
            case .softwareSystem: "Software system"
            case .externalSystem: "External software system"
            case .container: "Container"
            case .database: "Container: database"
            case .queue: "Container: queue"
            case .objectStore: "Container: object store"
            case .stage: "Pipeline stage"
            case .environment: "Environment"
            case .registry: "Image registry"
            }
        }
    }

    /// The bracketed type line of an element, as the other renderers write it:
    /// `Person`, `Software System`, `Container: technology`, with `External `
    /// in front for external elements.
    static func typeLine(of element: DiagramElement) -> String {
        var type: String
        switch element.shape {
        case .person: type = "Person"
        case .softwareSystem: type = "Software System"
        case .container: type = element.technology.map { "Container: \($0)" } ?? "Container"
        case .delivery(let shape): type = element.technology.map { "\(shape.name): \($0)" } ?? shape.name
        }
        if element.isExternal { type = "External " + type }
        if element.isPlanned { type += ", planned" }
        return type
    }
}
