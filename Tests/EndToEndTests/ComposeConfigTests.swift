import ArchdocComposeFiles
import ArchdocLoading
import ArchdocRenderers
import Foundation
import TestSupport
import Testing

/// Every example's compose file is valid for Docker Compose v2.40.3 in every
/// profile, and each profile runs exactly the model's services.
@Suite(.serialized) struct ComposeConfigTests {
    static let examples: [String] = RealToolTests.architectures.filter { !$0.contains("hostile") }

    @Test(arguments: examples)
    func composeConfigAcceptsEveryProfile(architecture: String) throws {
        let compose = try Tools.path("DOCKER_COMPOSE")
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-compose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent(architecture).path
        let generated = try ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project)
        #expect(generated.status == 0, "\(generated.error)")

        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = ArchdocProcess.cacheFolder
        let model = try ArchitectureLoader(environment: environment).load(from: source).model
        let plan = ComposePlan(model: model)
        // The env files services name must exist for `config` to succeed.
        for file in Set(model.services.flatMap(\.service.envFiles)) {
            let url = project.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: url.path, contents: Data())
        }
        for profile in model.profiles.map(\.id) {
            let result = try Tools.run(compose, ["--project-directory", project.path, "-f", project.appendingPathComponent("compose.yaml").path,
                                                 "--profile", profile, "config", "--services"])
            #expect(result.status == 0, "\(architecture) profile \(profile): \(result.output)")
            let listed = Set(result.output.split(separator: "\n").map(String.init).filter { !$0.contains("level=warning") })
            #expect(listed == Set(plan.serviceNames(in: profile)), "\(architecture) profile \(profile)")
            #expect(!listed.isEmpty)
        }
    }

    /// The output of `docker compose config` is the same project: its absolute
    /// paths, env files written into `environment`, and long syntax are no
    /// drift. With every profile on, each example checks clean against it.
    @Test(arguments: examples)
    func checkAcceptsComposeConfigOutput(architecture: String) throws {
        let compose = try Tools.path("DOCKER_COMPOSE")
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-normalised-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent(architecture).path
        #expect(try ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = ArchdocProcess.cacheFolder
        let model = try ArchitectureLoader(environment: environment).load(from: source).model
        // Env files with a value, which config writes into each service's environment.
        for (index, file) in Set(model.services.flatMap(\.service.envFiles)).sorted().enumerated() {
            let url = project.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "FROM_ENV_FILE_\(index)=yes\n".write(to: url, atomically: true, encoding: .utf8)
        }
        let normalised = project.appendingPathComponent("normalised.yaml")
        let config = try Tools.run(compose, ["--project-directory", project.path, "-f", project.appendingPathComponent("compose.yaml").path,
                                             "--profile", "*", "config", "-o", normalised.path])
        #expect(config.status == 0, "\(architecture): \(config.output)")
        let text = try String(contentsOf: normalised, encoding: .utf8)
        #expect(text.contains(project.path) || !text.contains("./"), "config writes absolute paths")
        let checked = try ArchdocProcess.run(["check", "--quiet", "--no-color", "-a", source, "-f", "normalised.yaml"], in: project)
        #expect(checked.status == 0 || checked.status == 1, "\(architecture): \(checked.error)")
        // (A pipeline's CI file is not in this temporary folder: only compose findings count here.)
        #expect(!checked.output.contains("normalised.yaml:") && !("\n" + checked.output).contains("\nservice "), "\(architecture): \(checked.output)")
        #expect(checked.output.contains("no findings") || checked.output.contains("[missing-file] the model's pipeline"), "\(checked.output)")
    }

    /// The hostile labels reach compose.yaml only as values: docker compose
    /// reads the file, finds exactly the top-level keys archdoc writes, and
    /// gives back each hostile value unchanged.
    @Test func hostileLabelsStayValuesForDockerCompose() throws {
        let compose = try Tools.path("DOCKER_COMPOSE")
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-compose-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent("Tests/Fixtures/hostile-labels").path
        let generated = try ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project)
        #expect(generated.status == 0, "\(generated.error)")
        let output = project.appendingPathComponent("config.json")
        let result = try Tools.run(compose, ["--project-directory", project.path, "-f", project.appendingPathComponent("compose.yaml").path,
                                             "--profile", "*", "config", "--format", "json", "-o", output.path])
        #expect(result.status == 0, "\(result.output)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        #expect(Set(root.keys) == ["name", "services", "networks"], "\(root.keys.sorted())")
        let services = try #require(root["services"] as? [String: [String: Any]])
        #expect(Set(services.keys) == ["api_v2", "end", "graph", "o-web", "worker"].reduce(into: Set<String>()) { $0.insert($1) } || services.count == 5, "\(services.keys.sorted())")
        let environment = try #require(services["worker"]?["environment"] as? [String: String])
        #expect(environment["PAYLOAD"] == "@enduml\n@startuml\n!include /etc/passwd\n%%{init: {\"theme\": \"dark\"}}%%\nclick a href \"javascript:alert(1)\"\nend")
        #expect(environment["BREAKS"]?.contains("rtl\u{202E}txt") == true)
    }

    /// Every payload of the hostile corpus as an environment value: docker
    /// compose reads compose.yaml with exactly archdoc's top-level keys and
    /// a service per container, and gives back each value unchanged. Values
    /// with `$` are left out: compose interpolates them, as it does a value
    /// a user writes (import writes a passed-through variable as `${KEY}`).
    @Test func everyHostilePayloadStaysAnEnvironmentValue() throws {
        let compose = try Tools.path("DOCKER_COMPOSE")
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-compose-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let generated = try ArchdocProcess.run(["generate", "--quiet", "-a", try HostileCorpus.write().path], in: project)
        #expect(generated.status == 0, "\(generated.error)")
        let output = project.appendingPathComponent("config.json")
        let result = try Tools.run(compose, ["--project-directory", project.path, "-f", project.appendingPathComponent("compose.yaml").path,
                                             "config", "--format", "json", "-o", output.path])
        #expect(result.status == 0, "\(result.output)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        #expect(Set(root.keys) == ["name", "services", "networks"], "\(root.keys.sorted())")
        let services = try #require(root["services"] as? [String: [String: Any]])
        let payloads = HostilePayloads.all
        #expect(Set(services.keys) == Set(payloads.indices.map { "c\($0)" }))
        for (index, payload) in payloads.enumerated() where !payload.contains("$") {
            let environment = services["c\(index)"]?["environment"] as? [String: String]
            #expect(environment?["PAYLOAD"] == payload, "payload \(index) \(payload.prefix(40).debugDescription)")
        }
    }

    /// The `.env.example` archdoc writes is an env file docker compose reads:
    /// each default comes back exactly as the model gives it, `$` and `#` and
    /// spaces included, and a secret's line has no value.
    @Test func theEnvExampleIsAnEnvFileComposeReadsBackExactly() throws {
        let compose = try Tools.path("DOCKER_COMPOSE")
        let defaults = ["PLAIN": "info", "SPACES": "a b  c", "DOLLAR": "$HOME and ${USER}", "HASH": "x #y", "EQUALS": "a=b", "QUOTE": "say \"hi\"",
                        "URL": "postgres://u@db:5432/app?sslmode=disable", "UNICODE": "Ünïcødé 日本"]
        let variables = defaults.keys.sorted().map { "Variable(\($0.debugDescription), default: \(defaults[$0]!.debugDescription))" }
        let source = """
            import ArchitectureDescription

            let api = Container("api", "API", technology: "Go", description: "Serves")
            let architecture = Architecture("Env") {
                SoftwareSystem("env", "Env", description: "Reads its configuration") { api }
                Deployment {
                    Service(api, image: "env/api:1", environment: [\(defaults.keys.sorted().map { "\($0.debugDescription): \"${\($0)}\"" }.joined(separator: ", ")), "TOKEN": "${TOKEN}"])
                }
                Configuration(exampleFile: ".env.example", localFile: ".env") {
                    \(variables.joined(separator: "\n        "))
                    Variable("TOKEN", default: "never-written", secret: true)
                }
            }
            """
        let project = try TemporaryProject(files: ["main.swift": source])
        let generated = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(generated.status == 0, "\(generated.error)")
        let example = try project.read(".env.example")
        #expect(!example.contains("never-written"))
        #expect(example.contains("\nTOKEN=\n"))
        let output = project.root.appendingPathComponent("config.json")
        let result = try Tools.run(compose, ["--project-directory", project.root.path, "-f", project.path("compose.yaml"),
                                             "--env-file", project.path(".env.example"), "config", "--format", "json", "-o", output.path])
        #expect(result.status == 0, "\(result.output)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        let environment = try #require(((root["services"] as? [String: Any])?["api"] as? [String: Any])?["environment"] as? [String: Any])
        for (name, value) in defaults {
            // `config` writes a literal `$` as `$$`, so that compose reads its output back the same.
            #expect(environment[name] as? String == value.replacingOccurrences(of: "$", with: "$$"), "\(name): \(String(describing: environment[name])) in\n\(example)")
        }
    }
}
