import ArchdocViews
import ArchitectureDescription

/// Renders views as C4-PlantUML: the C4 macros from PlantUML's standard library
/// (`Person`, `System`, `Container`, `ContainerDb`, `ContainerQueue`,
/// `System_Boundary`, `Deployment_Node`, `Rel`), tags declared once with
/// `AddElementTag`/`AddRelTag`, stdlib sprites and a legend.
package struct PlantUMLRenderer: DiagramRenderer {
    package let fileExtension = "puml"

    /// Creates a renderer.
    package init() {}

    package func render(_ view: DiagramView) -> String {
        let elements = view.allElements
        var aliases = AliasTable(capacity: elements.count + 8)
        var out = TextWriter(capacity: view.edges.count * 120 + elements.count * 200 + 1_024)
        out.line("@startuml \(view.key)")
        out.line("!include <C4/\(Self.library(for: view.kind))>")
        for include in Set(elements.compactMap(\.icon?.include)).sorted() {
            out.line("!include <\(include)>")
        }
        out.blank()
        let tagDeclarations = Self.tagDeclarations(elements: elements, edges: view.edges)
        for declaration in tagDeclarations { out.line(declaration) }
        if !tagDeclarations.isEmpty { out.blank() }
        out.line("LAYOUT_TOP_DOWN()")
        out.line("title \(PlantUMLText.title(view.title))")
        out.blank()
        for item in view.items { write(item, to: &out, aliases: &aliases) }
        out.blank()
        for edge in view.edges {
            out.beginLine()
            out.write("Rel(")
            out.write(aliases.alias(for: edge.sourceID))
            out.argument(aliases.alias(for: edge.destinationID))
            out.quoted(edge.label)
            if let technology = edge.technology { out.quoted(technology) }
            switch edge.kind {
            case .dependency: out.argument("$tags=\"\(Self.dependencyTag)\"")
            case .flow(isPlanned: true): out.argument("$tags=\"\(Self.plannedTag)\"")
            case .relationship, .flow: break
            }
            out.write(")")
            out.endLine()
        }
        out.blank()
        out.line("SHOW_LEGEND()")
        out.line("@enduml")
        return out.text
    }

    // MARK: Items

    private func write(_ item: DiagramItem, to out: inout TextWriter, aliases: inout AliasTable) {
        switch item {
        case .element(let element):
            writeMacro(for: element, alias: aliases.alias(for: element.id), to: &out)
        case .boundary(let boundary):
            let alias = aliases.alias(for: boundary.id)
            switch boundary.kind {
            case .softwareSystem:
                out.line("System_Boundary(\(alias), \(PlantUMLText.quoted(boundary.name))) {")
            case .deploymentNode:
                let arguments = [
                    alias, PlantUMLText.quoted(boundary.name),
                    PlantUMLText.quoted(boundary.technology ?? ""), PlantUMLText.quoted(boundary.description ?? ""),
                ]
                out.line("Deployment_Node(\(arguments.joined(separator: ", "))) {")
            }
            out.indent {
                for child in boundary.items { write(child, to: &$0, aliases: &aliases) }
            }
            out.line("}")
        }
    }

    private func writeMacro(for element: DiagramElement, alias: String, to out: inout TextWriter) {
        let name: String
        switch element.shape {
        case .person: name = "Person"
        case .softwareSystem: name = "System"
        case .container(.database), .container(.objectStore): name = "ContainerDb"
        case .container(.queue): name = "ContainerQueue"
        case .container(.service), .container(.webApp): name = "Container"
        // C4_Dynamic numbers the arrows: a stage is a component of the process, an environment a container, a registry a store.
        case .delivery(.stage): name = "Component"
        case .delivery(.environment): name = "Container"
        case .delivery(.registry): name = "ContainerDb"
        }
        out.beginLine()
        out.write(name)
        out.write(element.isExternal ? "_Ext(" : "(")
        out.write(alias)
        out.quoted(element.name)
        switch element.shape {
        case .container, .delivery: out.quoted(element.technology ?? "")
        case .person, .softwareSystem: break
        }
        out.quoted(element.description ?? "")
        if let icon = element.icon { out.argument("$sprite=\(PlantUMLText.quoted(icon.sprite))") }
        let tags = Self.tags(of: element)
        if !tags.isEmpty { out.argument("$tags=\(PlantUMLText.quoted(tags.joined(separator: "+")))") }
        out.write(")")
        out.endLine()
    }

    // MARK: Tags

    static let dependencyTag = "dependency"
    static let plannedTag = "planned"

    /// The element's own tags, plus a kind tag for shapes C4 has no macro for.
    private static func tags(of element: DiagramElement) -> [String] {
        var tags = element.tags.map(PlantUMLText.tagName)
        switch element.shape {
        case .container(.webApp): tags.insert("webApp", at: 0)
        case .container(.objectStore): tags.insert("objectStore", at: 0)
        default: break
        }
        if element.isPlanned { tags.append(plannedTag) }
        return tags
    }

    private static func tagDeclarations(elements: [DiagramElement], edges: [DiagramEdge]) -> [String] {
        var declarations: [String] = []
        let used = Set(elements.flatMap(tags(of:)))
        if used.contains("webApp") {
            declarations.append(#"AddElementTag("webApp", $shape=RoundedBoxShape(), $legendText="web app")"#)
        }
        if used.contains("objectStore") {
            declarations.append(#"AddElementTag("objectStore", $shape=EightSidedShape(), $legendText="object store")"#)
        }
        if used.contains(plannedTag) {
            declarations.append(#"AddElementTag("planned", $borderStyle=DashedLine(), $legendText="planned")"#)
        }
        for tag in used.subtracting(["webApp", "objectStore", plannedTag]).sorted() {
            declarations.append("AddElementTag(\(PlantUMLText.quoted(tag)))")
        }
        if edges.contains(where: { $0.kind == .flow(isPlanned: true) }) {
            declarations.append(#"AddRelTag("planned", $lineStyle=DashedLine(), $legendText="planned")"#)
        }
        if edges.contains(where: { if case .dependency = $0.kind { true } else { false } }) {
            declarations.append("AddRelTag(\"\(dependencyTag)\", $lineStyle=DashedLine(), $legendText=\"start-up dependency (depends_on)\")")
        }
        return declarations
    }

    private static func library(for kind: DiagramView.Kind) -> String {
        switch kind {
        case .systemContext: "C4_Context"
        case .container: "C4_Container"
        case .deployment, .cluster: "C4_Deployment"
        case .pipeline, .promotion: "C4_Dynamic"
        }
    }
}

extension TextWriter {
    /// `, value`: a macro argument written as it is.
    mutating func argument(_ raw: String) {
        write(", ")
        write(raw)
    }

    /// `, "text"`: a macro argument in PlantUML's quotes, escaped.
    mutating func quoted(_ value: String) {
        write(", \"")
        write(PlantUMLText.escaped(value))
        write("\"")
    }
}
