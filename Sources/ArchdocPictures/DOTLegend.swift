import ArchdocViews

extension DOTRenderer {
    /// What a view shows, collected while writing it, and the legend table
    /// that explains it. Entries come in a fixed order.
    struct Legend {
        var looks: Set<C4Style.Look> = []
        var boundaries: Set<DiagramBoundary.Kind> = []
        var relationships = false
        var dependencies = false

        /// An HTML-like table, wider than tall to sit under the diagram: a
        /// row of coloured swatches, one per element type, then a row of line
        /// samples, one per boundary and arrow style.
        var table: String {
            var swatches: [String] = []
            for look in C4Style.Look.allCases where looks.contains(look) {
                let colours = look.colours
                swatches.append(
                    "<TD><TABLE STYLE=\"rounded\" BORDER=\"1\" CELLBORDER=\"0\" COLOR=\"\(colours.stroke)\" BGCOLOR=\"\(colours.fill)\" CELLSPACING=\"0\" CELLPADDING=\"4\">"
                        + "<TR><TD><FONT COLOR=\"\(colours.text)\">\(DOTText.escaped(look.legendName))</FONT></TD></TR></TABLE></TD>")
            }
            var lines: [String] = []
            if boundaries.contains(.softwareSystem) { lines += line(colour: C4Style.boundary, dashed: true, "Software system boundary") }
            if boundaries.contains(.deploymentNode) { lines += line(colour: C4Style.boundary, dashed: true, "Deployment node") }
            if relationships { lines += line(colour: C4Style.relationship, dashed: false, "Relationship") }
            if dependencies { lines += line(colour: C4Style.dependency, dashed: true, "Start-up dependency") }
            var rows = ["<TR><TD ALIGN=\"LEFT\"><B>Legend</B></TD></TR>"]
            for cells in [swatches, lines] where !cells.isEmpty {
                rows.append("<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"0\"><TR>\(cells.joined())</TR></TABLE></TD></TR>")
            }
            return "<TABLE BORDER=\"1\" STYLE=\"rounded\" COLOR=\"#cccccc\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"4\">"
                + rows.joined() + "</TABLE>"
        }

        /// A line sample and its name.
        private func line(colour: String, dashed: Bool, _ name: String) -> [String] {
            let style = dashed ? " STYLE=\"dashed\"" : ""
            return [
                "<TD WIDTH=\"32\" BORDER=\"2\" SIDES=\"B\"\(style) COLOR=\"\(colour)\"></TD>",
                "<TD ALIGN=\"LEFT\"><FONT COLOR=\"\(colour)\">\(DOTText.escaped(name))</FONT></TD>",
            ]
        }
    }
}
