import ArchdocBasics
import ArchdocModel
import ArchdocTemplates
import ArchdocViews
import ArchitectureDescription
import Foundation

/// Writes the arc42 documentation: one Markdown file per chapter,
/// `<site>/arc42/NN-slug.md`.
///
/// - Chapters 3 (context and scope), 5 (building block view), 7 (deployment
///   view) and 12 (glossary) are generated from the model. When the user has a
///   Markdown file of the chapter's name in the docs folder, it is appended
///   after the generated content (under `## Notes`, unless it starts with a
///   heading of its own).
/// - The other chapters are the user's Markdown from the docs folder
///   (`architecture/docs/01-introduction-and-goals.md` and so on). archdoc adds
///   the chapter heading unless the file starts with a level-1 heading. Without
///   a file, the chapter says what it is for and where to write it.
///
/// The text comes from the Mustache templates `arc42/<NN-slug>.mustache` and
/// their partials (see ``TemplateLibrary``). Every value in a template's
/// context is Markdown, already escaped by ``MarkdownText``; templates insert
/// values unchanged.
package struct Arc42Generator: Sendable {
    /// Where to write, and where the user's templates and Markdown are.
    package var layout: OutputLayout

    /// Creates a generator.
    package init(layout: OutputLayout) {
        self.layout = layout
    }

    /// The twelve chapters for a model.
    ///
    /// - Parameters:
    ///   - model: The architecture.
    ///   - views: The default views, whose diagrams the chapters show.
    ///   - diagrams: The generated diagram files, linked from the chapters; the
    ///     Mermaid sources are also shown inline.
    package func files(for model: ArchitectureModel, views: [DiagramView], diagrams: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile] {
        let chapters = try chapters(for: model, views: views, diagrams: diagrams)
        // Chapters are independent; 5 and 7 are large for large models.
        return try Arc42Chapter.allCases.concurrentMap { chapter throws(GenerationError) in try chapters.file(for: chapter) }
    }

    /// The chapters for a model, to be written one at a time, so that a caller
    /// can schedule each beside other work (the site renders a chapter's page
    /// as soon as the chapter is written). The parameters are those of
    /// ``files(for:views:diagrams:)``.
    package func chapters(for model: ArchitectureModel, views: [DiagramView], diagrams: [GeneratedFile]) throws(GenerationError) -> Chapters {
        Chapters(
            generator: self, model: model, views: views,
            templates: try TemplateLibrary(folder: "arc42", userDirectory: layout.templatesDirectory, escaping: .none),
            references: DiagramReferences(layout: layout, diagrams: diagrams))
    }

    /// The arc42 chapters of one model, with their templates loaded: each
    /// chapter is written by ``file(for:)``, on any thread.
    package struct Chapters: Sendable {
        let generator: Arc42Generator
        let model: ArchitectureModel
        let views: [DiagramView]
        let templates: TemplateLibrary
        let references: DiagramReferences

        /// A chapter's file, `<site>/arc42/NN-slug.md`.
        package func file(for chapter: Arc42Chapter) throws(GenerationError) -> GeneratedFile {
            let layout = generator.layout
            var context = try generator.baseContext(for: chapter, model: model)
            switch chapter {
            case .contextAndScope:
                context.merge(ContextAndScopeChapter(model: model, views: views, references: references).context()) { _, new in new }
            case .buildingBlockView:
                context.merge(BuildingBlockChapter(model: model, views: views, references: references).context()) { _, new in new }
            case .deploymentView:
                context.merge(DeploymentViewChapter(model: model, views: views, references: references, composeFile: layout.composeFile).context()) { _, new in new }
                context.merge(DeliverySections(model: model, views: views, references: references).context()) { _, new in new }
            case .risksAndTechnicalDebt:
                context["generatedRisks"] = DeliverySections(model: model, views: views, references: references).risks()
            case .glossary:
                context.merge(GlossaryChapter(model: model).context()) { _, new in new }
            default:
                break
            }
            let text = try templates.render(chapter.stem, context)
            return GeneratedFile(path: "\(layout.siteDirectory)/arc42/\(chapter.fileName)", contents: Arc42Generator.normalized(text))
        }
    }

    /// What every chapter's template can use: `number`, `title`, `fileName`,
    /// `docsPath`, `architectureName`, and `user` when the user wrote the chapter.
    private func baseContext(for chapter: Arc42Chapter, model: ArchitectureModel) throws(GenerationError) -> [String: Any] {
        let docsPath = (layout.docsDirectory as NSString).appendingPathComponent(chapter.fileName)
        var context: [String: Any] = [
            "number": String(chapter.number),
            "title": chapter.title,
            "fileName": chapter.fileName,
            "docsPath": MarkdownText.code(docsPath),
            "architectureName": MarkdownText.inline(model.architecture.name),
        ]
        if let user = try UserChapter(path: docsPath) {
            context["user"] = user.context
        }
        return context
    }

    /// The rendered text with trailing white space removed and one final newline.
    static func normalized(_ text: String) -> String {
        let end = trailingSpaceStart(of: text)
        if text.utf8.distance(from: end, to: text.utf8.endIndex) == 1, text.utf8.last == 0x0A { return text }
        return String(text[..<end]) + "\n"
    }

    /// Where the text's trailing ASCII white space (spaces, tabs, line breaks) starts.
    static func trailingSpaceStart(of text: String) -> String.Index {
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let byte = utf8[utf8.index(before: end)]
            guard byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) else { break }
            end = utf8.index(before: end)
        }
        return end
    }

    /// The text without trailing whitespace. (`normalized(_:)` without its
    /// final newline; `removeLast` looks at the end only, where `dropLast` on a
    /// string counts every character from the start, a Mermaid source at a time.)
    static func trimmed(_ text: String) -> String {
        var text = normalized(text)
        text.removeLast()
        return text
    }
}

/// A chapter the user wrote in the docs folder.
struct UserChapter {
    /// The Markdown, unchanged but for trailing white space.
    var content: String

    /// Reads the user's chapter; `nil` when there is no such file.
    init?(path: String) throws(GenerationError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GenerationError("\(path): error: [docs] cannot read the chapter; check that it is a readable file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GenerationError("\(path): error: [docs] the chapter is not valid UTF-8; save it as UTF-8")
        }
        content = Arc42Generator.trimmed(text)
    }

    /// `content`, and whether it starts with a heading of its own:
    /// `startsWithTitle` for a level-1 heading, `startsWithHeading` for any.
    var context: [String: Any] {
        let first = content.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let trimmed = first.drop { $0 == " " }
        let indent = first.count - trimmed.count
        let hashes = trimmed.prefix { $0 == "#" }.count
        let afterHashes = trimmed.dropFirst(hashes).first
        let isHeading = indent <= 3 && (1...6).contains(hashes) && (afterHashes == nil || afterHashes == " " || afterHashes == "\t")
        return [
            "content": content,
            "startsWithHeading": isHeading,
            "startsWithTitle": isHeading && hashes == 1,
        ]
    }
}

/// Links to the generated diagrams of the views, relative to `<site>/arc42/`.
struct DiagramReferences: Sendable {
    private let sources: [String: String]
    private let layout: OutputLayout

    init(layout: OutputLayout, diagrams: [GeneratedFile]) {
        self.layout = layout
        sources = Dictionary(diagrams.map { ($0.path, $0.contents) }) { first, _ in first }
    }

    /// The context of the `diagram` partial for a view: `title`, `svg` (the
    /// picture), `puml` and `mmd` (the sources, when generated), and `mermaid`
    /// with its `fence` for the inline Mermaid block — or, for a source longer
    /// than Mermaid draws by default (``MermaidRenderer/defaultMaxTextSize``),
    /// `mermaidTooLarge` (`characters`, `limit`) instead: inline, it would show
    /// only Mermaid's error. `nil` when no diagram of the view was generated.
    func context(for view: DiagramView) -> [String: Any]? {
        let puml = sources[layout.diagramPath(for: view, extension: "puml")]
        let mmd = sources[layout.diagramPath(for: view, extension: "mmd")]
        guard puml != nil || mmd != nil else { return nil }
        var context: [String: Any] = [
            "title": MarkdownText.inline(view.title),
            "svg": MarkdownText.linkDestination("../diagrams/\(view.key).svg"),
        ]
        if puml != nil { context["puml"] = MarkdownText.linkDestination("../diagrams/\(view.key).puml") }
        if let mermaid = mmd {
            context["mmd"] = MarkdownText.linkDestination("../diagrams/\(view.key).mmd")
            let characters = Self.mermaidCharacters(mermaid)
            if characters <= MermaidRenderer.defaultMaxTextSize {
                let source = Arc42Generator.trimmed(mermaid)
                context["mermaid"] = source
                context["fence"] = MarkdownText.codeFence(for: source)
            } else {
                context["mermaidTooLarge"] = [
                    "characters": Arc42Format.count(characters),
                    "limit": Arc42Format.count(MermaidRenderer.defaultMaxTextSize),
                ]
            }
        }
        return context
    }

    /// The length Mermaid sees when the source is embedded: UTF-16 code units
    /// without the trailing white space. (Counted without trimming, which
    /// would copy a source that may be too large to embed anyway.)
    ///
    /// Counted from the UTF-8 bytes: every byte but a continuation byte
    /// starts a scalar of one UTF-16 unit, two for a four-byte scalar.
    /// (`utf16.count` of a non-ASCII string first builds an index of its
    /// offsets: 0.9% of `generate`'s time on 1,000 containers; this, 0.1%.)
    static func mermaidCharacters(_ source: String) -> Int {
        let trailing = source.utf8.distance(from: Arc42Generator.trailingSpaceStart(of: source), to: source.utf8.endIndex)
        var source = source
        let units = source.withUTF8 { bytes in
            // Counted in 32 bits with no branch: the loop runs on whole vectors of bytes.
            var units: UInt32 = 0
            for byte in bytes {
                units &+= UInt32(truncatingIfNeeded: (byte & 0xC0 != 0x80 ? 1 : 0) &+ (byte >= 0xF0 ? 1 : 0) as UInt8)
            }
            return Int(units)
        }
        // White space is ASCII: one UTF-16 unit per byte.
        return units - trailing
    }
}

/// Small formatting helpers shared by the chapters.
enum Arc42Format {
    /// The placeholder for an empty table cell or a missing fact.
    static let none = "—"

    /// A count with thousands separated by commas, as in `354,151`, whatever the locale.
    static func count(_ value: Int) -> String {
        var digits = String(value.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return value < 0 ? "-" + digits : digits
    }

    /// Escaped text, or the placeholder when there is none.
    static func text(_ value: String?) -> String {
        guard let value, !MarkdownText.singleLine(value).isEmpty else { return none }
        return MarkdownText.inline(value)
    }

    /// Escaped text, or `false` when there is none, so that a template's
    /// `{{#name}}…{{/name}}` skips it (and does not find a value of the same
    /// name in an enclosing section instead).
    static func optional(_ value: String?) -> Any {
        guard let value, !MarkdownText.singleLine(value).isEmpty else { return false }
        return MarkdownText.inline(value)
    }

    /// A pipe table of escaped cells (see ``MarkdownText/table(header:rows:)``),
    /// or `false` without rows, so that a template's `{{#name}}` skips it.
    static func table(header: [String], rows: [[String]]) -> Any {
        rows.isEmpty ? false : MarkdownText.table(header: header, rows: rows)
    }

    /// A human-readable name of a container kind.
    static func kind(_ kind: ContainerKind) -> String {
        switch kind {
        case .service: "service"
        case .webApp: "web app"
        case .database: "database"
        case .queue: "queue"
        case .objectStore: "object store"
        }
    }
}
