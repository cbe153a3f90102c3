@testable import ArchdocBasics
@testable import ArchdocLoading
import ArchdocModel
import Foundation
import Testing

/// An architecture of several files keeps its build folder, and an edit
/// recompiles the file it touched, not the others (see ``IncrementalBuild``).
@Suite struct IncrementalBuildTests {
    /// `main.swift` assembling `parts` files, each with `perPart` containers
    /// and, in builder-marked computed variables, one relationship and one
    /// service per container (within the part), as the README's
    /// "Splitting an architecture" writes them.
    static func splitArchitecture(parts: Int, perPart: Int) -> [String: String] {
        var main = "import ArchitectureDescription\n\nlet user = Person(\"user\", \"User\")\n\n"
        main += "let architecture = Architecture(\"Split\") {\n    user\n    SoftwareSystem(\"s\", \"S\") {\n"
        main += (0..<parts).map { "        part\($0)Containers\n" }.joined()
        main += "    }\n    user.uses(c0_0, \"Uses\", technology: \"HTTPS\")\n"
        main += (0..<parts).map { "    part\($0)Relationships\n" }.joined()
        main += "    Deployment {\n        Profile(\"dev\", \"Development\")\n"
        main += (0..<parts).map { "        part\($0)Services\n" }.joined()
        main += "    }\n}\n"
        var files = ["main.swift": main]
        for part in 0..<parts {
            let ids = (0..<perPart).map { "c\(part)_\($0)" }
            var text = "import ArchitectureDescription\n\n"
            text += ids.map { "let \($0) = Container(\"\($0)\", \"Container \($0)\", technology: \"Swift\")\n" }.joined()
            text += "\n@ContainerListBuilder var part\(part)Containers: [Container] {\n" + ids.map { "    \($0)\n" }.joined() + "}\n"
            text += "\n@ArchitectureBuilder var part\(part)Relationships: [ArchitectureComponent] {\n"
            text += ids.indices.map { "    \(ids[$0]).uses(\(ids[($0 + 1) % ids.count]), \"Calls\", technology: \"HTTP\")\n" }.joined() + "}\n"
            text += "\n@DeploymentBuilder var part\(part)Services: [DeploymentComponent] {\n"
            text += ids.map { "    Service(\($0), image: \"registry.example.com/\($0):1.0\")\n" }.joined() + "}\n"
            files["part\(part).swift"] = text
        }
        return files
    }

    /// A temporary project with the split architecture, and its own cache.
    struct Project {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-incremental-\(UUID().uuidString)").path
        var architecture: String { "\(root)/architecture" }
        var cache: String { "\(root)/cache" }

        init(parts: Int = 3, perPart: Int = 40) throws {
            try FileManager.default.createDirectory(atPath: architecture, withIntermediateDirectories: true)
            for (name, text) in IncrementalBuildTests.splitArchitecture(parts: parts, perPart: perPart) {
                try text.write(toFile: "\(architecture)/\(name)", atomically: true, encoding: .utf8)
            }
        }

        func load(_ settings: [String: String] = [:]) throws -> ArchitectureModel {
            var environment = ProcessInfo.processInfo.environment
            environment["ARCHDOC_CACHE_DIR"] = cache
            environment.merge(settings) { _, new in new }
            return try ArchitectureLoader(environment: environment).load(from: architecture).model
        }

        func edit(_ name: String, replacing old: String, with new: String) throws {
            let path = "\(architecture)/\(name)"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        }

        /// The kept build folder.
        func buildFolder() throws -> String {
            let names = try FileManager.default.contentsOfDirectory(atPath: "\(cache)/build").filter { $0.hasPrefix("incremental-") }
            try #require(names.count == 1, "\(names)")
            return "\(cache)/build/\(names[0])"
        }

        /// Each object file's name, by the first part of it (`chunked-part0`), and modification date.
        func objects() throws -> [String: Date] {
            let folder = "\(try buildFolder())/objects"
            var dates: [String: Date] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".o") {
                // `<file>-<digest of its path>.o`
                let stem = String(name.dropLast(2).split(separator: "-").dropLast().joined(separator: "-"))
                dates[stem] = try FileManager.default.attributesOfItem(atPath: "\(folder)/\(name)")[.modificationDate] as? Date
            }
            return dates
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func anEditRecompilesOnlyTheFileItTouched() throws {
        let project = try Project()
        defer { project.remove() }
        let first = try project.load()
        #expect(first.architecture.softwareSystems.first?.containers.count == 120)
        // The same model, locations included, as a single whole-module compile and as the files unchunked.
        #expect(try project.load(["ARCHDOC_NO_INCREMENTAL": "1", "ARCHDOC_CACHE_DIR": "\(project.root)/cache-wmo"]).architecture == first.architecture)
        #expect(try project.load(["ARCHDOC_NO_CHUNKING": "1", "ARCHDOC_CACHE_DIR": "\(project.root)/cache-plain"]).architecture == first.architecture)

        let before = try project.objects()
        #expect(before.keys.sorted() == ["__ArchdocEntryPoint", "chunked-part0", "chunked-part1", "chunked-part2", "main"])
        Thread.sleep(forTimeInterval: 0.05)
        try project.edit("part1.swift", replacing: "registry.example.com/c1_7:1.0", with: "registry.example.com/c1_7:1.1")
        let edited = try project.load()
        let service = edited.architecture.deployment?.allServices.first { $0.containerID == "c1_7" }
        #expect(service?.image == "registry.example.com/c1_7:1.1")
        let after = try project.objects()
        #expect(after["chunked-part1"] != before["chunked-part1"])
        for untouched in ["chunked-part0", "chunked-part2"] {
            #expect(after[untouched] == before[untouched], "\(untouched) was compiled again")
        }
    }

    @Test func aBuildFolderInUseIsLeftToItsOwner() throws {
        let project = try Project(parts: 2, perPart: 5)
        defer { project.remove() }
        _ = try project.load()
        let folder = try project.buildFolder()
        let before = try project.objects()
        // Another load holds the folder: this one compiles in a scratch folder of its own.
        let held = try #require(FileLock(path: "\(folder)/lock"))
        try project.edit("part0.swift", replacing: "c0_3:1.0", with: "c0_3:2.0")
        let edited = try project.load()
        #expect(edited.architecture.deployment?.allServices.first { $0.containerID == "c0_3" }?.image == "registry.example.com/c0_3:2.0")
        #expect(try project.objects() == before)
        withExtendedLifetime(held) {}
    }

    /// The README's "Splitting an architecture over files" part, put together as its comment says.
    @Test func theReadmesSplitExampleLoads() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "### Splitting an architecture over files")).upperBound
        let start = try #require(text.range(of: "```swift\n", range: section..<text.endIndex)).upperBound
        let end = try #require(text.range(of: "```", range: start..<text.endIndex)).lowerBound
        let project = try Project(parts: 0, perPart: 0)
        defer { project.remove() }
        try String(text[start..<end]).write(toFile: "\(project.architecture)/payments.swift", atomically: true, encoding: .utf8)
        try """
            import ArchitectureDescription

            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop") { paymentsContainers }
                paymentsRelationships
                Deployment {
                    Profile("dev", "Development")
                    paymentsServices
                }
            }

            """.write(toFile: "\(project.architecture)/main.swift", atomically: true, encoding: .utf8)
        let model = try project.load()
        #expect(model.architecture.softwareSystems.first?.containers.map(\.id) == ["payments-api", "ledger"])
        #expect(model.architecture.relationships.count == 1)
        #expect(model.architecture.deployment?.allServices.map(\.containerID) == ["ledger", "payments-api"])
    }

    @Test func aBuilderMarkedBodyIsChunkedWithItsAttributeBlanked() throws {
        let source = try #require(Self.splitArchitecture(parts: 1, perPart: 40)["part0.swift"])
        let rewritten = try #require(BuilderChunking.rewrite(source, path: "/a/part0.swift"))
        let lines = rewritten.split(separator: "\n", omittingEmptySubsequences: false)
        let original = source.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == original.count + 3)  // the import moved to the end, between directives
        let declaration = try #require(lines.first { $0.contains("var part0Relationships") })
        #expect(declaration.hasPrefix(String(repeating: " ", count: "@ArchitectureBuilder".count) + " var part0Relationships: [ArchitectureComponent] { @ArchitectureDescription.ArchitectureBuilder func __archdoc_"))
        #expect(rewritten.contains("return ArchitectureDescription.ArchitectureBuilder.buildBlock(__archdoc_1_0(), __archdoc_1_1())"))
    }
}
