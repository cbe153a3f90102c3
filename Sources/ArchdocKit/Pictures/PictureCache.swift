import Crypto
import Foundation

/// Finished SVG pictures on disk, keyed by a SHA-256 of their DOT source,
/// the Graphviz build and how Graphviz is set up (``GraphvizSession/Setup``),
/// so that an unchanged view is never laid out twice.
/// Layout is by far the most expensive step of `generate` for large views.
public struct PictureCache: Sendable {
    /// The folder of cached pictures.
    public let directory: String

    /// A cache in a folder, created when first written.
    public init(directory: String) {
        self.directory = directory
    }

    /// The cache beside the model cache (`ARCHDOC_CACHE_DIR`, `~/.cache/archdoc`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> PictureCache {
        PictureCache(directory: LoadCache.standard(environment: environment).directory + "/pictures")
    }

    /// The picture for a view: from the cache, or rendered and stored.
    func picture(for view: DiagramView, renderer: SVGPictureRenderer) throws(PictureError) -> String {
        let dot = renderer.dot(view)
        // The setup too: with Graphviz's own configuration, text is measured with the machine's fonts.
        let setup = SVGPictureRenderer.usesBuiltInTextMetrics ? "builtins" : "configuration"
        let key = SHA256.hash(data: Data((dot + "\u{0}" + Self.graphvizIdentity + "\u{0}" + setup).utf8)).map { String(format: "%02x", $0) }.joined()
        let path = "\(directory)/\(key).svg"
        if let data = FileManager.default.contents(atPath: path) { return String(decoding: data, as: UTF8.self) }
        let svg = try renderer.render(view)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? Data(svg.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return svg
    }

    /// Pictures depend on the Graphviz library as well as on the DOT text
    /// (PlantUML's pictures too: PlantUML lays out with Graphviz's `dot`).
    static let graphvizIdentity: String = {
        let candidates = ["/usr/lib/x86_64-linux-gnu/libgvc.so.6", "/usr/lib/aarch64-linux-gnu/libgvc.so.6", "/usr/lib/libgvc.so.6"]
        for path in candidates {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path) {
                return "\(path):\((attributes[.size] as? NSNumber)?.intValue ?? 0)"
            }
        }
        return "graphviz"
    }()
}
