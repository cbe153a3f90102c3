import ArchdocBasics
import ArchdocViews
import Crypto
import Foundation

/// Finished SVG pictures on disk, keyed by a SHA-256 of their DOT source,
/// the Graphviz build and how Graphviz is set up (``GraphvizSession/Setup``),
/// so that an unchanged view is never laid out twice.
/// Layout is by far the most expensive step of `generate` for large views.
package struct PictureCache: Sendable {
    /// The folder of cached pictures.
    package let directory: String

    /// A cache in a folder, created when first written.
    package init(directory: String) {
        self.directory = directory
    }

    /// The cache beside the model cache (`ARCHDOC_CACHE_DIR`, `~/.cache/archdoc`).
    package static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> PictureCache {
        PictureCache(directory: CacheFolder.standard(environment: environment).directory + "/pictures")
    }

    /// The picture for a view: from the cache, or rendered and stored.
    package func picture(for view: DiagramView, renderer: SVGPictureRenderer) throws(PictureError) -> String {
        let dot = renderer.dot(view)
        // The setup too: with Graphviz's own configuration, text is measured with the machine's fonts.
        let setup = SVGPictureRenderer.usesBuiltInTextMetrics ? "builtins" : "configuration"
        let key = Self.key([dot, Self.graphvizIdentity, setup])
        if let svg = stored(key: key) { return svg }
        let svg = try renderer.render(view, dot: dot)
        store(svg, key: key)
        return svg
    }

    /// The hex SHA-256 of everything a picture depends on, its parts joined
    /// by NUL: its name in the cache. (Hashed part by part: the DOT text of
    /// a large view is megabytes, not worth copying to join.)
    static func key(_ parts: [String]) -> String {
        var hasher = SHA256()
        for (index, part) in parts.enumerated() {
            if index > 0 { hasher.update(data: [UInt8(0)]) }
            var part = part
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return hasher.finalize().hexDigits
    }

    /// The cached picture for a key, if any.
    func stored(key: String) -> String? {
        FileText.read(atPath: "\(directory)/\(key).svg")
    }

    /// Stores a picture; a cache that cannot be written only costs time.
    func store(_ svg: String, key: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? Data(svg.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(key).svg"), options: .atomic)
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
