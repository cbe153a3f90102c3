import ArchdocGeneration
import ArchdocLoading
import ArchdocModel
import ArchdocPictures
import ArchdocSite
import ArchdocViews
import ArchitectureDescription
import Foundation

/// Stages whose input does not grow with the model: one 30-element view's SVG,
/// 1,000 Markdown pages (in turns with the `cmark` tool on the same pages), and a
/// cached load of a small real architecture folder.
struct FixedStages {
    var work: String

    /// The site of the 1,000-page stage: the pages written afresh into `docs`,
    /// a generator without pictures, and a 10-container model.
    static func pagesSite(docs: String, templates: String) throws -> (pages: [String], generator: Generator, model: ArchitectureModel) {
        try? FileManager.default.removeItem(atPath: docs)
        let pages = try MarkdownPages.write(to: docs)
        var generator = Generator(configuration: GeneratorConfiguration(templatesDirectory: templates, docsDirectory: docs))
        generator.pictures = nil
        return (pages, generator, ArchitectureModel(SyntheticModel.architecture(SyntheticSpec(containers: 10))))
    }

    func run() throws -> [Measurement] {
        var out: [Measurement] = []
        // A system of 27 containers, plus people and neighbours: about 30 elements.
        let small = ArchitectureModel(SyntheticModel.architecture(SyntheticSpec(containers: 27, perSystem: 27)))
        let builder = ViewBuilder(model: small)
        let view = builder.containerView(of: small.architecture.softwareSystems[0])
        out.append(try Measure.run("SVG layout (one view)", size: view.allElements.count, note: "\(view.allElements.count) elements, \(view.edges.count) edges") {
            try SVGPictureRenderer().render(view)
        })
        let site = try Self.pagesSite(docs: "\(work)/docs", templates: "\(work)/no-templates")
        let pages = try site.pages.map { try String(contentsOfFile: $0, encoding: .utf8) }
        out.append(Measure.run("CommonMark.render (1,000 pages)", size: 1_000) { pages.map { CommonMark.render($0) } })
        var withoutPages = site.generator
        withoutPages.configuration.layout.docsDirectory = "\(work)/no-docs"
        out += try siteBesideCmark(site)
        out.append(try Measure.run("site build (0 pages, same model)", size: 0) { try withoutPages.files(for: site.model) })
        out.append(try cachedLoad())
        return out
    }

    /// The site build and the `cmark` tool on the same pages, run in turns: a
    /// slow spell of a shared machine lasts minutes, and measured minutes apart
    /// the two disagreed by 1.6x from one run of the bench to the next.
    private func siteBesideCmark(_ site: (pages: [String], generator: Generator, model: ArchitectureModel)) throws -> [Measurement] {
        let pages = site.pages
        let siteStage = "site build (1,000 pages, 10-container model)", cmarkStage = "peer cmark tool (1,000 pages, one process)"
        guard let cmark = Processes.which("cmark") else {
            return [try Measure.run(siteStage, size: 1_000) { try site.generator.files(for: site.model) },
                    .skipped(cmarkStage, size: pages.count, note: "cmark is not installed (apt-get install cmark); peer skipped")]
        }
        let clock = ContinuousClock()
        let timings = try Measure.inTurns(runs: 9, [
            {
                let start = clock.now
                consume(try site.generator.files(for: site.model))
                return Measure.milliseconds(clock.now - start)
            },
            {
                let result = try Processes.run(cmark, pages)
                guard result.status == 0 else { throw BenchError("cmark failed: \(result.stderr.suffix(400))") }
                return result.wallMs
            },
        ])
        let note = "in turns with the other, run for run"
        return [
            Measurement(stage: siteStage, size: 1_000, medianMs: timings[0].median, minMs: timings[0].min, runs: 9, peakMiB: Measure.peakMiB(), note: note),
            Measurement(stage: cmarkStage, size: pages.count, medianMs: timings[1].median, minMs: timings[1].min, runs: 9,
                        peakMiB: try Processes.peakMiB(cmark, pages), note: note),
        ]
    }

    /// Writes the DOT text of the 30-element view and of every view of a `size` model.
    static func dumpDOT(size: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let renderer = SVGPictureRenderer()
        let small = ArchitectureModel(SyntheticModel.architecture(SyntheticSpec(containers: 27, perSystem: 27)))
        try renderer.dot(ViewBuilder(model: small).containerView(of: small.architecture.softwareSystems[0])).write(toFile: "\(folder)/thirty.dot", atomically: true, encoding: .utf8)
        let model = ArchitectureModel(SyntheticModel.architecture(SyntheticSpec(containers: size)))
        for view in ViewBuilder(model: model).defaultViews() {
            try renderer.dot(view).write(toFile: "\(folder)/\(size)-\(view.key).dot", atomically: true, encoding: .utf8)
        }
    }

    /// A person, a system and two containers: the smallest real architecture folder.
    static let tinyArchitecture = """
    import ArchitectureDescription

    let user = Person("user", "User")
    let api = Container("api", "API", technology: "Swift, Hummingbird")
    let db = Container("db", "Database", kind: .database, technology: "PostgreSQL")

    let architecture = Architecture("Tiny") {
        user
        SoftwareSystem("tiny", "Tiny") { api; db }
        user.uses(api, "Calls", technology: "HTTPS")
        api.uses(db, "Reads and writes", technology: "SQL")
    }

    """

    /// Loads a tiny real `architecture/main.swift` once (compiling, or a warm cache), then times cached loads.
    private func cachedLoad() throws -> Measurement {
        let folder = "\(work)/tiny-architecture"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.tinyArchitecture.write(toFile: "\(folder)/main.swift", atomically: true, encoding: .utf8)
        let loader = ArchitectureLoader()
        _ = try loader.load(from: folder)
        var fromCache = true
        let measurement = try Measure.run("cached load (tiny main.swift)", size: 3) {
            fromCache = try loader.load(from: folder).fromCache && fromCache
        }
        guard fromCache else { throw BenchError("the cached load compiled") }
        return measurement
    }
}
