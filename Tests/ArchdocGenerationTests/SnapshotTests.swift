import ArchdocGeneration
import ArchdocModel
import Foundation
import SnapshotTesting
import TestSupport
import Testing

/// Snapshots of every generated file of every example. The examples are loaded
/// the way `archdoc generate` loads them: compiled against the DSL library.
@Suite(.serialized) struct SnapshotTests {
    static let packageRoot = Examples.packageRoot

    /// `site/diagrams/context.puml` → `diagrams-context.puml`; `compose.yaml` stays.
    static func snapshotName(_ path: String) -> String {
        (path.hasPrefix("site/") ? String(path.dropFirst("site/".count)) : path).replacingOccurrences(of: "/", with: "-")
    }

    @Test(arguments: Examples.all)
    func generatedFiles(example: String) throws {
        let loaded = try Examples.load(example)
        #expect(!Validator().validate(loaded.model).containsErrors)
        // Relative to the package (the tests' working folder): chapters name the docs folder.
        let folder = example
        let configuration = GeneratorConfiguration(siteDirectory: "site", templatesDirectory: folder + "/templates", docsDirectory: folder + "/docs")
        let files = try Generator(configuration: configuration).files(for: loaded.model)
        #expect(!files.isEmpty)
        let name = example.split(separator: "/").last.map(String.init) ?? example
        // SVG pictures depend on the Graphviz version; their DOT text is snapshotted in SVGPictureTests.
        for file in files where !file.path.hasSuffix(".svg") {
            let relative = loaded.model.architecture.location.file
            // Snapshots must not depend on where the repository is checked out.
            #expect(!file.contents.contains(Self.packageRoot.path), "\(file.path) contains an absolute path (\(relative))")
            assertSnapshot(of: file.contents, as: .lines, named: "\(name)-\(Self.snapshotName(file.path))")
        }
    }
}
