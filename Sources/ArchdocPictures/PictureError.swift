
/// Why a view could not be drawn as an SVG picture.
package struct PictureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step that failed.
    package enum Stage: String, Sendable, Equatable {
        /// Graphviz could not be set up: its layout or SVG plugin is missing.
        case setup = "set up Graphviz"
        /// Graphviz rejected the DOT text archdoc wrote.
        case parse = "read the graph"
        /// The `dot` layout failed.
        case layout = "lay out the graph"
        /// Writing the SVG failed.
        case render = "write the SVG"
    }

    /// The key of the view, such as `context`.
    package var viewKey: String
    /// The step that failed.
    package var stage: Stage
    /// What Graphviz reported, if anything.
    package var details: String

    /// Creates an error.
    package init(viewKey: String, stage: Stage, details: String) {
        self.viewKey = viewKey
        self.stage = stage
        self.details = details
    }

    package var description: String {
        let reason = details.isEmpty ? "" : ": \(details)"
        return "cannot draw the picture of view '\(viewKey)': Graphviz could not \(stage.rawValue)\(reason)"
    }
}
