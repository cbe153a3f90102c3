import ArchdocViews
import ArchitectureDescription

/// Renders views as Mermaid flowcharts, which GitHub and GitLab draw inline:
/// boundaries become subgraphs, element kinds become shapes (a cylinder for a
/// database, a horizontal cylinder for a queue), and classes give the C4 colours.
package struct MermaidRenderer: DiagramRenderer {
    package let fileExtension = "mmd"

    /// Creates a renderer.
    package init() {}

    /// The longest source Mermaid draws with its default configuration
    /// (`maxTextSize`, in JavaScript characters, that is UTF-16 code units);
    /// GitHub and GitLab draw a longer one as "Maximum text size in diagram
    /// exceeded". A page cannot raise it: `maxTextSize` is one of the keys an
    /// `%%{init}%%` directive may not set.
    package static let defaultMaxTextSize = 50_000

    /// Words Mermaid's flowchart grammar reserves; ids equal to them get a suffix.
    static let reservedWords: Set<String> = [
        "end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click", "linkstyle", "default", "direction",
        "call", "href", "interpolate",
    ]

    package func render(_ view: DiagramView) -> String {
        let elementCount = view.allElements.count
        var aliases = AliasTable(reserved: Self.reservedWords, capacity: elementCount + 8)
        var out = TextWriter(capacity: view.edges.count * 120 + elementCount * 200 + 1_024)
        out.line("---")
        out.line("title: \(MermaidText.frontMatterTitle(view.title))")
        out.line("---")
        out.line("flowchart TB")
        var classes: [String: [String]] = [:]
        var boundaries: [String] = []
        out.indent { out in
            for item in view.items {
                write(item, to: &out, aliases: &aliases, classes: &classes, boundaries: &boundaries)
            }
            if !view.edges.isEmpty { out.blank() }
            var dependencyLinks: [Int] = []
            for (index, edge) in view.edges.enumerated() {
                // Written piece by piece: one line per arrow adds up in large views.
                out.beginLine()
                out.write(aliases.alias(for: edge.sourceID))
                let solid = edge.kind == .relationship || edge.kind == .flow(isPlanned: false)
                out.write(solid ? " -->|\"" : " -.->|\"")
                out.write(MermaidText.escaped(edge.label))
                if let technology = edge.technology {
                    out.write("<br/><small>[")
                    out.write(MermaidText.escaped(technology))
                    out.write("]</small>")
                }
                out.write("\"| ")
                out.write(aliases.alias(for: edge.destinationID))
                out.endLine()
                if !solid { dependencyLinks.append(index) }
            }
            out.blank()
            for (name, style) in Self.classStyles where classes[name] != nil {
                out.line("classDef \(name) \(style)")
            }
            for (name, _) in Self.classStyles {
                if let members = classes[name] { out.line("class \(members.joined(separator: ",")) \(name)") }
            }
            for boundary in boundaries {
                out.line("style \(boundary) fill:none,stroke:#444444,stroke-dasharray:5 5,color:#444444")
            }
            if !dependencyLinks.isEmpty {
                out.line("linkStyle \(dependencyLinks.map(String.init).joined(separator: ",")) stroke:#707070")
            }
        }
        return out.text
    }

    /// The C4 colours, in a fixed order.
    static let classStyles: [(String, String)] = [
        ("person", "fill:#08427b,stroke:#073b6f,color:#ffffff"),
        ("system", "fill:#1168bd,stroke:#0b4884,color:#ffffff"),
        ("container", "fill:#438dd5,stroke:#3c7fc0,color:#ffffff"),
        ("external", "fill:#999999,stroke:#8a8a8a,color:#ffffff"),
        ("planned", "fill:#ffffff,stroke:#438dd5,stroke-dasharray:5 5,color:#1a1a1a"),
    ]

    private func write(
        _ item: DiagramItem, to out: inout TextWriter, aliases: inout AliasTable,
        classes: inout [String: [String]], boundaries: inout [String]
    ) {
        switch item {
        case .element(let element):
            let alias = aliases.alias(for: element.id)
            writeNode(for: element, alias: alias, to: &out)
            let className: String = switch element.shape {
            case _ where element.isExternal: "external"
            case _ where element.isPlanned: "planned"
            case .person: "person"
            case .softwareSystem, .delivery(.environment): "system"
            case .container, .delivery: "container"
            }
            classes[className, default: []].append(alias)
        case .boundary(let boundary):
            let alias = aliases.alias(for: boundary.id)
            boundaries.append(alias)
            var title = MermaidText.escaped(boundary.name)
            if let technology = boundary.technology { title += " [\(MermaidText.escaped(technology))]" }
            out.line("subgraph \(alias)[\"\(title)\"]")
            out.indent { out in
                out.line("direction TB")
                for child in boundary.items {
                    write(child, to: &out, aliases: &aliases, classes: &classes, boundaries: &boundaries)
                }
            }
            out.line("end")
        }
    }

    private func writeNode(for element: DiagramElement, alias: String, to out: inout TextWriter) {
        var type: String
        switch element.shape {
        case .person: type = "Person"
        case .softwareSystem: type = "Software System"
        case .container(let kind): type = element.technology.map { "Container: \($0)" } ?? "Container"
            if kind == .database || kind == .objectStore || kind == .queue, element.technology == nil { type = "Container" }
        case .delivery(let shape): type = element.technology.map { "\(shape.name): \($0)" } ?? shape.name
        }
        if element.isExternal { type = "External " + type }
        if element.isPlanned { type += ", planned" }
        let (open, close) = switch element.shape {
        case .person: ("([\"", "\"])")
        case .softwareSystem, .container(.service), .delivery(.stage): ("[\"", "\"]")
        case .delivery(.environment): ("(\"", "\")")
        case .delivery(.registry): ("[(\"", "\")]")
        case .container(.webApp): ("(\"", "\")")
        case .container(.database): ("[(\"", "\")]")
        case .container(.queue): ("@{ shape: h-cyl, label: \"", "\" }")
        case .container(.objectStore): ("@{ shape: lin-cyl, label: \"", "\" }")
        }
        out.beginLine()
        out.write(alias)
        out.write(open)
        out.write("<b>")
        out.write(MermaidText.escaped(element.name))
        out.write("</b><br/><small>[")
        out.write(MermaidText.escaped(type))
        out.write("]</small>")
        if let description = element.description {
            out.write("<br/>")
            out.write(MermaidText.escaped(description))
        }
        out.write(close)
        out.endLine()
    }
}
