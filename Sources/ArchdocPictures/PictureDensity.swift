import ArchdocViews

/// How a view's picture is drawn, chosen by its size so that pictures stay
/// readable and layout stays fast. Graphviz's `dot` turns every edge label into
/// a node of its own on an extra rank, and its cost grows faster than the
/// number of edges: a 30-element view with 87 labelled arrows takes 200 ms
/// that way, a 1,000-container deployment view minutes.
package enum PictureDensity: Sendable, Equatable {
    /// Few arrows: their labels take part in the layout (`label`), which
    /// gives the clearest picture.
    case spacious
    /// Many arrows: labels are placed after the layout, next to their arrow
    /// (`xlabel`). Half the ranks, about four times faster, a little tighter.
    case dense
    /// Too many elements or arrows to draw readably: the boundaries and
    /// elements are packed in a grid (Graphviz's `osage`) without arrows, and
    /// the title says how many relationships are left to the C4-PlantUML and
    /// Mermaid sources.
    case overview

    /// Views with more arrows than this are ``dense``.
    package static let maximumSpaciousEdges = 24
    /// Views with more elements than this are ``overview``s.
    package static let maximumDrawnElements = 150
    /// Views with more arrows than this are ``overview``s.
    package static let maximumDrawnEdges = 400

    /// The density for a view with `elements` elements and `edges` arrows.
    package init(elements: Int, edges: Int) {
        if elements > Self.maximumDrawnElements || edges > Self.maximumDrawnEdges {
            self = .overview
        } else if edges > Self.maximumSpaciousEdges {
            self = .dense
        } else {
            self = .spacious
        }
    }

    /// The Graphviz layout engine.
    var engine: String { self == .overview ? "osage" : "dot" }
}
