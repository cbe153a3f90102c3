import ArchdocViews

/// Draws a ``DiagramView`` as an SVG picture in the C4 look, laid out by
/// Graphviz's `dot` in this process (libgvc); no network, no external tool.
///
/// The same view always gives the same SVG, byte for byte, for a given
/// Graphviz version: text is measured with Graphviz's built-in Helvetica
/// metrics rather than the fonts installed on the machine (see
/// ``GraphvizSession``). Graphviz is not thread-safe, so pictures are drawn
/// one at a time; the renderer itself can be used from any thread.
package struct SVGPictureRenderer: Sendable {
    /// The file extension of the pictures: `svg`.
    package let fileExtension = "svg"

    /// Creates a renderer.
    package init() {}

    /// Whether pictures are laid out with Graphviz's built-in text metrics,
    /// the same on every machine; `false` when Graphviz's plugins could not
    /// be found and it measures text with the fonts installed here.
    package static var usesBuiltInTextMetrics: Bool {
        GraphvizSession.setup != .configuration
    }

    /// A complete SVG file for a view: the XML declaration, the DOCTYPE and
    /// the `<svg>` element.
    package func render(_ view: DiagramView) throws(PictureError) -> String {
        try render(view, dot: dot(view))
    }

    /// The picture of a view whose DOT text is already made (``dot(_:)``).
    func render(_ view: DiagramView, dot: String) throws(PictureError) -> String {
        let svg = try GraphvizSession.svg(fromDOT: dot, engine: DOTRenderer.density(of: view).engine, viewKey: view.key)
        return SVGPostProcessor.finished(svg)
    }

    /// The `<svg>` element alone, without the XML declaration and the
    /// DOCTYPE, to place in an HTML page. Every id in it starts with
    /// `c4_<view key>`, so the pictures of several views can share a page.
    package func renderInline(_ view: DiagramView) throws(PictureError) -> String {
        SVGPostProcessor.inline(try render(view))
    }

    /// The Graphviz DOT source the picture is laid out from.
    package func dot(_ view: DiagramView) -> String {
        DOTRenderer().render(view)
    }
}
