import ArchitectureDescription
import Foundation

/// Builds the static HTML site: every generated arc42 chapter and every page
/// in the docs folder rendered by libcmark inside the layout template, a page
/// per view with its picture and its PlantUML and Mermaid source in tabs, an
/// overview page, navigation, tables of contents, heading anchors, and a
/// client-side search. Every link is relative, so the site works from any
/// path and from `file://`.
struct SiteBuilder {
    let configuration: GeneratorConfiguration

    /// The site's files (relative to the project, like every generated file)
    /// and the broken links found.
    func build(model: ArchitectureModel, views: [DiagramView], generated: [GeneratedFile]) throws(GenerationError) -> (files: [GeneratedFile], diagnostics: [Diagnostic]) {
        let site = configuration.siteDirectory
        let templates = try TemplateLibrary(folder: "site", userDirectory: configuration.templatesDirectory, escaping: .html)
        let inSite = { (file: GeneratedFile) -> String? in
            file.path.hasPrefix(site + "/") ? String(file.path.dropFirst(site.count + 1)) : nil
        }

        var pages: [SitePage] = []
        pages += views.map { viewPage($0, generated: generated, site: site) }
        for file in generated {
            guard let path = inSite(file), path.hasPrefix("arc42/"), path.hasSuffix(".md") else { continue }
            pages.append(markdownPage(file.contents, path: String(path.dropLast(3)) + ".html", section: .arc42, source: file.path))
        }
        pages += docsPages()
        pages.insert(overviewPage(model: model, views: views, pages: pages), at: 0)

        let assets = ["assets/style.css": try templates.render("style", [:]), "assets/site.js": try templates.render("script", [:]),
                      "assets/search-index.js": searchIndex(pages)]
        var files = Set(generated.compactMap(inSite))
        files.formUnion(pages.map(\.path))
        files.formUnion(assets.keys)
        let anchors = Dictionary(pages.map { ($0.path, Set($0.headings.map(\.anchor))) }) { first, _ in first }
        let checker = LinkChecker(files: files, anchors: anchors)
        let diagnostics = pages.flatMap { checker.check($0, severity: configuration.strictLinks ? .error : .warning) }

        var output: [GeneratedFile] = []
        for page in pages {
            output.append(GeneratedFile(path: "\(site)/\(page.path)", contents: try templates.render("layout", layoutContext(page, pages: pages, model: model))))
        }
        for (path, contents) in assets.sorted(by: { $0.key < $1.key }) {
            output.append(GeneratedFile(path: "\(site)/\(path)", contents: contents))
        }
        return (output, diagnostics)
    }

    // MARK: Pages

    private func markdownPage(_ markdown: String, path: String, section: SitePage.Section, source: String) -> SitePage {
        let rendered = CommonMark.render(markdown)
        let fallback = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return SitePage(
            path: path, title: rendered.title ?? fallback, section: section, content: SiteLinks.rewriteMarkdownLinks(in: rendered.html),
            headings: rendered.headings, plainText: rendered.plainText, source: source, links: rendered.links)
    }

    /// The user's own pages: every `.md` in the docs folder that is not an arc42 chapter.
    private func docsPages() -> [SitePage] {
        let folder = configuration.docsDirectory
        let chapterNames = Set(Arc42Chapter.allCases.map(\.fileName))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") && !chapterNames.contains($0) }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { return nil }
            return markdownPage(String(decoding: data, as: UTF8.self), path: "docs/" + String(name.dropLast(3)) + ".html", section: .docs, source: "\(folder)/\(name)")
        }
    }

    private func viewPage(_ view: DiagramView, generated: [GeneratedFile], site: String) -> SitePage {
        let source = { (ext: String) in generated.first { $0.path == "\(site)/diagrams/\(view.key).\(ext)" }?.contents }
        let title = HTMLText.escaped(view.title)
        var html = "<h1 id=\"view\">\(title)</h1>\n"
        html += "<div class=\"tabs\" data-tabs>\n<div role=\"tablist\" aria-label=\"Representations\">\n"
        let tabs: [(id: String, label: String, body: String?)] = [
            ("picture", "Picture", source("svg").map { _ in
                "<figure class=\"picture\"><img src=\"../diagrams/\(view.key).svg\" alt=\"\(title)\"></figure>"
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

    private func layoutContext(_ page: SitePage, pages: [SitePage], model: ArchitectureModel) -> [String: Any] {
        let root = page.root
        let navigation: [[String: Any]] = SitePage.Section.allCases.compactMap { section in
            let members = pages.filter { $0.section == section }
            guard !members.isEmpty else { return nil }
            return [
                "title": section.rawValue,
                "items": members.map { ["title": $0.title, "href": root + $0.path, "current": $0.path == page.path] as [String: Any] },
            ]
        }
        let toc = page.headings.filter { $0.level == 2 || $0.level == 3 }.map { ["text": $0.text, "anchor": $0.anchor, "level": $0.level] as [String: Any] }
        return [
            "title": page.title, "siteTitle": model.architecture.name, "root": root, "content": page.content,
            "navigation": navigation, "toc": toc, "hasToc": !toc.isEmpty, "generator": "archdoc \(ArchdocVersion.current)",
        ]
    }

    /// A script, not JSON, so that search works from `file://` too (where `fetch` is refused).
    private func searchIndex(_ pages: [SitePage]) -> String {
        struct Entry: Encodable { var title: String; var url: String; var text: String }
        let entries = pages.map { Entry(title: $0.title, url: $0.path, text: String($0.plainText.prefix(20_000))) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // `</` cannot end the script early: JSON allows `<\/`.
        return "window.ARCHDOC_SEARCH_INDEX = \(json.replacingOccurrences(of: "</", with: "<\\/"));\n"
    }
}
