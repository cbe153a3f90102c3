import ArchdocBasics
import ArchdocModel
import ArchdocRenderers
import ArchdocViews
import ArchitectureDescription
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
