import ArchdocComposeFiles
import ArchdocDrift
import ArchdocModel
import ArchdocRenderers
import ArchitectureDescription
import Foundation
import Testing

/// Top-level volumes and networks: written with their settings, read back
/// equal, and each changed setting one finding at the resource's line.
@Suite struct ResourceDriftTests {
    static let model: ArchitectureModel = {
        let db = Container("db", "DB", kind: .database)
        return ArchitectureModel(Architecture("R") {
            SoftwareSystem("s", "S") { db }
            Deployment {
                Network("backend", driver: "bridge", internal: true)
                Network("proxy", external: true)
                Volume("pgdata", customName: "r-pgdata")
                Volume("backups", driverOptions: ["type": "nfs", "o": "addr=10.0.0.2"], external: false)
                Service(db, image: "postgres:17", volumes: ["pgdata:/var/lib/postgresql/data", "backups:/backups"], networks: ["backend", "proxy"])
            }
        })
    }()

    func findings(_ text: String) throws -> [Finding] {
        ComposeDrift(model: Self.model).findings(against: try ComposeParser().parse(Data(text.utf8), path: "compose.yaml"))
    }

    @Test func theSettingsRoundTrip() throws {
        let text = ComposeRenderer().render(Self.model)
        #expect(text.contains("  backend:\n    internal: true\n    driver: bridge\n"), "\(text)")
        #expect(text.contains("  proxy:\n    external: true\n"))
        #expect(text.contains("  pgdata:\n    name: r-pgdata\n"))
        #expect(try findings(text).isEmpty)
        // docker compose config writes the default names out: no drift.
        let normalised = text.replacingOccurrences(of: "  backend:\n    internal: true", with: "  backend:\n    name: r_backend\n    internal: true")
            .replacingOccurrences(of: "  proxy:\n    external: true", with: "  proxy:\n    name: proxy\n    external: true")
        #expect(normalised != text)
        #expect(try findings(normalised).isEmpty)
    }

    @Test(arguments: [
        ("    internal: true\n", "", "  backend:", "internal"),
        ("    external: true\n", "", "  proxy:", "external"),
        ("name: r-pgdata", "name: pgdata", "  pgdata:", "name"),
        ("addr=10.0.0.2", "addr=10.0.0.3", "  backups:", "driver_opts"),
    ])
    func aChangedSettingIsOneFindingAtItsResource(find: String, replace: String, lineOf: String, setting: String) throws {
        let original = ComposeRenderer().render(Self.model)
        let resource = try #require(original.range(of: "\n" + lineOf + "\n"))
        let range = try #require(original.range(of: find, range: resource.lowerBound..<original.endIndex))
        let mutated = original.replacingCharacters(in: range, with: replace)
        let found = try findings(mutated)
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(found.first?.message.contains(setting) == true, "\(found.map(\.message))")
        let header = try #require(mutated.range(of: "\n" + lineOf + "\n"))
        #expect(found.first?.line == mutated[..<header.upperBound].filter { $0 == "\n" }.count)
    }
}
