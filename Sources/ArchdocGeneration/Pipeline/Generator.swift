import ArchdocBasics
import ArchdocComposeFiles
import ArchdocModel
import ArchdocPictures
import ArchdocRenderers
import ArchdocSite
import ArchdocViews

/// Where `generate` writes, and where it reads the user's own templates and pages.
/// Every path is relative to the project folder (where archdoc runs) or absolute.
package struct GeneratorConfiguration: Sendable {
    /// Where the documentation and the compose file go, and where the user's templates and pages are.
    package var layout: OutputLayout
    /// Whether a broken link in a page is an error rather than a warning.
    package var strictLinks: Bool
    /// Whether to build the HTML site (the diagrams and chapters are written either way).
    package var buildsSite: Bool
    /// Where laid-out pictures are kept between runs, or `nil` to lay out every time.
    package var pictureCache: PictureCache?
    /// The path of `plantuml.jar`: when set, PlantUML also draws every view,
    /// as `<site>/diagrams/<view>.plantuml.svg`; `nil` for no PlantUML pictures.
    package var plantUMLJar: String?

    /// The defaults: `site/`, `compose.yaml`, `templates/` and `architecture/docs/`
    /// (as ``OutputLayout``), lenient links, a site, no picture cache, no PlantUML.
    package init(
        siteDirectory: String = "site",
        composeFile: String? = "compose.yaml",
        templatesDirectory: String = "templates",
        docsDirectory: String = "architecture/docs",
        strictLinks: Bool = false,
        buildsSite: Bool = true,
        pictureCache: PictureCache? = nil,
        plantUMLJar: String? = nil
    ) {
        let layout = OutputLayout(siteDirectory: siteDirectory, composeFile: composeFile, templatesDirectory: templatesDirectory, docsDirectory: docsDirectory)
        self.layout = layout
        self.strictLinks = strictLinks
        self.buildsSite = buildsSite
        self.pictureCache = pictureCache
        self.plantUMLJar = plantUMLJar
    }
}

/// What a generation produced: the files, and findings about the user's pages
/// (broken links), which are warnings unless links are strict.
package struct GenerationResult: Sendable {
    /// Every file, in a stable order.
    package var files: [GeneratedFile]
    /// Broken links in the pages.
    package var diagnostics: [Diagnostic]
}

/// Turns a model into every file archdoc generates. Deterministic: the same
/// model and templates always give the same files, byte for byte, in the same order.
package struct Generator: Sendable {
    /// Where to write and read.
    package var configuration: GeneratorConfiguration
    /// The diagram languages to write.
    package var renderers: [any DiagramRenderer]
    /// Draws `<site>/diagrams/<view>.svg` for each view, after the view's
    /// sources; `nil` for no pictures.
    package var pictures: SVGPictureRenderer? = SVGPictureRenderer()
    /// Where `java` is looked up (`JAVA_HOME`, `PATH`) when
    /// ``GeneratorConfiguration/plantUMLJar`` is set; `nil` for this process's environment.
    package var plantUMLEnvironment: [String: String]? = nil

    /// A generator for C4-PlantUML and Mermaid diagrams.
    package init(configuration: GeneratorConfiguration = GeneratorConfiguration(),
                renderers: [any DiagramRenderer] = [PlantUMLRenderer(), MermaidRenderer()]) {
        self.configuration = configuration
        self.renderers = renderers
    }

    /// A view's diagram sources, one per renderer.
    private func sourceFiles(for view: DiagramView) -> [GeneratedFile] {
        renderers.map { renderer in
            GeneratedFile(path: configuration.layout.diagramPath(for: view, extension: renderer.fileExtension), contents: renderer.render(view))
        }
    }

    /// A view's picture, from the cache or laid out now.
    private func pictureFile(for view: DiagramView, renderer: SVGPictureRenderer) throws(GenerationError) -> GeneratedFile {
        let path = configuration.layout.diagramPath(for: view, extension: renderer.fileExtension)
        do {
            let svg = try configuration.pictureCache.map { cache throws(PictureError) in try cache.picture(for: view, renderer: renderer) }
                ?? renderer.render(view)
            return GeneratedFile(path: path, contents: svg)
        } catch {
            throw GenerationError("\(path): error: \(error)")
        }
    }

    /// Every file for a model; see ``generate(for:)``.
    package func files(for model: ArchitectureModel) throws(GenerationError) -> [GeneratedFile] {
        try generate(for: model).files
    }

    /// Every file for a model, with paths relative to the project folder —
    /// `<site>/diagrams/<view>.<ext>` for each view and language, the arc42
    /// chapters, the HTML site, the compose file when the model has a
    /// deployment, and the configuration's example file (`.env.example`)
    /// beside it — and the site's broken links.
    package func generate(for model: ArchitectureModel) throws(GenerationError) -> GenerationResult {
        let views = ViewBuilder(model: model).defaultViews()
        // Views are independent: their sources are made on every core.
        let sources = views.concurrentMap(sourceFiles)
        // Pictures take longest, and the chapters and pages only need their
        // paths: they are drawn (or read from the cache) meanwhile, on one
        // thread. Graphviz lays out one at a time anyway, and the chapters
        // and pages need the other threads of the pool.
        var pictureWork: (@Sendable () -> Result<[GeneratedFile], GenerationError>)?
        if let pictures {
            pictureWork = { [self] in
                Result { () throws(GenerationError) in
                    try views.map { view throws(GenerationError) in try pictureFile(for: view, renderer: pictures) }
                }
            }
        }
        let drawing = Concurrently(pictureWork)
        let picturePaths = pictures.map { renderer in views.map { configuration.layout.diagramPath(for: $0, extension: renderer.fileExtension) } } ?? []
        let diagramSources = sources.flatMap { $0 }
        let plantUMLPictures = try plantUMLPictures(views: views, diagrams: diagramSources)
        // The compose file needs nothing else: it is written while the chapters and the site are.
        let composePath = model.architecture.deployment == nil ? nil : configuration.layout.composeFile
        var composeWork: (@Sendable () -> GeneratedFile)?
        if let composePath {
            composeWork = { GeneratedFile(path: composePath, contents: ComposeRenderer().render(model)) }
        }
        // The configuration's example file goes beside the compose file, when compose files are written.
        let envExample = model.architecture.configuration.flatMap { settings in
            settings.exampleFile.flatMap(configuration.layout.besideComposeFile).map {
                GeneratedFile(path: $0, contents: EnvExampleRenderer().render(settings))
            }
        }
        let compose = Concurrently(composeWork)
        let diagrams = diagramSources + plantUMLPictures
        let site = configuration.buildsSite ? try SiteBuilder(layout: configuration.layout, strictLinks: configuration.strictLinks) : nil
        let (chapters, pages) = try chaptersAndPages(model: model, views: views, diagrams: diagrams, site: site, pictures: Set(picturePaths))
        var siteFiles: [GeneratedFile] = []
        var diagnostics: [Diagnostic] = []
        if let site {
            (siteFiles, diagnostics) = try site.build(model: model, views: views, pages: pages, generated: (diagrams + chapters).map(\.path), pictures: picturePaths)
        }
        let drawn = try drawing.value()?.get() ?? []
        // Each view's sources, then its picture, as if made one view at a time.
        var files = zip(views.indices, sources).flatMap { index, sources in sources + (drawn.isEmpty ? [] : [drawn[index]]) }
        files += plantUMLPictures + chapters + siteFiles
        if let composeFile = compose.value() { files.append(composeFile) }
        if let envExample { files.append(envExample) }
        // The Kubernetes manifests go beside the compose file too, when compose files are written.
        if configuration.layout.composeFile != nil {
            let kubernetes = KubernetesRenderer(model: model).render()
            files += kubernetes.files.compactMap { file in
                configuration.layout.besideComposeFile(file.path).map { GeneratedFile(path: $0, contents: file.contents) }
            }
            diagnostics += kubernetes.warnings.map { Diagnostic(.warning, rule: "kubernetes", $0.message, at: $0.location) }
        }
        return GenerationResult(files: files, diagnostics: diagnostics)
    }

    /// A piece of work of ``chaptersAndPages(model:views:diagrams:site:pictures:)``.
    private enum Document: Sendable {
        case chapter(Arc42Chapter)
        case viewPage(DiagramView)
    }

    /// The arc42 chapters and, with a site, the pages of the views and the
    /// chapters (views first, then the chapters, as the navigation lists them).
    /// They are made in one pool, and a chapter's page as soon as the chapter
    /// is written: chapters 7 and 5 take longest on a large model (as Markdown
    /// and again as HTML), so they start first and the rest fill in beside them.
    private func chaptersAndPages(
        model: ArchitectureModel, views: [DiagramView], diagrams: [GeneratedFile], site: SiteBuilder?, pictures: Set<String>
    ) throws(GenerationError) -> (chapters: [GeneratedFile], pages: [SitePage]) {
        let chapters = try Arc42Generator(layout: configuration.layout).chapters(for: model, views: views, diagrams: diagrams)
        let diagramTexts = Dictionary(diagrams.map { ($0.path, $0.contents) }) { first, _ in first }
        let documents = Arc42Chapter.allCases.map(Document.chapter) + (site == nil ? [] : views.map(Document.viewPage))
        // Chapters made from the model first, largest first; then the view
        // pages by the size of their sources; the user's chapters are small.
        let modelChapters: [Arc42Chapter] = [.deploymentView, .buildingBlockView, .contextAndScope, .glossary]
        let made = try documents.concurrentMap(costliestFirst: { document in
            switch document {
            case .chapter(let chapter): modelChapters.firstIndex(of: chapter).map { Int.max - $0 } ?? 0
            case .viewPage(let view): ["puml", "mmd"].reduce(0) { $0 + (diagramTexts[configuration.layout.diagramPath(for: view, extension: $1)]?.utf8.count ?? 0) }
            }
        }) { document throws(GenerationError) -> (chapter: GeneratedFile?, page: SitePage?) in
            switch document {
            case .chapter(let chapter):
                let file = try chapters.file(for: chapter)
                return (file, site?.chapterPage(file))
            case .viewPage(let view):
                return (nil, site?.viewPage(view, diagrams: diagramTexts, pictures: pictures))
            }
        }
        let chapterPages = made.prefix(Arc42Chapter.allCases.count).compactMap(\.page)
        let viewPages = made.dropFirst(Arc42Chapter.allCases.count).compactMap(\.page)
        return (made.compactMap(\.chapter), viewPages + chapterPages)
    }
}
