import ArchdocBasics
import ArchdocRenderers
import ArchdocViews

/// Writes a ``DiagramView`` as a Graphviz DOT graph in the C4 look, for
/// ``SVGPictureRenderer`` to lay out. Deterministic: the same view always gives
/// the same text.
///
/// - People: an HTML-like label of a round head (a small rounded table, which
///   ``SVGPostProcessor`` turns into a circle) above a rounded body.
/// - Software systems and containers: filled rounded boxes in the C4 colours
///   with white text: the name in bold, the `[type: technology]` line small,
///   then the description wrapped at about 32 characters.
/// - Databases: cylinders; queues: `cds` (a pipe with an arrow tip); object
///   stores: folders.
/// - Boundaries: dashed clusters, nested, labelled with the name and the
///   `[Software System]` or `[Deployment Node: technology]` line.
/// - Relationships: grey arrows labelled with the description and
///   `[technology]`; start-up dependencies: dashed, lighter arrows.
/// - A legend of the element types, boundaries and lines that the view shows,
///   kept below the diagram by invisible edges, and the title on top.
/// - Arrows whose ends the view does not show are left out, so Graphviz
///   never invents a node.
/// - Arrows between two elements in both directions are all written in the
///   direction of the first, the others with `dir=back`: they look the same,
///   and Graphviz 2.43's `dot` frees memory twice (corrupting the heap of the
///   process) for some graphs with a cluster and labelled edges both ways.
///
/// Every piece of user text is written into HTML-like labels through
/// ``DOTText/html(_:wrappingAt:)``; node and cluster names are aliases made of
/// `[A-Za-z0-9_]` only.
struct DOTRenderer: Sendable {
    /// The column at which descriptions wrap.
    static let descriptionWidth = 32
    /// The column at which names wrap.
    static let nameWidth = 28
    /// The `class` of person nodes in the SVG, for ``SVGPostProcessor``.
    static let personClass = "c4_person"
    /// The node name of the legend; the alias table never hands it out.
    static let legendNode = "__legend"

    /// The arrows of a view that its picture can show: those whose ends it shows.
    static func drawableEdges(of view: DiagramView) -> [DiagramEdge] {
        drawableEdges(of: view, elements: view.allElements)
    }

    /// The drawable arrows, given the view's ``DiagramView/allElements``.
    private static func drawableEdges(of view: DiagramView, elements: [DiagramElement]) -> [DiagramEdge] {
        let shown = Set(elements.map(\.id))
        return view.edges.filter { shown.contains($0.sourceID) && shown.contains($0.destinationID) }
    }

    /// How the picture of a view is drawn.
    static func density(of view: DiagramView) -> PictureDensity {
        let elements = view.allElements
        return PictureDensity(elements: elements.count, edges: drawableEdges(of: view, elements: elements).count)
    }

    func render(_ view: DiagramView) -> String {
        let elements = view.allElements
        let drawable = Self.drawableEdges(of: view, elements: elements)
        let density = PictureDensity(elements: elements.count, edges: drawable.count)
        var aliases = AliasTable(reserved: ["node", "edge", "graph", "digraph", "subgraph", "strict", DOTRenderer.legendNode], capacity: elements.count + 8)
        var legend = Legend()
        var out = TextWriter(capacity: view.edges.count * 200 + elements.count * 400 + 2_048)
        let svgID = Self.svgID(for: view.key)
        out.line("digraph \(DOTText.quoted(view.key)) {")
        out.indent { out in
            out.line("id=\(DOTText.quoted(svgID))")
            out.line("graph [fontname=\"\(C4Style.font)\", rankdir=TB, nodesep=0.6, ranksep=0.8, pad=0.3]")
            out.line("node [fontname=\"\(C4Style.font)\", fontsize=11, penwidth=1.2, width=2.2, height=1.1, margin=\"0.18,0.12\"]")
            out.line("edge [fontname=\"\(C4Style.font)\", fontsize=10, penwidth=1.2, arrowsize=0.8, color=\"\(C4Style.relationship)\", fontcolor=\"\(C4Style.relationship)\"]")
            out.blank()
            for item in view.items {
                write(item, to: &out, svgID: svgID, aliases: &aliases, legend: &legend)
            }
            let edges = density == .overview ? [] : drawable
            if !edges.isEmpty { out.blank() }
            var written = Set<Ends>()
            for edge in edges {
                let ends = Ends(from: edge.sourceID, to: edge.destinationID)
                let reversed = written.contains(ends.reversed)
                written.insert(reversed ? ends.reversed : ends)
                out.line(self.edge(edge, labelAttribute: density == .dense ? "xlabel" : "label", reversed: reversed, aliases: &aliases, legend: &legend))
            }
            out.blank()
            out.line("\(DOTText.quoted(Self.legendNode)) [shape=none, margin=0, width=0, height=0, fontsize=9, label=<\(legend.table)>]")
            if density != .overview {
                out.line("{ rank=sink; \(DOTText.quoted(Self.legendNode)) }")
                // Invisible edges from every element without arrows of its own
                // (or from all, if all have some) keep the legend below the rest.
                let sources = Set(edges.map(\.sourceID))
                let sinks = elements.filter { !sources.contains($0.id) }
                for element in sinks.isEmpty ? elements : sinks {
                    out.line("\(DOTText.quoted(aliases.alias(for: element.id))) -> \(DOTText.quoted(Self.legendNode)) [style=invis]")
                }
            }
            out.blank()
            out.line("labelloc=t")
            var title = "<FONT POINT-SIZE=\"20\">\(DOTText.html(view.title))</FONT>"
            if density == .overview, !drawable.isEmpty {
                let count = drawable.count == 1 ? "1 relationship is" : "\(drawable.count) relationships are"
                title += "<BR/><FONT POINT-SIZE=\"11\">\(elements.count) elements: \(count) not drawn here; the C4-PlantUML and Mermaid sources show them</FONT>"
            }
            out.line("label=<\(title)>")
        }
        out.line("}")
        return out.text
    }

    /// The id of the SVG's top group. Graphviz derives the ids of nodes and
    /// edges from it (`<id>_node1`, `<id>_edge1`) and clusters get
    /// `<id>_cluster_<alias>`, so pictures of different views can share one
    /// HTML page.
    static func svgID(for key: String) -> String {
        let sanitized = String(String.UnicodeScalarView(key.unicodeScalars.map { $0.isASCIIAlphanumeric ? $0 : "_" }))
        return "c4_" + sanitized
    }

    // MARK: Items

    private func write(
        _ item: DiagramItem, to out: inout TextWriter, svgID: String, aliases: inout AliasTable, legend: inout Legend
    ) {
        switch item {
        case .element(let element):
            let look = C4Style.Look(element)
            legend.looks.insert(look)
            out.line("\(DOTText.quoted(aliases.alias(for: element.id))) \(attributes(for: element, look: look))")
        case .boundary(let boundary):
            legend.boundaries.insert(boundary.kind)
            let alias = aliases.alias(for: boundary.id)
            out.line("subgraph \(DOTText.quoted("cluster_" + alias)) {")
            out.indent { out in
                // Without an id of its own a cluster would inherit the graph's.
                out.line("id=\(DOTText.quoted("\(svgID)_cluster_\(alias)"))")
                out.line("label=<\(label(for: boundary))>")
                let style = boundary.kind == .softwareSystem ? "dashed,rounded" : "dashed"
                out.line("graph [style=\"\(style)\", color=\"\(C4Style.boundary)\", fontcolor=\"\(C4Style.boundary)\", fontsize=11, labeljust=l, labelloc=t, margin=16, penwidth=1.2]")
                for child in boundary.items {
                    write(child, to: &out, svgID: svgID, aliases: &aliases, legend: &legend)
                }
            }
            out.line("}")
        }
    }

    private func label(for boundary: DiagramBoundary) -> String {
        var type = boundary.kind == .softwareSystem ? "Software System" : "Deployment Node"
        if let technology = boundary.technology { type += ": \(technology)" }
        var label = "<B>\(DOTText.html(boundary.name, wrappingAt: 48))</B><BR ALIGN=\"LEFT\"/>"
        label += "<FONT POINT-SIZE=\"9\">[\(DOTText.html(type, wrappingAt: 48))]</FONT><BR ALIGN=\"LEFT\"/>"
        if boundary.kind == .deploymentNode, let description = boundary.description {
            label += "<FONT POINT-SIZE=\"9\">\(leftAligned(DOTText.html(description, wrappingAt: 64)))</FONT><BR ALIGN=\"LEFT\"/>"
        }
        return label
    }

    /// Left-aligns every line break of an escaped, wrapped text.
    private func leftAligned(_ html: String) -> String {
        html.replacingOccurrences(of: "<BR/>", with: "<BR ALIGN=\"LEFT\"/>")
    }

    private func attributes(for element: DiagramElement, look: C4Style.Look) -> String {
        let colours = look.colours
        var text = "<B>\(DOTText.html(element.name, wrappingAt: Self.nameWidth))</B>"
        text += "<BR/><FONT POINT-SIZE=\"9\">[\(DOTText.html(C4Style.typeLine(of: element), wrappingAt: Self.descriptionWidth))]</FONT>"
        if let description = element.description, !description.isEmpty {
            text += "<BR/><FONT POINT-SIZE=\"4\"> </FONT><BR/>\(DOTText.html(description, wrappingAt: Self.descriptionWidth))"
        }
        let (shape, style) = look.shape
        if look == .person || look == .externalPerson {
            return "[shape=none, margin=0, width=0, height=0, class=\"\(Self.personClass)\", fontcolor=\"\(colours.text)\", label=<\(personTable(text, colours: colours))>]"
        }
        let drawn = element.isPlanned ? style + ",dashed" : style
        return "[shape=\(shape), style=\"\(drawn)\", fillcolor=\"\(colours.fill)\", color=\"\(colours.stroke)\", fontcolor=\"\(colours.text)\", label=<\(text)>]"
    }

    /// A head above a rounded body. The head is a fixed-size rounded table;
    /// Graphviz has no circles in HTML-like labels, so ``SVGPostProcessor``
    /// replaces it with one.
    private func personTable(_ text: String, colours: C4Style.Colours) -> String {
        let head = "<TABLE FIXEDSIZE=\"TRUE\" WIDTH=\"38\" HEIGHT=\"38\" STYLE=\"rounded\" BORDER=\"1\" CELLBORDER=\"0\" COLOR=\"\(colours.stroke)\" BGCOLOR=\"\(colours.fill)\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD></TD></TR></TABLE>"
        let body = "<TABLE STYLE=\"rounded\" BORDER=\"1\" CELLBORDER=\"0\" COLOR=\"\(colours.stroke)\" BGCOLOR=\"\(colours.fill)\" CELLSPACING=\"0\" CELLPADDING=\"12\"><TR><TD WIDTH=\"134\" HEIGHT=\"56\">\(text)</TD></TR></TABLE>"
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD>\(head)</TD></TR><TR><TD CELLPADDING=\"0\">\(body)</TD></TR></TABLE>"
    }

    // MARK: Edges

    /// The two ends of an arrow as written in the DOT text.
    private struct Ends: Hashable {
        var from: String
        var to: String

        var reversed: Ends { Ends(from: to, to: from) }
    }

    /// An arrow; `labelAttribute` is `label` (laid out with the graph) or
    /// `xlabel` (placed afterwards, see ``PictureDensity/dense``). A
    /// `reversed` arrow is written from its destination, with `dir=back`.
    private func edge(_ edge: DiagramEdge, labelAttribute: String, reversed: Bool, aliases: inout AliasTable, legend: inout Legend) -> String {
        var label = DOTText.html(edge.label, wrappingAt: Self.descriptionWidth)
        if let technology = edge.technology, !technology.isEmpty {
            label += "<BR/><FONT POINT-SIZE=\"8\">[\(DOTText.html(technology, wrappingAt: Self.descriptionWidth))]</FONT>"
        }
        var attributes = "\(labelAttribute)=<\(label)>"
        switch edge.kind {
        case .relationship:
            legend.relationships = true
        case .dependency:
            legend.dependencies = true
            attributes += ", style=dashed, color=\"\(C4Style.dependency)\", fontcolor=\"\(C4Style.dependency)\""
        case .flow(let isPlanned):
            legend.relationships = true
            if isPlanned { attributes += ", style=dashed" }
        }
        let source = DOTText.quoted(aliases.alias(for: edge.sourceID))
        let destination = DOTText.quoted(aliases.alias(for: edge.destinationID))
        return reversed ? "\(destination) -> \(source) [\(attributes), dir=back]" : "\(source) -> \(destination) [\(attributes)]"
    }
}
