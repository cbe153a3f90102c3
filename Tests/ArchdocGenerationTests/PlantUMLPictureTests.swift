import ArchdocBasics
import ArchdocGeneration
import ArchdocModel
import ArchdocPictures
import ArchitectureDescription
import Foundation
import Testing

/// PlantUML pictures with a stand-in for Java (a shell script that writes what
/// PlantUML would, and counts its runs), so these tests need no JVM; the
/// end-to-end tests run the real PlantUML.
@Suite struct PlantUMLPictureTests {
    static let user = Person("user", "User", description: "Buys things")
    static let api = Container("api", "API", technology: "Swift", description: "Serves the shop")
    static let model = ArchitectureModel(Architecture("Shop") {
        user
        SoftwareSystem("shop", "Shop", description: "Sells things") { api }
        user.uses(api, "Buys via", technology: "HTTPS")
    })

    /// A temporary folder with `jdk/bin/java`, `plantuml.jar` and a cache.
    struct FakeJava {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-fake-java-\(UUID().uuidString)")
        var jar: String { folder.appendingPathComponent("plantuml.jar").path }
        var environment: [String: String] { ["JAVA_HOME": folder.appendingPathComponent("jdk").path, "PATH": "/nonexistent"] }
        var cache: PictureCache { PictureCache(directory: folder.appendingPathComponent("cache").path) }
        var runsLog: String { folder.appendingPathComponent("runs").path }

        /// `script` runs after the stand-in has logged its run; `$@` are PlantUML's arguments.
        init(script: String = FakeJava.drawEveryInput) throws {
            let bin = folder.appendingPathComponent("jdk/bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try Data("not really a jar".utf8).write(to: URL(fileURLWithPath: jar))
            let java = bin.appendingPathComponent("java")
            try "#!/bin/sh\necho run >> '\(runsLog)'\n\(script)\n".write(to: java, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: java.path)
        }

        /// Like PlantUML with `-o out`: `<folder of each input>/out/<name>.svg`.
        static let drawEveryInput = """
            for f in "$@"; do
              case "$f" in *.puml) mkdir -p "$(dirname "$f")/out"; printf '<svg xmlns="http://www.w3.org/2000/svg"><text>%s</text></svg>' "$(basename "$f")" > "$(dirname "$f")/out/drawn.svg";; esac
            done
            """

        var runs: Int { ((try? String(contentsOfFile: runsLog, encoding: .utf8)) ?? "").split(separator: "\n").count }

        func generator(jar: String? = nil) -> Generator {
            var generator = Generator(configuration: GeneratorConfiguration(
                templatesDirectory: "no-templates", docsDirectory: "no-docs", pictureCache: cache, plantUMLJar: jar ?? self.jar))
            generator.plantUMLEnvironment = environment
            return generator
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func files(_ generator: Generator) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try generator.files(for: model).map { ($0.path, $0.contents) })
    }

    @Test func viewPageHasThePlantUMLTabOnlyWhenThePictureIsGenerated() throws {
        let java = try FakeJava()
        defer { java.remove() }
        var without = java.generator()
        without.configuration.plantUMLJar = nil
        let plain = try Self.files(without)
        #expect(!plain.keys.contains { $0.hasSuffix(".plantuml.svg") })
        #expect(plain["site/views/context.html"]?.contains("plantuml-picture") == false)
        #expect(java.runs == 0)

        let files = try Self.files(java.generator())
        for key in ["context", "container-shop"] {
            let svg = try #require(files["site/diagrams/\(key).plantuml.svg"], "no PlantUML picture of \(key)")
            #expect(svg.contains("<text>\(key).puml</text>"), "\(key) got another view's picture: \(svg)")
            let page = try #require(files["site/views/\(key).html"])
            #expect(page.contains("<figure class=\"picture\"><img src=\"../diagrams/\(key).plantuml.svg\""))
            // Right after "Picture", before the sources; one button and one panel.
            let order = ["id=\"tab-picture\"", "id=\"tab-plantuml-picture\"", "id=\"tab-plantuml\"", "id=\"panel-picture\"", "id=\"panel-plantuml-picture\""]
            let positions = try order.map { marker in try #require(page.range(of: marker), "\(key): no \(marker)").lowerBound }
            #expect(positions == positions.sorted(), "\(key): tabs out of order")
            #expect(page.components(separatedBy: "id=\"tab-plantuml-picture\"").count == 2)
            #expect(page.contains(">PlantUML picture</button>"))
        }
        #expect(java.runs == 1, "one PlantUML run for every view")
    }

    @Test func cachedPicturesNeedNoJava() throws {
        let java = try FakeJava()
        defer { java.remove() }
        let first = try Self.files(java.generator())
        #expect(java.runs == 1)
        var noJava = java.generator()
        noJava.plantUMLEnvironment = ["PATH": "/nonexistent"]
        let again = try Self.files(noJava)
        #expect(java.runs == 1)
        #expect(again == first)

        // A changed jar is another PlantUML: the pictures are drawn again.
        try Data("a newer jar, of another size".utf8).write(to: URL(fileURLWithPath: java.jar))
        #expect(throws: GenerationError.self) { try Self.files(noJava) }
        _ = try Self.files(java.generator())
        #expect(java.runs == 2)
    }

    @Test func errorsSayWhatToDo() throws {
        let java = try FakeJava()
        defer { java.remove() }
        func message(_ generator: Generator) -> String {
            do {
                _ = try generator.files(for: Self.model)
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(message(java.generator(jar: "/nonexistent/plantuml.jar")).contains("'/nonexistent/plantuml.jar' does not exist; pass the path of plantuml.jar to --plantuml-jar"))
        #expect(message(java.generator(jar: java.folder.path)).contains("is not a readable file"))
        var noJava = java.generator()
        noJava.plantUMLEnvironment = ["PATH": "/nonexistent"]
        #expect(message(noJava).contains("java is not on PATH and JAVA_HOME names no Java; install a Java runtime"))
        #expect(java.runs == 0)
    }

    @Test func syntaxErrorNamesTheGeneratedFileAndLine() throws {
        let java = try FakeJava(script: "echo 'container-shop.puml:7:error:Syntax Error? (Assumed diagram type: class)' >&2\nexit 200")
        defer { java.remove() }
        #expect {
            try Self.files(java.generator())
        } throws: { error in
            "\(error)".hasPrefix("site/diagrams/container-shop.puml:7: error: PlantUML reports 'Syntax Error? (Assumed diagram type: class)' at line 7")
        }
    }

    @Test func failureShowsPlantUMLsOutput() throws {
        let java = try FakeJava(script: "echo 'Error: Invalid or corrupt jarfile' >&2\nexit 1")
        defer { java.remove() }
        #expect {
            try Self.files(java.generator())
        } throws: { error in
            let text = "\(error)"
            return text.contains("PlantUML exited with status 1; check that '\(java.jar)' is a PlantUML jar") && text.contains("Invalid or corrupt jarfile")
        }
    }

    @Test func anErrorDrawnIntoThePictureIsAnError() throws {
        let java = try FakeJava(script: """
            for f in "$@"; do
              case "$f" in *.puml) mkdir -p "$(dirname "$f")/out"; echo '<svg><text>Cannot find Graphviz. You should try</text></svg>' > "$(dirname "$f")/out/x.svg";; esac
            done
            """)
        defer { java.remove() }
        #expect {
            try Self.files(java.generator())
        } throws: { error in
            "\(error)".contains("PlantUML cannot find Graphviz's dot program; install Graphviz")
        }
        // Nothing wrong was cached.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: java.cache.directory)) ?? []).filter { $0.hasPrefix("plantuml-") }.isEmpty)
    }
}
