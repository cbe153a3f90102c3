import ArchdocBasics
import ArchdocModel
import ArchdocRenderers
import ArchdocViews
import ArchitectureDescription
import TestSupport
import Testing
import Yams

@Suite struct ComposeRendererTests {
    let proxy = Container("proxy", "Proxy", technology: "Caddy", description: "Routes")
    let api = Container("api", "API", technology: "Python", description: "Serves")
    let worker = Container("worker", "Worker", technology: "Python", description: "Works")
    let db = Container("db", "DB", kind: .database, technology: "Postgres", description: "Stores")

    var model: ArchitectureModel {
        ArchitectureModel(Architecture("My Shop!") {
            SoftwareSystem("shop", "Shop", description: "x") { proxy; api; worker; db }
            Deployment {
                Profile("dev")
                Profile("prod")
                Network("backend", driver: "bridge")
                Service(proxy, image: "caddy:2", ports: ["80:80"], dependsOn: [.started(api)])
                Service(api, build: Build(context: "./api", dockerfile: "Dockerfile.dev"), environment: ["MODE": "base", "YES": "yes"],
                        dependsOn: [.healthy(db)])
                    .profile("dev", command: "run --reload")
                    .profile("prod", command: "run", replicas: 3, environment: ["MODE": "prod"])
                Service(worker, image: "worker:1", profiles: ["prod"])
                Service(db, image: "postgres:17", volumes: ["pgdata:/var/lib/postgresql/data"], networks: ["backend"],
                        healthcheck: .command("pg_isready", interval: "5s", retries: 3), restart: .no)
            }
        })
    }

    @Test func servicesThatDifferPerProfileAreSplitIntoVariants() {
        let plan = ComposePlan(model: model)
        #expect(plan.entries.map(\.name) == ["proxy", "api-dev", "api-prod", "worker", "db"])
        #expect(plan.serviceNames(in: "dev") == ["proxy", "api-dev", "db"])
        #expect(plan.serviceNames(in: "prod") == ["proxy", "api-prod", "worker", "db"])
        #expect(plan.entries.first { $0.name == "proxy" }?.profiles == nil)
        #expect(plan.entries.first { $0.name == "worker" }?.profiles == ["prod"])
    }

    @Test func fileParsesAndCarriesEverySetting() throws {
        let text = ComposeRenderer().render(model)
        let yaml = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(yaml["name"] as? String == "my-shop")
        let services = try #require(yaml["services"] as? [String: Any])
        let apiProd = try #require(services["api-prod"] as? [String: Any])
        #expect(apiProd["command"] as? String == "run")
        #expect((apiProd["deploy"] as? [String: Any])?["replicas"] as? Int == 3)
        #expect((apiProd["environment"] as? [String: Any])?["MODE"] as? String == "prod")
        #expect((apiProd["environment"] as? [String: Any])?["YES"] as? String == "yes", "a YAML 1.1 boolean word must stay a string")
        #expect((apiProd["build"] as? [String: Any])?["dockerfile"] as? String == "Dockerfile.dev")
        let proxyDependsOn = try #require((services["proxy"] as? [String: Any])?["depends_on"] as? [String: Any])
        #expect(Set(proxyDependsOn.keys) == ["api-dev", "api-prod"])
        #expect((proxyDependsOn["api-dev"] as? [String: Any])?["required"] as? Bool == false)
        let db = try #require(services["db"] as? [String: Any])
        #expect(db["restart"] as? String == "no")
        #expect((db["healthcheck"] as? [String: Any])?["test"] as? [String] == ["CMD-SHELL", "pg_isready"])
        #expect((yaml["volumes"] as? [String: Any])?.keys.contains("pgdata") == true)
        #expect(((yaml["networks"] as? [String: Any])?["backend"] as? [String: Any])?["driver"] as? String == "bridge")
        #expect(text.contains("- \"80:80\""), "ports are quoted: YAML 1.1 reads 80:80 as a base-60 number")
    }

    @Test func keysComeInAStableOrder() {
        let text = ComposeRenderer().render(model)
        #expect(text == ComposeRenderer().render(model))
        let order = ["image:", "command:", "profiles:", "depends_on:", "ports:", "environment:", "volumes:", "healthcheck:", "deploy:"]
        let dbBlock = text.components(separatedBy: "\n  db:\n")[1]
        let positions = ["image:", "restart:", "volumes:", "networks:", "healthcheck:"].compactMap { dbBlock.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted())
        #expect(order.allSatisfy { text.contains($0) })
    }

    @Test(arguments: [("Task Platform", "task-platform"), ("  Ünïcode & Co. ", "n-code-co"), ("!!!", "archdoc"), ("a_b-C", "a_b-c")])
    func projectNames(name: String, expected: String) {
        #expect(ComposeRenderer.projectName(name) == expected)
    }
}

/// Whatever the model's text holds, compose.yaml has exactly the keys and
/// values of the model: read back with Yams, nothing was added or cut.
@Suite struct HostileComposeTests {
    @Test(arguments: HostilePayloads.all)
    func composeFileHoldsExactlyTheModelsValues(payload: String) throws {
        let api = Container("api", payload, technology: payload, description: payload)
        let model = ArchitectureModel(Architecture(payload) {
            SoftwareSystem("shop", payload, description: payload) { api }
            Deployment {
                Service(api, image: "shop/api:\(payload.count)", command: payload, environment: ["KEY": payload, "OTHER": "x"],
                        volumes: ["data:/data"])
            }
        })
        let text = ComposeRenderer().render(model)
        let yaml = try #require(try Yams.load(yaml: text) as? [String: Any], "\(text.prefix(300))")
        #expect(Set(yaml.keys) == ["name", "services", "volumes"], "\(yaml.keys.sorted())")
        let services = try #require(yaml["services"] as? [String: Any])
        #expect(Array(services.keys) == ["api"])
        let service = try #require(services["api"] as? [String: Any])
        #expect(service["command"] as? String == payload)
        #expect(service["environment"] as? [String: String] == ["KEY": payload, "OTHER": "x"])
        #expect(service["image"] as? String == "shop/api:\(payload.count)")
        // The header comment is two lines whatever the name holds.
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(3).map { $0.hasPrefix("#") } == [true, true, false])
    }
}

/// Mermaid's front-matter title is plain text on one line: no markup, and
/// the front matter reads back as YAML with exactly one key.
@Suite struct HostileMermaidTitleTests {
    @Test(arguments: HostilePayloads.all)
    func titleIsOneLineOfText(payload: String) throws {
        let api = Container("api", "API", technology: "Swift", description: "Serves")
        let model = ArchitectureModel(Architecture("Shop") { SoftwareSystem("shop", payload, description: "x") { api } })
        let view = ViewBuilder(model: model).containerView(of: model.architecture.softwareSystems[0])
        let source = MermaidRenderer().render(view)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "---" && lines[2] == "---", "\(lines.prefix(4))")
        let frontMatter = try #require(try Yams.load(yaml: String(lines[1])) as? [String: String])
        let title = try #require(frontMatter["title"])
        #expect(Array(frontMatter.keys) == ["title"])
        #expect(!title.contains("<") && !title.contains(">") && !title.contains("&"))
        #expect(!title.unicodeScalars.contains { $0.breaksOrHidesALine })
    }
}
