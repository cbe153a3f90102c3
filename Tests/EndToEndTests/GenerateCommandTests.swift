import ArchdocBasics
import ArchdocComposeFiles
import Foundation
import Testing

@Suite(.serialized) struct GenerateCommandTests {
    @Test func validArchitectureWritesEveryDiagram() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture()])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 0, "\(result.error)")
        for view in ["context", "container-shop", "deployment-dev", "deployment-prod"] {
            for ext in ["puml", "mmd", "svg"] {
                #expect(project.exists("site/diagrams/\(view).\(ext)"), "missing \(view).\(ext)")
            }
        }
        #expect(project.exists("site/arc42/07-deployment-view.md"))
        #expect(project.exists("site/index.html"))
        #expect(project.exists("site/views/deployment-dev.html"))
        #expect(project.exists("site/arc42/07-deployment-view.html"))
        // 12 diagrams (PlantUML, Mermaid, SVG), 12 arc42 chapters, 20 site files (overview, 4 views,
        // 12 chapters, 3 assets) and the compose file.
        #expect(result.output.contains("Generated 46 files in site/ and compose.yaml (46 written, 0 unchanged)"), "\(result.output)")
        #expect(project.exists("compose.yaml"))
        #expect(try project.read("site/diagrams/container-shop.puml").contains("ContainerDb(db, \"Database\", \"Postgres 17\""))
    }

    @Test func secondRunRewritesNothingAndIsByteForByteIdentical() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture()])
        #expect(try ArchdocProcess.run(["generate"], in: project.root).status == 0)
        let first = try project.read("site/diagrams/deployment-dev.puml")
        let again = try ArchdocProcess.run(["generate", "--output", "other"], in: project.root)
        #expect(again.status == 0)
        #expect(try project.read("other/diagrams/deployment-dev.puml") == first)
        let third = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(third.output.contains("(0 written, 46 unchanged)"), "\(third.output)")
    }

    @Test func cachedModelGivesTheSameFilesAsTheCompiledOne() throws {
        // More systems, relationships and nodes than the cache cuts a list into,
        // nested nodes, and a service outside any node: every part of the cached file.
        let containers = (0..<6).map { "let c\($0) = Container(\"c\($0)\", \"Container \($0)\", technology: \"Swift\")" }
        let systems = (0..<6).map { "    SoftwareSystem(\"s\($0)\", \"System \($0)\") { c\($0) }" }
        let relationships = (0..<6).flatMap { from in
            (0..<6).filter { $0 != from }.map { to in "    c\(from).uses(c\(to), \"Calls \(to)\")" }
        }
        let nodes = (2..<6).map { "        Node(\"n\($0)\", \"Node \($0)\") { Service(c\($0), image: \"c\($0):1\") }" }
        let source = """
            import ArchitectureDescription

            \(containers.joined(separator: "\n"))

            let architecture = Architecture("Cached") {
            \(systems.joined(separator: "\n"))
            \(relationships.joined(separator: "\n"))
                Deployment {
                    Profile("dev")
                    Node("outer", "Outer") {
                        Node("inner", "Inner") { Service(c0, image: "c0:1") }
                        Service(c1, image: "c1:1")
                    }
            \(nodes.joined(separator: "\n"))
                }
            }

            """
        let project = try TemporaryProject(files: ["main.swift": source])
        let cache = ["ARCHDOC_CACHE_DIR": project.path(".cache")]
        let compiled = try ArchdocProcess.run(["generate", "--output", "compiled"], in: project.root, environment: cache)
        #expect(compiled.status == 0, "\(compiled.error)")
        #expect(compiled.error.contains("Compiling"))
        let cached = try ArchdocProcess.run(["generate", "--output", "cached"], in: project.root, environment: cache)
        #expect(cached.status == 0, "\(cached.error)")
        #expect(!cached.error.contains("Compiling"), "the second run should load the cached model")
        // The cache writes locations in a compact form of its own: the warnings
        // (no descriptions here) must point at the same file, line and column.
        let warnings = { (output: String) in output.split(separator: "\n").filter { $0.contains(": warning: ") } }
        #expect(warnings(compiled.error).count >= 6)
        #expect(warnings(compiled.error).allSatisfy { $0.hasPrefix(project.path("architecture/main.swift") + ":") })
        #expect(warnings(cached.error) == warnings(compiled.error))
        let names = try FileManager.default.subpathsOfDirectory(atPath: project.path("compiled")).sorted()
        #expect(names.count > 30)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: project.path("cached")).sorted() == names)
        for name in names where !name.hasSuffix("/") {
            let (first, second) = (FileManager.default.contents(atPath: project.path("compiled/\(name)")), FileManager.default.contents(atPath: project.path("cached/\(name)")))
            // Pages name the output folder nowhere, so the two sites are the same byte for byte.
            #expect(first == second, "\(name) differs between the compiled and the cached model")
        }
        #expect(try project.read("compiled/diagrams/deployment-dev.puml").contains("Inner"))
    }

    @Test func helperFilesBesideMainAreCompiled() throws {
        let project = try TemporaryProject(files: [
            "main.swift": shopArchitecture(extra: "    user.uses(cache, \"Warms\")").replacingOccurrences(of: "{ api; db }", with: "{ api; db; cache }"),
            "Shared.swift": "import ArchitectureDescription\nlet cache = Container(\"cache\", \"Cache\", kind: .database, technology: \"Valkey\", description: \"Caches\")\n",
        ])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 0, "\(result.error)")
        #expect(try project.read("site/diagrams/container-shop.mmd").contains("cache[(\"<b>Cache</b>"))
    }

    @Test func syntaxErrorPassesTheCompilerMessageThroughWithExit65() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture(extra: "    user.uses(api, \"Oops\"")])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        #expect(result.error.contains("main.swift:"))
        #expect(result.error.contains("error:"))
        #expect(!project.exists("site"))
    }

    @Test func typeErrorNamesTheLine() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture(extra: "    user.uses(\"db\", \"Strings are not elements\")")])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        let line = try project.line(of: "Strings are not elements")
        #expect(result.error.contains("main.swift:\(line):"), "\(result.error)")
    }

    @Test func duplicateIDIsReportedAtItsLine() throws {
        let source = shopArchitecture().replacingOccurrences(
            of: "let architecture", with: "let twin = Container(\"api\", \"Twin\", technology: \"Go\", description: \"Twin\") // twin\nlet architecture"
        ).replacingOccurrences(of: "{ api; db }", with: "{ api; db; twin }")
        let project = try TemporaryProject(files: ["main.swift": source])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        let line = try project.line(of: "// twin")
        #expect(result.error.contains("main.swift:\(line):"), "\(result.error)")
        #expect(result.error.contains("error: [duplicate-id]"))
        #expect(!project.exists("site"))
    }

    @Test func danglingRelationshipIsReportedAtItsLine() throws {
        let source = shopArchitecture(extra: "    api.uses(stray, \"Calls\") // dangling")
            .replacingOccurrences(of: "let architecture", with: "let stray = Container(\"stray\", \"Stray\", technology: \"x\", description: \"x\")\nlet architecture")
        let project = try TemporaryProject(files: ["main.swift": source])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        let line = try project.line(of: "// dangling")
        #expect(result.error.contains("main.swift:\(line):"), "\(result.error)")
        #expect(result.error.contains("[unknown-element]"))
    }

    @Test func portClashIsReportedAtTheServiceLine() throws {
        let source = shopArchitecture(deployment: "        Service(cache, image: \"valkey/valkey:8\", ports: [\"8000:6379\"]) // clash")
            .replacingOccurrences(of: "let architecture", with: "let cache = Container(\"cache\", \"Cache\", kind: .database, technology: \"Valkey\", description: \"Caches\")\nlet architecture")
            .replacingOccurrences(of: "{ api; db }", with: "{ api; db; cache }")
        let project = try TemporaryProject(files: ["main.swift": source])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        let line = try project.line(of: "// clash")
        #expect(result.error.contains("main.swift:\(line):"), "\(result.error)")
        #expect(result.error.contains("[port-conflict]"))
        #expect(result.error.contains("8000"))
    }

    @Test func failedValidationKeepsEarlierOutput() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture()])
        #expect(try ArchdocProcess.run(["generate"], in: project.root).status == 0)
        let before = try project.read("site/diagrams/context.puml")
        let broken = shopArchitecture(deployment: "        Service(api, image: \"again\")")
        try broken.write(toFile: project.path("architecture/main.swift"), atomically: true, encoding: .utf8)
        #expect(try ArchdocProcess.run(["generate"], in: project.root).status == 65)
        #expect(try project.read("site/diagrams/context.puml") == before)
    }

    @Test func missingArchitectureFolder() throws {
        let project = try TemporaryProject(files: [:])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        #expect(result.error.contains("no architecture folder"))
    }

    @Test func missingMainSwift() throws {
        let project = try TemporaryProject(files: ["Other.swift": "import ArchitectureDescription\n"])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        #expect(result.error.contains("has no main.swift"))
        #expect(result.error.contains("Other.swift"))
    }

    @Test func noArchitectureDeclared() throws {
        let project = try TemporaryProject(files: ["main.swift": "import ArchitectureDescription\nlet user = Person(\"u\", \"U\")\n"])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        #expect(result.error.contains("[no-architecture]"))
    }

    /// Values compose would refuse stop generate at their line, before anything is written.
    @Test(arguments: [
        ("Service(api, build: \"./api\", ports: [\"99999:80\"])", "outside 1–65535"),
        ("Service(api, image: \"\")", "an empty image"),
        ("Service(api, image: \"x\", replicas: -5)", "replicas is -5"),
        ("Service(api, image: \"x\", volumes: [\"data:relative\"])", "not an absolute path"),
    ])
    func composeValuesComposeRefusesExit65AtTheirLine(service: String, message: String) throws {
        let source = """
            import ArchitectureDescription

            let api = Container("api", "API", technology: "Swift", description: "Serves")
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop", description: "Sells") { api }
                Deployment {
                    \(service)
                }
            }
            """
        let project = try TemporaryProject(files: ["main.swift": source])
        let result = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(result.status == 65, "\(result.error)")
        #expect(result.error.contains("main.swift:7:"), "\(result.error)")
        #expect(result.error.contains("error: [") && result.error.contains(message), "\(result.error)")
        #expect(!project.exists("compose.yaml") && !project.exists("site"))
    }

    /// The delivery model's mistakes stop generate with exit 65 at the line of
    /// the declaration, naming the rule, before anything is written.
    @Test(arguments: [
        ("deploys", "Pipeline(\".gitlab-ci.yml\") { Stage(\"deploy\", deploysTo: elsewhere) } // MARK", "unknown-environment"),
        ("profile", "Environment(\"qa\", \"QA\", runsOn: .compose(Profile(\"qa\"))) // MARK", "unknown-profile"),
        ("cycle", "Promotion { Promote(local, to: staging, gate: .automatic(\"on main\")); Promote(staging, to: local, gate: .automatic(\"back\")) } // MARK",
         "promotion-cycle"),
        ("duration", "Rollback(method: \"Redeploy\", recoveryTime: \"ten minutes\") // MARK", "invalid-duration"),
        ("secret", "Configuration { Variable(\"TOKEN\", secret: true) } // MARK", "secret-in-compose"),
        ("variable", "Configuration { Variable(\"2FA KEY\") } // MARK", "invalid-variable"),
    ])
    func deliveryMistakesExit65AtTheirLine(name: String, declaration: String, rule: String) throws {
        let source = """
            import ArchitectureDescription

            let api = Container("api", "API", technology: "Swift", description: "Serves")
            let dev = Profile("dev")
            let local = Environment("local", "Local", runsOn: .compose(dev))
            let staging = Environment("staging", "Staging", runsOn: .host(.vm(cpus: 2, memoryGB: 4)))
            let elsewhere = Environment("elsewhere", "Elsewhere", runsOn: .host(Host("a box")))
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop", description: "Sells") { api }
                Deployment {
                    dev
                    Service(api, image: "shop/api:1", environment: ["TOKEN": "literal-token"]) // SERVICE
                }
                local
                staging
                \(declaration)
            }
            """
        let project = try TemporaryProject(files: ["main.swift": source])
        let line = try project.line(of: rule == "secret-in-compose" ? "// SERVICE" : "// MARK")
        let result = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(result.status == 65, "\(name): \(result.error)")
        #expect(result.error.contains("main.swift:\(line):"), "\(name): \(result.error)")
        #expect(result.error.contains("error: [\(rule)]"), "\(name): \(result.error)")
        #expect(!project.exists("compose.yaml") && !project.exists("site"))
    }

    @Test func crashingProgramIsReported() throws {
        let project = try TemporaryProject(files: ["main.swift": "import ArchitectureDescription\nlet n: Int? = nil\nprint(n!)\n"])
        let result = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(result.status == 65)
        // A crash is a signal, said as such, at the user's own line.
        #expect(result.error.contains("the architecture program was ended by signal"), "\(result.error)")
        #expect(result.error.contains("architecture/main.swift:3: Fatal error"), "\(result.error)")
    }

    @Test func toolchainMismatchIsExplained() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture(extra: "    // mismatch \(UUID())")])
        let fake = project.root.appendingPathComponent("swiftc")
        try "#!/bin/sh\necho 'Swift version 5.9 (swift-5.9-RELEASE)'\nexit 0\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let result = try ArchdocProcess.run(["generate"], in: project.root, environment: ["ARCHDOC_SWIFTC": fake.path])
        #expect(result.status == 69)
        #expect(result.error.contains("Swift version 5.9"))
        #expect(result.error.contains("same toolchain"))
    }

    @Test func missingLibraryTellsHowToBuildIt() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture()])
        let lonely = project.root.appendingPathComponent("bin/archdoc")
        try FileManager.default.createDirectory(at: lonely.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ArchdocProcess.binary, to: lonely)
        let result = try ArchdocProcess.run(["generate"], in: project.root, binary: lonely)
        #expect(result.status == 69)
        #expect(result.error.contains("swift build"))
    }

    @Test func versionNamesTheAllocatorInUse() throws {
        let result = try ArchdocProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix(ArchdocVersion.current + " ("))
        #if os(Linux)
        // Said only when a plain malloc in the running binary comes from mimalloc's heap.
        #expect(result.output.contains("(mimalloc 2."))
        #endif
    }

    @Test func helpTeaches() throws {
        let root = try ArchdocProcess.run(["--help"])
        #expect(root.status == 0)
        #expect(root.output.contains("generate"))
        let generate = try ArchdocProcess.run(["generate", "--help"])
        #expect(generate.status == 0)
        #expect(generate.output.contains("--output"))
        #expect(generate.output.contains("Exit codes"))
        #expect(try ArchdocProcess.run(["generate", "--bogus"]).status == 64)
    }

    /// Every subcommand's help reads as prose: a line of the source joined with `\` is one line of help, never a stray backslash.
    @Test(arguments: ["generate", "check", "import", "watch", "serve"])
    func helpHasNoStrayBackslashes(command: String) throws {
        let help = try ArchdocProcess.run([command, "--help"])
        #expect(help.status == 0)
        #expect(!help.output.split(separator: "\n").contains { $0.hasSuffix("\\") }, "\(help.output)")
    }
}
