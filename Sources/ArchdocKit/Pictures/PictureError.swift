/// Why a view could not be drawn as an SVG picture.
public struct PictureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step that failed.
    public enum Stage: String, Sendable, Equatable {
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
    public var viewKey: String
    /// The step that failed.
    public var stage: Stage
    /// What Graphviz reported, if anything.
    public var details: String

    /// Creates an error.
    public init(viewKey: String, stage: Stage, details: String) {
        self.viewKey = viewKey
        self.stage = stage
        self.details = details
    }

    public var description: String {
        let reason = details.isEmpty ? "" : ": \(details)"
        return "cannot draw the picture of view '\(viewKey)': Graphviz could not \(stage.rawValue)\(reason)"
    }
}
