import ArchdocComposeFiles
import ArchdocDrift
import ArchdocGeneration
import ArchdocModel
import ArchdocPictures
import ArchdocRenderers
import ArchdocSite
import ArchdocViews
import ArchitectureDescription
import Foundation

/// One stage run over and over for a few seconds, so that a profiler
/// (`perf record`, `valgrind --tool=callgrind`) sees little else.
enum Profiling {
    static func loop(_ what: String, size: Int, seconds: Double) throws {
        let model = ArchitectureModel(SyntheticModel.architecture(SyntheticSpec(containers: size)))
        let views = ViewBuilder(model: model).defaultViews()
        var configuration = GeneratorConfiguration(templatesDirectory: "/nonexistent", docsDirectory: "/nonexistent")
        configuration.layout.composeFile = "compose.yaml"
        let body: () throws -> Void
        switch what {
        case "plantuml": body = { consume(views.map(PlantUMLRenderer().render)) }
        case "mermaid": body = { consume(views.map(MermaidRenderer().render)) }
        case "dot": body = { consume(views.map(SVGPictureRenderer().dot)) }
        case "compose": body = { consume(ComposeRenderer().render(model)) }
        case "dsl":
            let spec = SyntheticSpec(containers: size)
            body = { consume(SyntheticModel.architecture(spec)) }
        case "indexing": body = { consume(ArchitectureModel(model.architecture)) }
        case "views": body = { consume(ViewBuilder(model: model).defaultViews()) }
        case "validation": body = { consume(Validator().validate(model)) }
        case "arc42":
            // As the bench's stage: with every view's sources, which the chapters embed (Mermaid) or link.
            let diagrams = SizeStages.diagramSources(of: views)
            body = { consume(try Arc42Generator(layout: configuration.layout).files(for: model, views: views, diagrams: diagrams)) }
        case "site":
            var generator = Generator(configuration: configuration)
            generator.pictures = nil
            body = { consume(try generator.files(for: model)) }
        case "chapter":
            // The largest arc42 chapter, 7, as the site renders it.
            let chapter = try Arc42Generator(layout: configuration.layout)
                .chapters(for: model, views: views, diagrams: SizeStages.diagramSources(of: views))
                .file(for: .deploymentView).contents
            body = { consume(CommonMark.render(chapter)) }
        case "pages":
            // The fixed stage's site: 1,000 Markdown pages beside a 10-container model.
            let site = try FixedStages.pagesSite(docs: FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-profile-pages").path,
                                                  templates: "/nonexistent")
            body = { consume(try site.generator.files(for: site.model)) }
        case "drift":
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-profile-\(size).yaml").path
            try ComposeRenderer().render(model).write(toFile: path, atomically: true, encoding: .utf8)
            body = { consume(ComposeDrift(model: model).findings(against: try ComposeParser().parse(contentsOf: path))) }
        default:
            throw BenchError("unknown stage '\(what)': dsl, indexing, plantuml, mermaid, dot, compose, views, validation, arc42, chapter, site, pages or drift")
        }
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int(seconds * 1000))
        var runs: [Duration] = []
        while clock.now < end {
            runs.append(try clock.measure(body))
        }
        guard !runs.isEmpty else { return log("\(what) at \(size): no run in \(seconds) s") }
        let median = runs.sorted()[runs.count / 2]
        log("\(what) at \(size): \(runs.count) runs in \(seconds) s, median \(median.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))")
    }
}
