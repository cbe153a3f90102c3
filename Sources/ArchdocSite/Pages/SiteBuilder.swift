import ArchdocBasics
import ArchdocModel
import ArchdocRenderers
import ArchdocTemplates
import ArchdocViews
import ArchitectureDescription
import Foundation

/// Builds the static HTML site: every generated arc42 chapter and every page
/// in the docs folder rendered by libcmark inside the layout template, a page
/// per view with its picture and its PlantUML and Mermaid source in tabs, an
/// overview page, navigation, tables of contents, heading anchors, and a
/// client-side search. Every link is relative, so the site works from any
/// path and from `file://`.
package struct SiteBuilder: Sendable {
    /// Where the site goes, and the user's templates and pages.
    let layout: OutputLayout
    /// Whether a broken link in a page is an error rather than a warning.
    let strictLinks: Bool
    private let templates: TemplateLibrary

    /// A builder with the site's templates loaded (the user's, where they replace the defaults).
    package init(layout: OutputLayout, strictLinks: Bool = false) throws(GenerationError) {
        self.layout = layout
        self.strictLinks = strictLinks
        templates = try TemplateLibrary(folder: "site", userDirectory: layout.templatesDirectory, escaping: .html)
    }

    /// The site's files (relative to the project, like every generated file)
    /// and the broken links found.
    ///
    /// - Parameters:
    ///   - pages: The views' and the generated chapters' pages (``viewPage(_:diagrams:pictures:)``,
    ///     ``chapterPage(_:)``), made beforehand so that they can be made beside other work;
    ///     the user's pages and the overview are added here.
    ///   - generated: The paths of every other generated file, for the link check.
    ///   - pictures: The paths of the views' pictures, which may still be being drawn: pages only link to them.
    package func build(model: ArchitectureModel, views: [DiagramView], pages: [SitePage], generated: [String], pictures: [String]) throws(GenerationError) -> (files: [GeneratedFile], diagnostics: [Diagnostic]) {
        let site = layout.siteDirectory
        var pages = pages + docsPages()
        pages.insert(overviewPage(model: model, views: views, pages: pages), at: 0)

        // The scripts and the link check need every page but no layout: they
        // are made on another thread while the pages are laid out.
        let generatedInSite = (generated + pictures).compactMap { path in
            path.hasPrefix(site + "/") ? String(path.dropFirst(site.count + 1)) : nil
        }
        let strictLinks = strictLinks
        let finishing = Concurrently { [pages, templates] () -> Result<(assets: [String: String], diagnostics: [Diagnostic]), GenerationError> in
            Result { () throws(GenerationError) in
                let assets = ["assets/style.css": try templates.render("style", [:]), "assets/site.js": try templates.render("script", [:]),
                              "assets/search-index.js": Self.searchIndex(pages), "assets/navigation.js": Self.navigationScript(pages)]
                var files = Set(generatedInSite)
                files.formUnion(pages.map(\.path))
                files.formUnion(assets.keys)
                let anchors = Dictionary(pages.map { ($0.path, Set($0.headings.map(\.anchor))) }) { first, _ in first }
                let checker = LinkChecker(files: files, anchors: anchors)
                return (assets, pages.flatMap { checker.check($0, severity: strictLinks ? .error : .warning) })
            }
        }

        let siteTitle = model.architecture.name
        var output = try pages.concurrentMap { [templates] page throws(GenerationError) in
            GeneratedFile(path: "\(site)/\(page.path)", contents: try templates.render("layout", Self.layoutContext(page, siteTitle: siteTitle)))
        }
        let (assets, diagnostics) = try finishing.value()!.get()
        for (path, contents) in assets.sorted(by: { $0.key < $1.key }) {
            output.append(GeneratedFile(path: "\(site)/\(path)", contents: contents))
        }
        return (output, diagnostics)
    }

    // MARK: Pages

    /// A Markdown text and where its page goes.
    private struct MarkdownSource: Sendable {
        var path: String
        var section: SitePage.Section
        var source: String
        var text: String
    }

    /// The page of a generated arc42 chapter, `<site>/arc42/NN-slug.md`.
    package func chapterPage(_ chapter: GeneratedFile) -> SitePage {
        let name = chapter.path.split(separator: "/").last.map { $0.hasSuffix(".md") ? $0.dropLast(3) : $0 } ?? ""
        return markdownPage(MarkdownSource(path: "arc42/\(name).html", section: .arc42, source: chapter.path, text: chapter.contents))
    }

    private func markdownPage(_ markdown: MarkdownSource) -> SitePage {
        let rendered = CommonMark.render(markdown.text)
        // Without a level-1 heading, the page is named after its file.
        let fallback = {
            let name = markdown.path.split(separator: "/").last ?? ""
            return String(name.lastIndex(of: ".").map { name[..<$0] } ?? name)
        }
        return SitePage(
            path: markdown.path, title: rendered.title ?? fallback(), section: markdown.section,
            content: SiteLinks.rewriteMarkdownLinks(in: rendered.html),
            headings: rendered.headings, plainText: rendered.plainText, source: markdown.source, links: rendered.links)
    }

    /// The user's own pages: every `.md` in the docs folder that is not an arc42 chapter.
    private func docsPages() -> [SitePage] {
        let folder = layout.docsDirectory
        let chapterNames = Set(Arc42Chapter.allCases.map(\.fileName))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") && !chapterNames.contains($0) }.sorted()
        return names.concurrentMap { name -> SitePage? in
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { return nil }
            return markdownPage(MarkdownSource(
                path: "docs/" + String(name.dropLast(3)) + ".html", section: .docs, source: "\(folder)/\(name)",
                text: String(decoding: data, as: UTF8.self)))
        }.compactMap { $0 }
    }

    /// A view's page, with its picture and its sources in tabs. `diagrams`: the
    /// generated diagram sources' texts by path; `pictures`: the paths of the views' pictures.
    package func viewPage(_ view: DiagramView, diagrams: [String: String], pictures: Set<String>) -> SitePage {
        let source = { (ext: String) in diagrams[layout.diagramPath(for: view, extension: ext)] }
        let title = HTMLText.escaped(view.title)
        var html = "<h1 id=\"view\">\(title)</h1>\n"
        html += "<div class=\"tabs\" data-tabs>\n<div role=\"tablist\" aria-label=\"Representations\">\n"
        let tabs: [(id: String, label: String, body: String?)] = [
            ("picture", "Picture", pictures.contains(layout.diagramPath(for: view, extension: "svg")) ?
                "<figure class=\"picture\"><img src=\"../diagrams/\(view.key).svg\" alt=\"\(title)\"></figure>" : nil),
            // Only with --plantuml-jar: PlantUML's own drawing of the C4-PlantUML source.
            ("plantuml-picture", "PlantUML picture", source(OutputLayout.plantUMLPictureExtension).map { _ in
                "<figure class=\"picture\"><img src=\"../diagrams/\(view.key).\(OutputLayout.plantUMLPictureExtension)\" alt=\"\(title), drawn by PlantUML\"></figure>"
            }),
            ("plantuml", "C4-PlantUML", source("puml").map {
                "<pre><code class=\"language-plantuml\">\(HTMLText.escaped($0))</code></pre>\n<p><a href=\"../diagrams/\(view.key).puml\" download>Download \(view.key).puml</a></p>"
            }),
            ("mermaid", "Mermaid", source("mmd").map {
                "<pre><code class=\"language-mermaid\">\(HTMLText.escaped($0))</code></pre>\n<p><a href=\"../diagrams/\(view.key).mmd\" download>Download \(view.key).mmd</a></p>"
            }),
        ].filter { $0.body != nil }
        for (index, tab) in tabs.enumerated() {
            html += "<button type=\"button\" role=\"tab\" id=\"tab-\(tab.id)\" aria-controls=\"panel-\(tab.id)\" aria-selected=\"\(index == 0)\">\(tab.label)</button>\n"
        }
        html += "</div>\n"
        for (index, tab) in tabs.enumerated() {
            html += "<section role=\"tabpanel\" id=\"panel-\(tab.id)\" aria-labelledby=\"tab-\(tab.id)\"\(index == 0 ? "" : " hidden")>\n\(tab.body ?? "")\n</section>\n"
        }
        html += "</div>\n"
        let text = view.allElements.map { [$0.name, $0.technology ?? "", $0.description ?? ""].joined(separator: " ") }.joined(separator: " ")
        return SitePage(path: "views/\(view.key).html", title: view.title, section: .views, content: html, headings: [], plainText: text, source: nil, links: [])
    }

    private func overviewPage(model: ArchitectureModel, views: [DiagramView], pages: [SitePage]) -> SitePage {
        let architecture = model.architecture
        var html = "<h1 id=\"overview\">\(HTMLText.escaped(architecture.name))</h1>\n"
        if let description = architecture.description { html += "<p class=\"lead\">\(HTMLText.escaped(description))</p>\n" }
        html += "<h2 id=\"views\">Views</h2>\n<ul class=\"cards\">\n"
        for view in views {
            html += "<li><a href=\"views/\(view.key).html\"><img src=\"diagrams/\(view.key).svg\" alt=\"\" loading=\"lazy\"><span>\(HTMLText.escaped(view.title))</span></a></li>\n"
        }
        html += "</ul>\n"
        for section in [SitePage.Section.arc42, .docs] {
            let members = pages.filter { $0.section == section }
            guard !members.isEmpty else { continue }
            let heading = section == .arc42 ? "Architecture documentation (arc42)" : "Pages"
            html += "<h2 id=\"\(section == .arc42 ? "arc42" : "pages")\">\(heading)</h2>\n<ul>\n"
            for page in members { html += "<li><a href=\"\(page.path)\">\(HTMLText.escaped(page.title))</a></li>\n" }
            html += "</ul>\n"
        }
        let headings = [MarkdownHeading(level: 2, text: "Views", anchor: "views")]
        return SitePage(path: "index.html", title: architecture.name, section: .home, content: html, headings: headings,
                        plainText: [architecture.name, architecture.description ?? ""].joined(separator: " "), source: nil, links: [])
    }

    // MARK: Layout and search

    /// Everything a page's layout needs, and nothing that grows with the site:
    /// the sidebar is shared by every page through `assets/navigation.js`.
    private static func layoutContext(_ page: SitePage, siteTitle: String) -> TemplateValues {
        let headings = page.headings.filter { $0.level == 2 || $0.level == 3 }
        // The default layout inserts the list ready-made: looking up three values
        // per heading was a third of a 1,000-page site's layout time. `toc` stays
        // for layouts that draw the list themselves.
        var tocItems = ""
        for heading in headings {
            tocItems += "<li class=\"level-\(heading.level)\"><a href=\"#\(HTMLText.escaped(heading.anchor))\">\(HTMLText.escaped(heading.text))</a></li>\n"
        }
        return TemplateValues([
            "title": page.title, "siteTitle": siteTitle, "root": page.root, "path": page.path, "content": page.content,
            "toc": headings.map { TemplateValues(["text": $0.text, "anchor": $0.anchor, "level": $0.level]) },
            "tocItems": tocItems, "hasToc": !headings.isEmpty, "generator": "archdoc \(ArchdocVersion.current)",
        ])
    }

    /// The sidebar of every page, by section, as a script (like the search
    /// index) so that it loads from `file://` too; site.js draws it and marks
    /// the current page.
    private static func navigationScript(_ pages: [SitePage]) -> String {
        let bySection = Dictionary(grouping: pages, by: \.section)
        var json = ScriptJSON(prefix: "window.ARCHDOC_NAVIGATION = [", capacity: 64 * pages.count)
        for (index, section) in SitePage.Section.allCases.filter({ bySection[$0] != nil }).enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"items\":[")
            for (index, page) in bySection[section, default: []].enumerated() {
                if index > 0 { json.raw(",") }
                json.object(["title": page.title, "url": page.path])
            }
            json.raw("],\"title\":")
            json.string(section.rawValue)
            json.raw("}")
        }
        json.raw("];\n")
        return json.text
    }

    /// A script, not JSON, so that search works from `file://` too (where `fetch` is refused).
    private static func searchIndex(_ pages: [SitePage]) -> String {
        var json = ScriptJSON(prefix: "window.ARCHDOC_SEARCH_INDEX = [", capacity: pages.reduce(64) { $0 + min($1.plainText.utf8.count, 20_000) + 96 })
        for (index, page) in pages.enumerated() {
            if index > 0 { json.raw(",") }
            // A text of at most 20,000 bytes has at most 20,000 characters: no need to count them.
            let text = page.plainText.utf8.count <= 20_000 ? page.plainText : String(page.plainText.prefix(20_000))
            json.object(["text": text, "title": page.title, "url": page.path])
        }
        json.raw("];\n")
        return json.text
    }
}
