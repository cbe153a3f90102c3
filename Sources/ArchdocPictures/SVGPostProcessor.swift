import ArchdocViews

/// Finishing touches on the SVG Graphviz writes.
///
/// - People's heads: Graphviz cannot draw a circle in an HTML-like label, so
///   ``DOTRenderer`` draws the head as a small rounded table, which Graphviz
///   writes as a filled `<path>` and then an outline `<path>` with the same
///   `d`. Here the first of those, in each node of class `c4_person`, becomes
///   an `<ellipse>` with the same bounds, fill and stroke, and the outline is
///   dropped. A node without the expected shapes is left as it is.
/// - Inlining: ``inline(_:)`` drops the XML declaration, the DOCTYPE and the
///   comments before `<svg`, so the picture can be placed in an HTML page; the
///   ids are already unique per view (see ``DOTRenderer/svgID(for:)``).
enum SVGPostProcessor {
    /// The SVG with round heads for people.
    static func finished(_ svg: String) -> String {
        let marker = "class=\"node \(DOTRenderer.personClass)\""
        guard svg.contains(marker) else { return svg }
        var result = ""
        result.reserveCapacity(svg.utf8.count)
        var rest = svg[...]
        while let found = rest.range(of: marker), let groupEnd = rest[found.upperBound...].range(of: "</g>") {
            result += rest[..<found.upperBound]
            result += withRoundHead(rest[found.upperBound..<groupEnd.lowerBound])
            rest = rest[groupEnd.lowerBound...]
        }
        result += rest
        return result
    }

    /// The `<svg>` element alone, for placing in an HTML page.
    static func inline(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return svg }
        return String(svg[start.lowerBound...])
    }

    /// The contents of a person's node group with the head as an ellipse.
    private static func withRoundHead(_ group: Substring) -> String {
        guard let head = tag("<path ", in: group), let fill = attribute("fill", in: group[head]),
              let data = attribute("d", in: group[head]), let bounds = bounds(of: data)
        else { return String(group) }
        var stroke = attribute("stroke", in: group[head]).map(String.init) ?? "none"
        var strokeWidth: Substring?
        var outline: Range<Substring.Index>?
        var searchFrom = head.upperBound
        while let candidate = tag("<path ", in: group[searchFrom...]) {
            if attribute("d", in: group[candidate]) == data, attribute("fill", in: group[candidate]) == "none" {
                outline = candidate
                stroke = attribute("stroke", in: group[candidate]).map(String.init) ?? stroke
                strokeWidth = attribute("stroke-width", in: group[candidate])
                break
            }
            searchFrom = candidate.upperBound
        }
        let values = [bounds.midX, bounds.midY, bounds.width / 2, bounds.height / 2].map(format)
        let width = strokeWidth.map { " stroke-width=\"\($0)\"" } ?? ""
        let ellipse = "<ellipse fill=\"\(fill)\" stroke=\"\(stroke)\"\(width) cx=\"\(values[0])\" cy=\"\(values[1])\" rx=\"\(values[2])\" ry=\"\(values[3])\"/>"
        var result = String(group[..<head.lowerBound]) + ellipse
        if let outline {
            result += group[head.upperBound..<outline.lowerBound]
            // The line break after the dropped outline goes too.
            let after = group[outline.upperBound...]
            result += after.hasPrefix("\n") ? after.dropFirst() : after
        } else {
            result += group[head.upperBound...]
        }
        return result
    }

    /// The range of the first `<name …/>` tag in a text.
    private static func tag(_ start: String, in text: Substring) -> Range<Substring.Index>? {
        guard let open = text.range(of: start), let close = text[open.upperBound...].range(of: "/>") else { return nil }
        return open.lowerBound..<close.upperBound
    }

    /// The value of `name="…"` in a tag.
    private static func attribute(_ name: String, in tag: Substring) -> Substring? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return tag[start.upperBound..<end]
    }

    /// The bounding box of the points of an SVG path made of absolute
    /// `M`/`C` commands with `x,y` pairs, as Graphviz writes them.
    private static func bounds(of data: Substring) -> (midX: Double, midY: Double, width: Double, height: Double)? {
        let numbers = data.split(whereSeparator: { !"0123456789.-".contains($0) }).compactMap { Double($0) }
        guard numbers.count >= 4, numbers.count.isMultiple(of: 2) else { return nil }
        let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
        let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return nil }
        return ((minX + maxX) / 2, (minY + maxY) / 2, maxX - minX, maxY - minY)
    }

    /// A coordinate with at most two decimals, as Graphviz writes them.
    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction.isMultiple(of: 10) { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
