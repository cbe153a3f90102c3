/// The shape of a synthetic architecture, independent of how it is built: the
/// DSL in process (``SyntheticModel``), Swift source (``SyntheticSource``) and
/// the JSON the c4-diagrams peer reads are all made from one spec, so every
/// tool sees the same model. Deterministic: the same size gives the same spec.
struct SyntheticSpec: Codable {
    struct ContainerSpec: Codable {
        var id: String
        var name: String
        var system: Int
        var kind: String  // "service", "webApp", "database", "queue"
        var technology: String
        var description: String
        var hostPort: Int
        var dependsOn: [Int]
        var profiles: [String]?
        var prodCommand: String?
    }
    struct SystemSpec: Codable {
        var id: String
        var name: String
        var description: String
        var containers: [Int]
    }
    struct PersonSpec: Codable {
        var id: String
        var name: String
        var uses: [Int]
    }
    struct RelationSpec: Codable {
        var source: Int
        var destination: Int
        var description: String
        var technology: String
    }

    var name: String
    var systems: [SystemSpec]
    var containers: [ContainerSpec]
    var people: [PersonSpec]
    var relations: [RelationSpec]
    var profiles: [String] = ["dev", "staging", "prod"]

    /// How many following systems a container's relation out of its own system may go to.
    static let neighbourSystems = 4

    /// `containers` containers in systems of `perSystem` (the last may be smaller),
    /// about 3 relations each (two within the system, one to a neighbouring
    /// system), a person per 100 containers (at least 2).
    init(containers count: Int, perSystem: Int = 50) {
        name = "Synthetic \(count)"
        var random = SplitMix(seed: UInt64(count))
        let systemCount = max(1, (count + perSystem - 1) / perSystem)
        var systems: [SystemSpec] = []
        var containers: [ContainerSpec] = []
        for s in 0..<systemCount {
            let range = (s * perSystem)..<min(count, (s + 1) * perSystem)
            systems.append(SystemSpec(id: "sys\(s)", name: "System \(s)", description: "Synthetic software system \(s)", containers: Array(range)))
            for i in range {
                let kind = i % 8 == 7 ? "database" : i % 11 == 5 ? "queue" : i % 5 == 1 ? "webApp" : "service"
                let technology = ["database": "PostgreSQL 16", "queue": "RabbitMQ", "webApp": "TypeScript, React", "service": "Swift, Hummingbird"][kind]!
                containers.append(ContainerSpec(
                    id: "s\(s)_c\(i)", name: "Container \(i)", system: s, kind: kind, technology: technology,
                    description: "Synthetic container \(i) of system \(s), which does one thing well",
                    hostPort: 10_000 + i, dependsOn: [], profiles: nil, prodCommand: nil))
            }
        }
        // Deployment details: databases run everywhere; a few services are profile-only,
        // some have a prod command, and every 4th depends on its system's first database.
        for i in containers.indices where containers[i].kind != "database" {
            if i % 10 == 3 { containers[i].profiles = ["dev"] }
            if i % 10 == 6 { containers[i].profiles = ["staging", "prod"] }
            if i % 5 == 2 { containers[i].prodCommand = "serve --workers 8 --env prod" }
            if i % 4 == 0, let db = systems[containers[i].system].containers.first(where: { containers[$0].kind == "database" }) {
                containers[i].dependsOn = [db]
            }
        }
        var relations: [RelationSpec] = []
        for i in containers.indices {
            let system = systems[containers[i].system].containers
            for r in 0..<3 {
                // Two relations inside the system, one to a container of one of the
                // next few systems. Neighbours, not any system: with destinations
                // drawn from the whole model, each container view gained elements
                // as systems were added (70 per view at 1,000 containers, 131 at
                // 10,000), so views grew 13x for 10x containers and a renderer's
                // growth measured the model instead of the renderer.
                let neighbour = (containers[i].system + 1 + Int(random.next() % UInt64(Self.neighbourSystems))) % systemCount
                let pool = r < 2 && system.count > 1 ? system : systemCount > 1 ? systems[neighbour].containers : Array(containers.indices)
                var destination = pool[Int(random.next() % UInt64(pool.count))]
                if destination == i { destination = pool[(pool.firstIndex(of: i)! + 1) % pool.count] }
                if destination == i { continue }
                relations.append(RelationSpec(source: i, destination: destination, description: ["Calls", "Reads from", "Sends events to"][r], technology: ["HTTPS/JSON", "gRPC", "AMQP"][r]))
            }
        }
        let peopleCount = max(2, count / 100)
        people = (0..<peopleCount).map { p in
            PersonSpec(id: "person\(p)", name: "Person \(p)", uses: (0..<3).map { _ in Int(random.next() % UInt64(count)) })
        }
        self.systems = systems
        self.containers = containers
        self.relations = relations
    }
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
