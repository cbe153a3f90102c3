/// Where `generate` writes, and where it reads the user's own templates and pages.
/// Every path is relative to the project folder (where archdoc runs) or absolute.
public struct GeneratorConfiguration: Sendable {
    /// The folder of generated documentation: diagrams, arc42 chapters, the site.
    public var siteDirectory: String
    /// The compose file to write, or `nil` for none.
    public var composeFile: String?
    /// The user's template folder; a file here replaces the default of the same name.
    public var templatesDirectory: String
    /// The user's own Markdown pages and chapters.
    public var docsDirectory: String

    /// The defaults: `site/`, `compose.yaml`, `templates/` and `architecture/docs/`.
    public init(
        siteDirectory: String = "site",
        composeFile: String? = "compose.yaml",
        templatesDirectory: String = "templates",
        docsDirectory: String = "architecture/docs"
    ) {
        self.siteDirectory = siteDirectory
        self.composeFile = composeFile
        self.templatesDirectory = templatesDirectory
        self.docsDirectory = docsDirectory
    }
}

/// Why generation failed, for reasons other than the model: a broken template.
public struct GenerationError: Error, Sendable, CustomStringConvertible {
    /// A `file:line:column: error: …` message.
    public var description: String

    /// Creates an error with a ready message.
    public init(_ description: String) {
        self.description = description
    }
}

/// Turns a model into every file archdoc generates. Deterministic: the same
/// model and templates always give the same files, byte for byte, in the same order.
public struct Generator: Sendable {
    /// Where to write and read.
    public var configuration: GeneratorConfiguration
    /// The diagram languages to write.
    public var renderers: [any DiagramRenderer]

    /// A generator for C4-PlantUML and Mermaid diagrams.
    public init(configuration: GeneratorConfiguration = GeneratorConfiguration(),
                renderers: [any DiagramRenderer] = [PlantUMLRenderer(), MermaidRenderer()]) {
        self.configuration = configuration
        self.renderers = renderers
    }

    /// Every file for a model, with paths relative to the project folder:
    /// `<site>/diagrams/<view>.<ext>` for each view and language, and the
    /// compose file when the model has a deployment.
    public func files(for model: ArchitectureModel) throws(GenerationError) -> [GeneratedFile] {
        let views = ViewBuilder(model: model).defaultViews()
        let site = configuration.siteDirectory
        var files = views.flatMap { view in
            renderers.map { renderer in
                GeneratedFile(path: "\(site)/diagrams/\(view.key).\(renderer.fileExtension)", contents: renderer.render(view))
            }
        }
        if let composeFile = configuration.composeFile, model.architecture.deployment != nil {
            files.append(GeneratedFile(path: composeFile, contents: ComposeRenderer().render(model)))
        }
        return files
    }
}
