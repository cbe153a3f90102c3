import ArchdocComposeFiles
import ArchdocDrift
import ArchdocModel
import ArchitectureDescription
import Foundation
import Testing

/// What `docker compose config` (or a file normalised with it) writes
/// differently from archdoc is not drift.
@Suite struct NormalisedComposeTests {
    static let model: ArchitectureModel = {
        let api = Container("api", "API")
        let db = Container("db", "DB", kind: .database)
        let vpn = Container("vpn", "VPN")
        return ArchitectureModel(Architecture("N") {
            SoftwareSystem("s", "S") { api; db; vpn }
            Deployment {
                Service(api, build: "./backend", envFiles: [".env"], volumes: ["./data:/data", "~/.cache:/root/.cache:ro"]).container(links: ["db:database"])
                Service(db, image: "postgres:17")
                Service(vpn, image: "wireguard").container(networkMode: "service:api")
            }
        })
    }()

    func findings(_ yaml: String, envFiles: [String: [String: String]] = [:]) throws -> [String] {
        let document = try ComposeParser().parse(Data(yaml.utf8), path: "/p/compose.yaml")
        return ComposeDrift(model: Self.model, projectDirectory: "/p", envFiles: envFiles, home: "/home/me").findings(against: document).map(\.message)
    }

    static let normalised = """
        services:
          api:
            build:
              context: /p/backend
              dockerfile: Dockerfile
            environment:
              FROM_FILE: "1"
            env_file: [/p/.env]
            volumes:
              - type: bind
                source: /p/data
                target: /data
                bind:
                  create_host_path: true
                  propagation: rprivate
              - type: bind
                source: /home/me/.cache
                target: /root/.cache
                read_only: true
            links: ["db:database"]
            depends_on:
              db: {condition: service_started, required: true}
          db:
            image: postgres:17
          vpn:
            image: wireguard
            network_mode: service:api
            depends_on:
              api: {condition: service_started, restart: true, required: true}

        """

    @Test func composeConfigOutputIsNoDrift() throws {
        #expect(try findings(Self.normalised, envFiles: [".env": ["FROM_FILE": "1"]]) == [])
    }

    @Test func whatTheNormalisedFormHidesIsStillFound() throws {
        // Without the env file's values, the inlined variable is drift; so is a path outside the project.
        #expect(try findings(Self.normalised).count == 1)
        let moved = Self.normalised.replacingOccurrences(of: "source: /p/data", with: "source: /q/data")
        #expect(try findings(moved, envFiles: [".env": ["FROM_FILE": "1"]]).count == 1)
        let healthy = Self.normalised.replacingOccurrences(of: "db: {condition: service_started", with: "db: {condition: service_healthy")
        #expect(try findings(healthy, envFiles: [".env": ["FROM_FILE": "1"]]).count == 1)
    }
}
