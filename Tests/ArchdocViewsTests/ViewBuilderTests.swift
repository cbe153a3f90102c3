import ArchdocModel
import ArchdocViews
import ArchitectureDescription
import Testing

@Suite struct ViewBuilderTests {
    let user = Person("user", "User", description: "A user")
    let api = Container("api", "API", technology: "Swift", description: "Serves")
    let worker = Container("worker", "Worker", technology: "Swift", description: "Works")
    let db = Container("db", "DB", kind: .database, technology: "Postgres", description: "Stores")
    let mail = SoftwareSystem("mail", "Mail", description: "Sends mail", isExternal: true)

    var model: ArchitectureModel {
        ArchitectureModel(Architecture("Shop") {
            user
            SoftwareSystem("shop", "Shop", description: "Sells") { api; worker; db }
            mail
            user.uses(api, "Calls")
            api.uses(db, "Reads")
            worker.uses(db, "Writes")
            worker.uses(mail, "Sends via")
            Deployment {
                Profile("dev")
                Profile("prod")
                Service(api, image: "api", dependsOn: [.healthy(db)]).profile("prod", technology: "Swift, release build")
                Service(worker, image: "worker", profiles: ["prod"])
                Service(db, image: "postgres")
            }
        })
    }

    @Test func viewKeys() {
        #expect(ViewBuilder(model: model).defaultViews().map(\.key) == ["context", "container-shop", "deployment-dev", "deployment-prod"])
    }

    @Test func contextLiftsContainerRelationshipsToSystems() {
        let view = ViewBuilder(model: model).systemContextView()
        #expect(view.allElements.map(\.id) == ["user", "shop", "mail"])
        #expect(view.edges.map { "\($0.sourceID)->\($0.destinationID)" } == ["user->shop", "shop->mail"])
    }

    @Test func deploymentViewShowsOnlyTheProfilesServices() throws {
        let builder = ViewBuilder(model: model)
        let dev = builder.deploymentView(of: model.profiles[0])
        let prod = builder.deploymentView(of: model.profiles[1])
        #expect(dev.allElements.map(\.id) == ["user", "api", "db"])
        #expect(prod.allElements.map(\.id) == ["user", "api", "worker", "db", "mail"])
        #expect(!dev.edges.contains { $0.sourceID == "worker" })
        #expect(dev.edges.contains { $0.sourceID == "api" && $0.destinationID == "db" && $0.kind == .dependency(.healthy) })
        #expect(prod.allElements.first { $0.id == "api" }?.technology == "Swift, release build")
        #expect(dev.allElements.first { $0.id == "api" }?.technology == "Swift")
    }
}
