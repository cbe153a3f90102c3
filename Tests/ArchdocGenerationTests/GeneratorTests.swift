import ArchdocGeneration
import ArchdocModel
import ArchitectureDescription
import Testing

/// The order of `generate`'s files: the views' diagrams first, then the arc42 chapters.
@Suite struct GeneratorTests {
    @Test func chaptersFollowTheDiagrams() throws {
        let api = Container("api", "API", technology: "Swift", description: "Serves the API")
        let model = ArchitectureModel(Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "Sells things") { api }
        })
        var generator = Generator(configuration: GeneratorConfiguration(composeFile: nil, templatesDirectory: "no-templates", docsDirectory: "no-docs"))
        generator.pictures = nil
        let files = try generator.files(for: model).map(\.path)
        let firstChapter = try #require(files.firstIndex { $0.hasPrefix("site/arc42/") })
        let lastDiagram = try #require(files.lastIndex { $0.hasPrefix("site/diagrams/") })
        #expect(firstChapter > lastDiagram)
    }
}
