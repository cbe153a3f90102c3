import ArchitectureDescription
import Foundation
import Testing

@Suite struct BuilderTests {
    let user = Person("user", "User", description: "Uses the shop")
    let api = Container("api", "API", technology: "Swift")
    let db = Container("db", "Database", kind: .database, technology: "Postgres 17")

    func shop(includeDatabase: Bool = true) -> Architecture {
        Architecture("Shop") {
            user
            SoftwareSystem("shop", "Shop") {
                api
                if includeDatabase { db }
            }
            user.uses(api, "Calls", technology: "HTTPS")
            api.uses(db, "Reads")
            Deployment {
                Profile("dev")
                Service(db, image: "postgres:17")
                Node("vm", "VM") {
                    Service(api, build: "./api", dependsOn: [.healthy(db)]).profile("dev", command: "run --reload")
                }
                DocsServer()
            }
        }
    }

    @Test func collectsEveryKindOfDeclaration() throws {
        let architecture = shop()
        #expect(architecture.people.map(\.id) == ["user"])
        #expect(architecture.softwareSystems.first?.containers.map(\.id) == ["api", "db"])
        #expect(architecture.relationships.map(\.destinationID) == ["api", "db"])
        let deployment = try #require(architecture.deployment)
        #expect(deployment.profiles.map(\.id) == ["dev"])
        #expect(deployment.allServices.map(\.containerID) == ["db", "docs", "api"])
        #expect(deployment.nodes.first?.services.first?.profileSettings.first?.command == "run --reload")
        #expect(deployment.allServices.first { $0.containerID == "docs" }?.standaloneContainer?.name == "Documentation Server")
    }

    @Test func conditionalContent() {
        #expect(shop(includeDatabase: false).softwareSystems.first?.containers.map(\.id) == ["api"])
    }

    @Test func recordsTheCallersLine() {
        let line = #line + 1
        let relationship = user.uses(api, "Calls")
        #expect(relationship.location.line == line)
        #expect(relationship.location.file.hasSuffix("BuilderTests.swift"))
    }

    @Test func dependencyConditions() {
        #expect(Dependency.healthy(db).condition == .healthy)
        #expect(Dependency.completed(db).condition.rawValue == "service_completed_successfully")
        #expect(Dependency.started(db).containerID == "db")
    }

    @Test func documentRoundTripsThroughJSON() throws {
        let document = ArchitectureDocument(architectures: [shop()])
        let data = try JSONEncoder().encode(document)
        let decoded = try JSONDecoder().decode(ArchitectureDocument.self, from: data)
        #expect(decoded == document)
        #expect(decoded.schemaVersion == ArchitectureDocument.currentSchemaVersion)
    }
}
