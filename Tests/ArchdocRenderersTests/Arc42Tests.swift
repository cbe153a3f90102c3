import ArchdocBasics
import ArchdocModel
import ArchdocRenderers
import ArchdocViews
import ArchitectureDescription
import Foundation
import TestSupport
import Testing

@Suite struct Arc42Tests {
    let user = Person("user", "User", description: "Uses the shop")
    let api = Container("api", "API", technology: "Swift", description: "Serves the API")
    let worker = Container("worker", "Worker", technology: "Swift", description: "Runs jobs")
    let db = Container("db", "Database", kind: .database, technology: "Postgres", description: "Stores data")
    let file = Container(
        "cache_file", "Cache file", kind: .database, technology: "SQLite",
        description: "A file inside the API's volume", properties: ["path": "data/cache.db"])

    /// A shop deployed in `dev` and `prod`: the worker runs only in prod, the
    /// API has a different command in each and two replicas in prod.
    var shop: ArchitectureModel {
        let (user, api, worker, db, file) = (user, api, worker, db, file)
        return ArchitectureModel(Architecture("Shop", description: "Sells things") {
            user
            SoftwareSystem("shop", "Shop", description: "The shop") { api; worker; db; file }
            user.uses(api, "Buys via", technology: "HTTPS")
            api.uses(db, "Reads and writes", technology: "SQL")
            Deployment(motivation: "One host is enough.") {
                Profile("dev", "Development")
                Profile("prod", "Production")
                Service(api, build: "./api", ports: ["8000:8000"], environment: ["LOG": "info"], dependsOn: [.healthy(db)])
                    .profile("dev", command: "swift run api --reload", environment: ["LOG": "debug"])
                    .profile("prod", command: "api serve", replicas: 2)
                Service(worker, image: "shop/worker:1", profiles: ["prod"])
                Service(db, image: "postgres:17", healthcheck: .command("pg_isready"))
            }
        })
    }

    /// A project folder with `templates/` and `docs/` of the given files.
    struct Project {
        let root: URL

        init(files: [String: String] = [:]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-arc42-\(UUID().uuidString)")
            for (path, text) in files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }

        var layout: OutputLayout {
            OutputLayout(
                siteDirectory: "site", composeFile: nil,
                templatesDirectory: root.appendingPathComponent("templates").path,
                docsDirectory: root.appendingPathComponent("docs").path)
        }

        /// The diagram sources of every view, then the chapters, as `generate` makes them.
        func files(for model: ArchitectureModel) throws(GenerationError) -> [GeneratedFile] {
            let views = ViewBuilder(model: model).defaultViews()
            let renderers: [any DiagramRenderer] = [PlantUMLRenderer(), MermaidRenderer()]
            let diagrams = views.flatMap { view in
                renderers.map { GeneratedFile(path: layout.diagramPath(for: view, extension: $0.fileExtension), contents: $0.render(view)) }
            }
            return try diagrams + Arc42Generator(layout: layout).files(for: model, views: views, diagrams: diagrams)
        }

        func chapters(_ model: ArchitectureModel) throws(GenerationError) -> [String: String] {
            let files = try files(for: model)
            return Dictionary(files.filter { $0.path.hasPrefix("site/arc42/") }.map { (String($0.path.dropFirst("site/arc42/".count)), $0.contents) }) { a, _ in a }
        }
    }

    // MARK: Chapters

    @Test func writesTwelveChaptersAfterTheDiagrams() throws {
        let files = try Project().files(for: shop)
        let arc42 = files.map(\.path).filter { $0.hasPrefix("site/arc42/") && $0.hasSuffix(".md") }
        #expect(arc42 == Arc42Chapter.allCases.map { "site/arc42/\($0.fileName)" })
        #expect(arc42.first == "site/arc42/01-introduction-and-goals.md")
        #expect(arc42.last == "site/arc42/12-glossary.md")
        #expect(Arc42Chapter.crossCuttingConcepts.fileName == "08-cross-cutting-concepts.md")
        #expect(Arc42Chapter.risksAndTechnicalDebt.fileName == "11-risks-and-technical-debt.md")
    }

    @Test func mermaidTooLargeToDrawIsLinkedNotEmbedded() throws {
        // 400 containers with long descriptions: the container view's Mermaid
        // source is far over Mermaid's 50,000 characters; the context view is small.
        // The names are not ASCII, and one holds a scalar of two UTF-16 units,
        // so the count Mermaid sees differs from the bytes and from the scalars.
        let containers = (0..<400).map { index in
            Container("c\(index)", "Contenedor nº \(index)\(index == 0 ? " 🚀" : "")", technology: "Swift",
                      description: String(repeating: "Handles part \(index) of the work. ", count: 4))
        }
        let model = ArchitectureModel(Architecture("Big") {
            user
            SoftwareSystem("big", "Big", description: "A big system") { containers }
            user.uses(containers[0], "Uses")
        })
        let project = try Project()
        let files = try project.files(for: model)
        let mermaid = try #require(files.first { $0.path == "site/diagrams/container-big.mmd" }).contents
        #expect(mermaid.utf16.count > MermaidRenderer.defaultMaxTextSize)
        #expect(mermaid.utf16.count != mermaid.utf8.count && mermaid.utf16.count != mermaid.unicodeScalars.count)

        let chapters = try project.chapters(model)
        let buildingBlocks = try #require(chapters["05-building-block-view.md"])
        #expect(buildingBlocks.contains("[Mermaid source](../diagrams/container-big.mmd)"))
        #expect(buildingBlocks.contains("![Containers of Big](../diagrams/container-big.svg)"))
        #expect(!buildingBlocks.contains("```mermaid"))
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US")
        formatter.numberStyle = .decimal
        // The count leaves out the final newline, which is not embedded.
        let characters = try #require(formatter.string(from: NSNumber(value: mermaid.utf16.count - 1)))
        #expect(buildingBlocks.contains("The Mermaid source is not shown inline: its \(characters) characters are more than the 50,000 Mermaid draws by default (`maxTextSize`)."))
        // The small context view is still drawn inline.
        #expect(try #require(chapters["03-context-and-scope.md"]).contains("```mermaid"))
    }

    // MARK: Differences

    @Test func differencesListPresenceCommandAndReplicas() throws {
        let differences = DeploymentDifferences.compute(shop)
        #expect(differences.contains(DeploymentDifference(
            serviceName: "worker", aspect: .presence, values: [.init(profileID: "dev", value: nil), .init(profileID: "prod", value: "runs")])))
        #expect(differences.contains(DeploymentDifference(
            serviceName: "api", aspect: .command,
            values: [.init(profileID: "dev", value: "swift run api --reload"), .init(profileID: "prod", value: "api serve")])))
        #expect(differences.contains(DeploymentDifference(
            serviceName: "api", aspect: .replicas, values: [.init(profileID: "dev", value: nil), .init(profileID: "prod", value: "2")])))
        #expect(differences.contains(DeploymentDifference(
            serviceName: "api", aspect: .environment(variable: "LOG"),
            values: [.init(profileID: "dev", value: "debug"), .init(profileID: "prod", value: "info")])))
        #expect(!differences.contains { $0.serviceName == "db" })

        let chapter = try #require(try Project().chapters(shop)["07-deployment-view.md"])
        let section = try #require(chapter.components(separatedBy: "## Differences between Environments").last?.components(separatedBy: "\n## ").first)
        #expect(section.contains("- `worker` runs only in Production (`prod`); not in Development (`dev`)"))
        #expect(section.contains("- `api`: command differs — Development (`dev`): `swift run api --reload`; Production (`prod`): `api serve`"))
        #expect(section.contains("- `api`: replica count differs — Development (`dev`): 1 (default); Production (`prod`): 2"))
    }

    @Test func noDifferencesSectionWithOneProfile() throws {
        let (api, db) = (api, db)
        let model = ArchitectureModel(Architecture("One") {
            SoftwareSystem("one", "One") { api; db }
            Deployment { Service(api, image: "api:1"); Service(db, image: "postgres:17") }
        })
        #expect(DeploymentDifferences.compute(model).isEmpty)
        let chapter = try #require(try Project().chapters(model)["07-deployment-view.md"])
        #expect(!chapter.contains("Differences between Environments"))
        #expect(chapter.contains("`docker compose up`"))
    }

    // MARK: Mapping table

    @Test func mappingTableHasARowPerContainerAndSixColumns() throws {
        let chapter = try #require(try Project().chapters(shop)["07-deployment-view.md"])
        let table = try #require(MarkdownTable.all(in: chapter).first { $0.header.first == "Building block" })
        #expect(table.header == ["Building block", "Service", "Image or build", "Ports", "Volumes", "Profiles"])
        #expect(table.rows.count == 4)
        #expect(table.rows.allSatisfy { $0.count == 6 })
        #expect(table.rows[0] == ["API", "`api`", "build `./api`", "`8000:8000`", "—", "all"])
        #expect(table.rows[1][5] == "`prod`")
        // A container without a service: dashes, and a note from its description and properties.
        #expect(table.rows[3][0] == "Cache file")
        #expect(table.rows[3][1] == "— (no service: A file inside the API's volume; path: `data/cache.db`)")
        #expect(table.rows[3][2...] == ["—", "—", "—", "—"])
    }

    // MARK: Escaping

    @Test func tableCellsEscapePipesAndNewlines() throws {
        let odd = Container("odd", "Odd | name", technology: "A|B", description: "line 1\nline 2 | <script>alert(1)</script>\r\n- not a list")
        let model = ArchitectureModel(Architecture("Odd") {
            SoftwareSystem("sys", "Sys", description: "x") { odd }
            Deployment { Service(odd, image: "img|1", command: "a | b\nc", environment: ["X": "1|2"]) }
        })
        let chapters = try Project().chapters(model)
        let glossaryText = try #require(chapters["12-glossary.md"])
        let glossary = try #require(MarkdownTable.all(in: glossaryText).first)
        #expect(glossary.rows.allSatisfy { $0.count == 3 })
        let row = try #require(glossary.rows.first { $0[0] == "Odd \\| name" })
        #expect(row[2] == "line 1 line 2 \\| \\<script\\>alert(1)\\</script\\> - not a list")

        let deployment = try #require(chapters["07-deployment-view.md"])
        for table in MarkdownTable.all(in: deployment) {
            #expect(table.rows.allSatisfy { $0.count == table.header.count }, "\(table.header)")
        }
        let mapping = try #require(MarkdownTable.all(in: deployment).first { $0.header.first == "Building block" })
        #expect(mapping.rows[0][2] == "`img\\|1`")
        #expect(deployment.contains("- **Command:** `a | b c`"))
        #expect(!deployment.contains("<script>"))
    }

    @Test func inlineTextEscapesMarkdown() {
        #expect(MarkdownText.inline("a|b") == "a\\|b")
        #expect(MarkdownText.inline("x\ny\r\nz") == "x y z")
        #expect(MarkdownText.inline("<b>*bold*</b> [l](u) `c` & _u_ #h ~s~ !") == "\\<b\\>\\*bold\\*\\</b\\> \\[l\\](u) \\`c\\` \\& \\_u\\_ \\#h \\~s\\~ \\!")
        #expect(MarkdownText.inline("- item") == "\\- item")
        #expect(MarkdownText.inline("1. item") == "1\\. item")
        #expect(MarkdownText.inline("C:\\path") == "C:\\\\path")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`x`") == "`` `x` ``")
        #expect(MarkdownText.code("a|b", inTable: true) == "`a\\|b`")
        #expect(MarkdownText.code("a|b") == "`a|b`")
        #expect(MarkdownText.codeFence(for: "x ```` y") == "`````")
        #expect(MarkdownText.table(header: ["a", "b"], rows: [["1"], ["2", "3", "4"]]) == "| a | b |\n| --- | --- |\n| 1 |  |\n| 2 | 3 |")
    }

    // MARK: Templates and user Markdown

    @Test func userTemplateOverridesTheDefault() throws {
        let project = try Project(files: [
            "templates/arc42/12-glossary.mustache": "Custom {{title}} of {{architectureName}}\n\n{{glossaryTable}}\n",
            "templates/arc42/diagram.mustache": "DIAGRAM {{svg}}\n",
        ])
        let chapters = try project.chapters(shop)
        // `{{name}}` inserts the Markdown as is, like `{{{name}}}`: no HTML escaping.
        let glossary = try #require(chapters["12-glossary.md"])
        #expect(glossary.hasPrefix("Custom Glossary of Shop\n\n| Term | Kind | Definition |\n| --- | --- | --- |\n| API | service | Serves the API |\n"))
        #expect(glossary.contains("| A file inside the API's volume |"))
        // A partial is overridden the same way; the other defaults stay.
        #expect(try #require(chapters["03-context-and-scope.md"]).contains("DIAGRAM ../diagrams/context.svg"))
        #expect(try #require(chapters["01-introduction-and-goals.md"]).hasPrefix("# 1. Introduction and Goals\n"))
    }

    @Test func brokenTemplateNamesTheFileLineAndColumn() throws {
        let project = try Project(files: ["templates/arc42/07-deployment-view.mustache": "# Deployment\n\n{{#mapping}}\n| {{{block}}} |\n"])
        let path = project.root.appendingPathComponent("templates/arc42/07-deployment-view.mustache").path
        do {
            _ = try project.chapters(shop)
            Issue.record("a broken template must fail")
        } catch {
            #expect(error.description.hasPrefix("\(path):"), "\(error.description)")
            #expect(error.description.contains(": error: [template] "))
            #expect(error.description.contains("the section {{#mapping}} is never closed; add {{/mapping}}"), "says how to fix it: \(error.description)")
            #expect(error.description.hasPrefix("\(path):3:1:"), "points at the opening tag")
        }

        let unclosed = try Project(files: ["templates/arc42/12-glossary.mustache": "one\ntwo {{title}\nthree\n"])
        do {
            _ = try unclosed.chapters(shop)
            Issue.record("a broken template must fail")
        } catch {
            let path = unclosed.root.appendingPathComponent("templates/arc42/12-glossary.mustache").path
            #expect(error.description.hasPrefix("\(path):2:"), "\(error.description)")
        }
    }

    @Test func userMarkdownReplacesADefaultChapter() throws {
        let project = try Project(files: [
            "docs/01-introduction-and-goals.md": "# Introduction\n\nWe sell things.\n",
            "docs/04-solution-strategy.md": "Swift everywhere.\n\n\n",
            "docs/07-deployment-view.md": "Also runs on Coolify.\n",
            "docs/12-glossary.md": "## Domain terms\n\n- *Order*: what a user buys\n",
        ])
        let chapters = try project.chapters(shop)
        #expect(chapters["01-introduction-and-goals.md"] == "# Introduction\n\nWe sell things.\n")
        #expect(chapters["04-solution-strategy.md"] == "# 4. Solution Strategy\n\nSwift everywhere.\n")
        #expect(try #require(chapters["02-architecture-constraints.md"]).contains("02-architecture-constraints.md`"))
        // Model chapters keep their generated content and append the user's.
        let deployment = try #require(chapters["07-deployment-view.md"])
        #expect(deployment.hasPrefix("# 7. Deployment View\n"))
        #expect(deployment.hasSuffix("\n## Notes\n\nAlso runs on Coolify.\n"))
        let glossary = try #require(chapters["12-glossary.md"])
        #expect(glossary.hasSuffix("| Worker | service | Runs jobs |\n\n## Domain terms\n\n- *Order*: what a user buys\n"))
    }

    @Test func glossaryIsSortedByNameIgnoringCase() throws {
        let (a, b, c) = (
            Container("a", "beta", technology: "x", description: "B"), Container("b", "Alpha", technology: "x", description: "A"),
            Container("c", "gamma", technology: "x", description: "G"))
        let model = ArchitectureModel(Architecture("Sorted") { SoftwareSystem("s", "Zeta", description: "Z") { a; b; c } })
        let text = try #require(try Project().chapters(model)["12-glossary.md"])
        let glossary = try #require(MarkdownTable.all(in: text).first)
        #expect(glossary.rows.map(\.[0]) == ["Alpha", "beta", "gamma", "Zeta"])
    }

    // MARK: The flask-fastapi-duckdb example

    @Test func flaskExampleDeploymentViewHasTheReferenceFacts() throws {
        let loaded = try Examples.load("architecture/examples/flask-fastapi-duckdb")
        #expect(!Validator().validate(loaded.model).containsErrors)
        let chapter = try #require(try Project().chapters(loaded.model)["07-deployment-view.md"])

        #expect(chapter.contains("All three components run on a single VM (or as Docker containers) for simplicity and low operational overhead."))
        #expect(chapter.contains("The frontend and backend are stateless; DuckDB persists data on the host filesystem"))
        let mapping = try #require(MarkdownTable.all(in: chapter).first { $0.header.first == "Building block" })
        let rows = Dictionary(mapping.rows.map { ($0[0], $0) }) { a, _ in a }
        #expect(rows["FastAPI Backend"]?[3] == "`12000:12000`")
        #expect(rows["FastAPI Backend"]?[4] == "`./data:/app/data`")
        #expect(rows["Flask Frontend"]?[3] == "`12001:12001`")
        #expect(rows["Nginx Reverse Proxy"]?[3] == "`80:80`, `443:443`")
        #expect(rows["DuckDB"]?[1].contains("`data/app.db`") == true)

        let frontend = try #require(section(of: chapter, from: "#### `frontend`"))
        #expect(frontend.contains("- **Depends on:** `backend` when healthy (`service_healthy`)"))
        let backend = try #require(section(of: chapter, from: "#### `backend`"))
        #expect(backend.contains("- **Health check:** run "))
        #expect(backend.contains("/app/data"))
        let nginx = try #require(section(of: chapter, from: "#### `nginx`"))
        #expect(nginx.contains("- **Routes:** `/api/*` → `backend:12000`, `/` → `frontend:12001`"))
        #expect(nginx.contains("nginx/docker-compose.conf"))
        #expect(chapter.contains("**Networks:** `app-network` (bridge)"))
        #expect(chapter.contains("Docker Host / VM"))

        let start = try #require(section(of: chapter, from: "## How to Start"))
        #expect(start.contains("`docker compose up --build`"))
        #expect(start.contains("Create `.env`"))
        #expect(start.contains("<http://localhost:12001>"))
        #expect(start.contains("<http://localhost:80>"))
    }

    /// The text from a heading line to the next heading of the same or a higher level.
    private func section(of text: String, from heading: String) -> String? {
        guard let start = text.range(of: "\n\(heading)") else { return nil }
        let level = heading.prefix { $0 == "#" }.count
        var body = text[start.upperBound...]
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var length = 0
        for (index, line) in lines.enumerated() {
            let hashes = line.prefix { $0 == "#" }.count
            if index > 0, hashes > 0, hashes <= level, line.dropFirst(hashes).first == " " { break }
            length += line.count + 1
        }
        body = body.prefix(length)
        return String(body)
    }
}
