import ArchdocBasics
import ArchdocComposeFiles
import ArchdocDrift
import ArchdocGeneration
import ArchdocLoading
import ArchdocManifestFiles
import ArchdocModel
import ArchdocPictures
import ArchdocRenderers
import ArchdocViews
import ArchitectureDescription
import Foundation

/// The in-process stages that depend on the model's size, measured in a process
/// of their own per size so each size's peak memory is its own.
struct SizeStages {
    /// The diagram languages archdoc writes, C4-PlantUML first, with their names in the table.
    static let diagramRenderers: [(language: String, renderer: any DiagramRenderer)] = [("C4-PlantUML", PlantUMLRenderer()), ("Mermaid", MermaidRenderer())]

    /// The views c4-diagrams draws too (context and containers), for a like-for-like ratio.
    static func peerViews(_ views: [DiagramView]) -> [DiagramView] {
        views.filter { if case .deployment = $0.kind { false } else { true } }
    }

    /// Every view's sources as `generate` writes them, which the arc42 chapters link or embed.
    static func diagramSources(of views: [DiagramView]) -> [GeneratedFile] {
        let configuration = GeneratorConfiguration()
        return diagramRenderers.flatMap { _, renderer in
            views.map { GeneratedFile(path: configuration.layout.diagramPath(for: $0, extension: renderer.fileExtension), contents: renderer.render($0)) }
        }
    }

    var size: Int
    var work: String  // a scratch folder

    func run() throws -> [Measurement] {
        let spec = SyntheticSpec(containers: size)
        var out: [Measurement] = []
        let (dsl, architecture) = Measure.measure("dsl build (in process)", size: size) { SyntheticModel.architecture(spec) }
        let load = try cachedLoad(architecture, spec)
        let (indexing, m) = Measure.measure("model indexing", size: size) { ArchitectureModel(architecture) }
        let (validation, diagnostics) = Measure.measure("validation", size: size) { Validator().validate(m) }
        out += [dsl, load, indexing, validation]
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw BenchError("the synthetic model of \(size) has \(errors.count) errors, e.g. \(errors[0])")
        }
        let (viewing, views) = Measure.measure("views", size: size) { ViewBuilder(model: m).defaultViews() }
        out.append(viewing)
        let peerViews = Self.peerViews(views)
        for (language, renderer) in Self.diagramRenderers {
            out.append(Measure.run("render \(language) (context + container views)", size: size, note: "context and container views only, as the c4-diagrams peer draws") {
                peerViews.map(renderer.render)
            })
        }
        for (language, renderer) in Self.diagramRenderers {
            out.append(Measure.run("render \(language) (all views)", size: size) { views.map(renderer.render) })
        }
        let diagrams = Self.diagramSources(of: views)
        let (composing, compose) = Measure.measure("render compose", size: size) { ComposeRenderer().render(m) }
        out.append(composing)
        let (manifesting, manifests) = Measure.measure("render Kubernetes manifests", size: size) { KubernetesRenderer(model: m).render() }
        out.append(manifesting)
        let configuration = configuration(docs: "\(work)/no-docs")
        out.append(try Measure.run("render arc42", size: size) {
            try Arc42Generator(layout: configuration.layout).files(for: m, views: views, diagrams: diagrams)
        })
        // Every view's picture: about 5 s at 1,000 (20 container views of ~80 elements each);
        // at 10,000 there are 200 such views, several minutes for 5 runs.
        let svgSkip = "skipped above 1,000: 200 container views of ~80 elements take ~45 s per run"
        if size > 1_000 {
            out.append(.skipped("SVG layout (all views)", size: size, note: svgSkip))
        } else {
            out.append(try Measure.run("SVG layout (all views)", size: size, runs: 5, budgetMs: 30_000) {
                try views.map { try SVGPictureRenderer().render($0) }
            })
        }
        var noPictures = Generator(configuration: configuration)
        noPictures.pictures = nil
        let (generating, generated) = try Measure.measure("generate: all but SVG (site incl.)", size: size) { try noPictures.files(for: m) }
        out.append(generating)
        var noSite = noPictures
        noSite.configuration.buildsSite = false
        out.append(try Measure.run("generate: all but SVG and site", size: size) { try noSite.files(for: m) })
        if size > 1_000 {
            out.append(.skipped("generate: everything (SVG incl.)", size: size, note: svgSkip))
        } else {
            let full = Generator(configuration: configuration)
            out.append(try Measure.run("generate: everything (SVG incl.)", size: size, runs: 5, budgetMs: 30_000) { try full.files(for: m) })
        }
        out.append(try checkDrift(m, compose: compose))
        out.append(try checkManifests(m, manifests: manifests.files))
        out.append(try checkStaleness(generated))
        return out
    }

    private func configuration(docs: String) -> GeneratorConfiguration {
        GeneratorConfiguration(siteDirectory: "site", composeFile: "compose.yaml", templatesDirectory: "\(work)/no-templates", docsDirectory: docs)
    }

    /// `generate`'s first step when the model is cached: hash the folder's
    /// `main.swift` (the source of this size), read and decode the cached
    /// model, index it. The model is cached from the DSL build, as if compiled:
    /// compiling 10,000 containers' source would take far too long.
    private func cachedLoad(_ architecture: Architecture, _ spec: SyntheticSpec) throws -> Measurement {
        let folder = "\(work)/cached-load-\(size)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try SyntheticSource.mainSwift(spec).write(toFile: "\(folder)/main.swift", atomically: true, encoding: .utf8)
        let loader = ArchitectureLoader()
        try loader.cache(architecture, asModelOf: folder)
        let compiling: (Int) -> Void = { _ in
            log("error: the cached load of \(size) containers would compile the model")
            exit(1)
        }
        let (measurement, loaded) = try Measure.measure("model load (cached)", size: size) { try loader.load(from: folder, willCompile: compiling) }
        guard loaded.model.containers.count == spec.containers.count else {
            throw BenchError("the cached model has \(loaded.model.containers.count) containers, not \(spec.containers.count)")
        }
        return measurement
    }

    /// `check`'s drift half: parse the matching compose file, compare it with the model.
    private func checkDrift(_ model: ArchitectureModel, compose: String) throws -> Measurement {
        let path = "\(work)/compose-\(size).yaml"
        try compose.write(toFile: path, atomically: true, encoding: .utf8)
        let note = compose.utf8.count > ComposeParser.maximumSize ? "compose file over the parser's size limit" : nil
        let (measurement, findings) = try Measure.measure("check: compose drift (parse + compare)", size: size, note: note) {
            ComposeDrift(model: model).findings(against: try ComposeParser().parse(contentsOf: path))
        }
        guard findings.isEmpty else { throw BenchError("drift on the matching compose file: \(findings[0])") }
        return measurement
    }

    /// `check -f` on manifests: read the workloads' files, as kustomize renders
    /// them (the overlay's replicas written in), and compare them with the model.
    private func checkManifests(_ model: ArchitectureModel, manifests: [GeneratedFile]) throws -> Measurement {
        guard let environment = model.kubernetesEnvironments.first else { throw BenchError("the synthetic model has no environment on Kubernetes") }
        let replicas = Dictionary(environment.services.map { (KubernetesRenderer.resourceName($0.name), environment.replicas(of: $0)) }) { first, _ in first }
        var text = ""
        for file in manifests where file.path.contains("/base/") && !file.path.hasSuffix("kustomization.yaml") {
            let name = String(file.path.split(separator: "/").last?.dropLast(".yaml".count) ?? "")
            text += file.contents.replacingOccurrences(of: "  replicas: 1\n", with: "  replicas: \(replicas[name] ?? 1)\n") + "---\n"
        }
        let path = "\(work)/manifests-\(size).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let note = text.utf8.count > ManifestReader.sizeLimit ? "manifests over the reader's size limit: read from memory" : nil
        let (measurement, findings) = try Measure.measure("check: manifest drift (parse + compare)", size: size, note: note) {
            ManifestDrift(model: model, environment: environment).findings(against: try ManifestReader().read(text, path: path))
        }
        guard findings.isEmpty else { throw BenchError("drift on the matching manifests: \(findings[0])") }
        return measurement
    }

    /// `check`'s staleness half: compare the expected files with a generated folder.
    private func checkStaleness(_ files: [GeneratedFile]) throws -> Measurement {
        let root = "\(work)/stale-\(size)"
        try? FileManager.default.removeItem(atPath: root)
        _ = try OutputWriter(root: root).write(files)
        let (measurement, findings) = Measure.measure("check: staleness of generated folder", size: size) {
            Staleness(expected: files, siteDirectory: "site", root: root).findings()
        }
        guard findings.isEmpty else { throw BenchError("staleness on a fresh folder: \(findings[0])") }
        return measurement
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
