import ArchdocBasics
import ArchdocComposeFiles
import ArchdocPictures
import ArchdocRenderers
import ArchdocViews
import Foundation

extension Generator {
    /// `<site>/diagrams/<view>.plantuml.svg` for every view, drawn by PlantUML
    /// from the generated `.puml` sources when ``GeneratorConfiguration/plantUMLJar``
    /// is set; nothing otherwise, or when no PlantUML sources are generated.
    func plantUMLPictures(views: [DiagramView], diagrams: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile] {
        guard let jar = configuration.plantUMLJar else { return [] }
        let paths = views.map { configuration.layout.diagramPath(for: $0, extension: PlantUMLRenderer().fileExtension) }
        let sources = paths.compactMap { path in diagrams.first { $0.path == path } }
        guard !sources.isEmpty else { return [] }
        do {
            return try PlantUMLPictureRenderer(jarPath: jar, environment: plantUMLEnvironment ?? ProcessInfo.processInfo.environment).pictures(for: sources, cache: configuration.pictureCache)
        } catch {
            // Errors about one generated file name it already; the others are about the setup.
            switch error {
            case .syntaxError, .drawnError: throw GenerationError(error.description)
            default: throw GenerationError("error: \(error.description)")
            }
        }
    }
}
