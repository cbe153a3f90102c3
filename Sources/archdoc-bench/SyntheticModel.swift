import ArchitectureDescription

/// Builds a ``SyntheticSpec`` in process with the DSL, as a user's `main.swift` would.
enum SyntheticModel {
    static func kind(_ name: String) -> ContainerKind {
        switch name {
        case "database": .database
        case "queue": .queue
        case "webApp": .webApp
        default: .service
        }
    }

    static func architecture(_ spec: SyntheticSpec) -> Architecture {
        let containers = spec.containers.map { c in
            Container(c.id, c.name, kind: kind(c.kind), technology: c.technology, description: c.description)
        }
        let people = spec.people.map { Person($0.id, $0.name, description: "A user of the synthetic systems") }
        let systems = spec.systems.map { s in
            SoftwareSystem(s.id, s.name, description: s.description) { s.containers.map { containers[$0] } }
        }
        let relationships = spec.relations.map { r in
            containers[r.source].uses(containers[r.destination], r.description, technology: r.technology)
        } + zip(people, spec.people).flatMap { person, p in
            p.uses.map { person.uses(containers[$0], "Uses", technology: "HTTPS") }
        }
        return Architecture(spec.name, description: "A synthetic architecture for benchmarks") {
            for person in people { person }
            for system in systems { system }
            relationships
            Deployment("Docker Compose", description: "Three profiles") {
                Profile("dev", "Development")
                Profile("staging", "Staging")
                Profile("prod", "Production")
                for system in spec.systems {
                    Node("node_\(system.id)", "Host of \(system.name)", technology: "Debian 12") {
                        for index in system.containers { service(index, spec, containers) }
                    }
                }
            }
            // The prod profile on Kubernetes: every container a workload of the manifests.
            Environment("production", "Production", runsOn: .kubernetes(namespace: "synthetic"), kubernetes: Kubernetes(profile: Profile("prod")))
        }
    }

    static func service(_ index: Int, _ spec: SyntheticSpec, _ containers: [Container]) -> Service {
        let c = spec.containers[index]
        let isDatabase = c.kind == "database"
        var service = Service(
            containers[index],
            image: isDatabase ? "postgres:16" : "registry.example.com/\(c.id):1.0",
            command: isDatabase ? nil : "serve --port 8080",
            ports: [Port(published: "\(c.hostPort)", target: isDatabase ? "5432" : "8080")],
            environment: ["LOG_LEVEL": "info"],
            healthcheck: isDatabase ? .command("pg_isready -U postgres", interval: "10s", retries: 5) : nil,
            dependsOn: c.dependsOn.map { .healthy(containers[$0]) },
            profiles: c.profiles)
        if let command = c.prodCommand { service = service.profile("prod", command: command) }
        return service
    }
}
