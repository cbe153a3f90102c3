import ArchitectureDescription

/// Renders views as C4-PlantUML: the C4 macros from PlantUML's standard library
/// (`Person`, `System`, `Container`, `ContainerDb`, `ContainerQueue`,
/// `System_Boundary`, `Deployment_Node`, `Rel`), tags declared once with
/// `AddElementTag`/`AddRelTag`, stdlib sprites and a legend.
public struct PlantUMLRenderer: DiagramRenderer {
    public let fileExtension = "puml"

    /// Creates a renderer.
    public init() {}

    public func render(_ view: DiagramView) -> String {
        var aliases = AliasTable(capacity: view.allElements.count + 8)
        var out = PlantUMLWriter()
        let elements = view.allElements
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
            var call = MacroCall("Rel", aliases.alias(for: edge.sourceID))
            call.argument(aliases.alias(for: edge.destinationID))
            call.quoted(edge.label)
            if let technology = edge.technology { call.quoted(technology) }
            if case .dependency = edge.kind { call.argument("$tags=\"\(Self.dependencyTag)\"") }
            out.line(call.finished)
        }
        out.blank()
        out.line("SHOW_LEGEND()")
        out.line("@enduml")
        return out.text
    }

    // MARK: Items

    private func write(_ item: DiagramItem, to out: inout PlantUMLWriter, aliases: inout AliasTable) {
        switch item {
        case .element(let element):
            out.line(macro(for: element, alias: aliases.alias(for: element.id)))
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

    private func macro(for element: DiagramElement, alias: String) -> String {
        let name: String
        switch element.shape {
        case .person: name = "Person"
        case .softwareSystem: name = "System"
        case .container(.database), .container(.objectStore): name = "ContainerDb"
        case .container(.queue): name = "ContainerQueue"
        case .container(.service), .container(.webApp): name = "Container"
        }
        var call = MacroCall(element.isExternal ? name + "_Ext" : name, alias)
        call.quoted(element.name)
        if case .container = element.shape { call.quoted(element.technology ?? "") }
        call.quoted(element.description ?? "")
        if let icon = element.icon { call.argument("$sprite=\(PlantUMLText.quoted(icon.sprite))") }
        let tags = Self.tags(of: element)
        if !tags.isEmpty { call.argument("$tags=\(PlantUMLText.quoted(tags.joined(separator: "+")))") }
        return call.finished
    }

    // MARK: Tags

    static let dependencyTag = "dependency"

    /// The element's own tags, plus a kind tag for shapes C4 has no macro for.
    private static func tags(of element: DiagramElement) -> [String] {
        var tags = element.tags.map(PlantUMLText.tagName)
        switch element.shape {
        case .container(.webApp): tags.insert("webApp", at: 0)
        case .container(.objectStore): tags.insert("objectStore", at: 0)
        default: break
        }
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
        for tag in used.subtracting(["webApp", "objectStore"]).sorted() {
            declarations.append("AddElementTag(\(PlantUMLText.quoted(tag)))")
        }
        if edges.contains(where: { $0.kind != .relationship }) {
            declarations.append("AddRelTag(\"\(dependencyTag)\", $lineStyle=DashedLine(), $legendText=\"start-up dependency (depends_on)\")")
        }
        return declarations
    }

    private static func library(for kind: DiagramView.Kind) -> String {
        switch kind {
        case .systemContext: "C4_Context"
        case .container: "C4_Container"
        case .deployment: "C4_Deployment"
        }
    }
}

/// One macro call, `Name(alias, "text", …)`, appended piece by piece: the
/// renderers write one per element and arrow, so they avoid building an
/// array of arguments and joining it.
struct MacroCall {
    private(set) var text: String

    init(_ name: String, _ first: String) {
        text = name
        text.reserveCapacity(160)
        text.append("(")
        text.append(first)
    }

    mutating func argument(_ raw: String) {
        text.append(", ")
        text.append(raw)
    }

    mutating func quoted(_ value: String) {
        text.append(", \"")
        text.append(PlantUMLText.escaped(value))
        text.append("\"")
    }

    /// The call with its closing parenthesis.
    var finished: String { text + ")" }
}

/// Builds PlantUML source line by line with four-space indentation.
struct PlantUMLWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        for _ in 0..<depth { text.append("    ") }
        text.append(content)
        text.append("\n")
    }

    mutating func blank() {
        if !text.hasSuffix("\n\n") { text += "\n" }
    }

    mutating func indent(_ body: (inout PlantUMLWriter) -> Void) {
        depth += 1
        body(&self)
        depth -= 1
    }
}
