import ArchdocBasics
import ArchdocModel
import ArchdocViews
import ArchitectureDescription

/// Chapter 7, generated in full from the deployment: the diagrams, motivation
/// and quality features, the mapping of building blocks to infrastructure,
/// each profile's nodes and services, the differences between profiles, how
/// to start each profile, and the environment variables.
///
/// The parts that repeat per service (table rows, service descriptions) are
/// rendered here, as Markdown; the template arranges them. Optional parts are
/// `false` when absent, so that a template's `{{#name}}` never picks up a value
/// of an enclosing section.
struct DeploymentViewChapter: Sendable {
    let model: ArchitectureModel
    let views: [DiagramView]
    let references: DiagramReferences
    /// The compose file archdoc writes, for the `docker compose` command line.
    let composeFile: String?

    static let mappingHeader = ["Building block", "Service", "Image or build", "Ports", "Volumes", "Profiles"]

    private var deployment: Deployment? { model.architecture.deployment }
    private var multipleProfiles: Bool { model.declaresProfiles && model.profiles.count > 1 }

    func context() -> [String: Any] {
        guard let deployment else { return ["hasDeployment": false] }
        let deployed = Dictionary(model.profiles.map { ($0.id, model.deployedServices(in: $0.id).map(ResolvedService.init)) }) { first, _ in first }
        var parts: [String: ServiceParts] = [:]
        for placed in model.services where parts[placed.service.containerID] == nil {
            parts[placed.service.containerID] = ServiceParts(placed.service, heading: heading(of: placed.service.containerID))
        }
        // This chapter is the longest of arc42 and grows with every service:
        // its independent parts are built on every core. (One `concurrentMap`,
        // not a thread of its own: this already runs on a worker of the
        // chapters' `concurrentMap`, and a worker blocked waiting for another
        // thread makes Dispatch wait about a second before it adds one.)
        enum Part: Sendable { case mappingTable, environment, services(Profile) }
        let built = ([.mappingTable, .environment] + model.profiles.map(Part.services)).concurrentMap { [self, parts] part -> String? in
            switch part {
            case .mappingTable: MarkdownText.table(header: Self.mappingHeader, rows: mappingRows())
            case .environment: environment(deployed: deployed, parts: parts)
            case .services(let profile): serviceSections(deployed[profile.id] ?? [], parts: parts)
            }
        }
        let (mappingTable, environmentSections, sections) = (built[0] ?? "", built[1], built.dropFirst(2))
        let labels = Dictionary(model.profiles.map { ($0.id, DeploymentFacts.profileLabel($0)) }) { first, _ in first }
        let differences = DeploymentDifferences.compute(model).map { "- " + text(of: $0, labels: labels) }
        return [
            "hasDeployment": true,
            "deploymentName": MarkdownText.inline(deployment.name),
            "deploymentDescription": optional(deployment.description),
            "multipleProfiles": multipleProfiles,
            "level1": model.profiles.map(level1),
            "motivation": optional(deployment.motivation),
            "qualityFeatures": optional(deployment.qualityFeatures),
            "mappingTable": mappingTable,
            "networks": joined(deployment.networks.map { network in
                var facts = network.driver.map { [MarkdownText.inline($0)] } ?? []
                if network.internal { facts.append("internal, no route outside") }
                facts += Self.resourceFacts(external: network.external, customName: network.customName, options: network.driverOptions)
                return MarkdownText.code(network.name) + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")
            }),
            "volumes": joined(deployment.volumes.map { volume in
                let facts = (volume.driver.map { ["driver \(MarkdownText.inline($0))"] } ?? [])
                    + Self.resourceFacts(external: volume.external, customName: volume.customName, options: volume.driverOptions)
                return MarkdownText.code(volume.name) + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")
            }),
            "level2": zip(model.profiles, sections).map { level2($0, services: deployed[$0.id] ?? [], sections: $1) },
            "showDifferences": multipleProfiles,
            "differences": differences.isEmpty ? false : differences.joined(separator: "\n"),
            "start": start(deployed: deployed),
            "environment": environmentSections ?? false,
        ]
    }

    // MARK: Infrastructure Level 1

    private func level1(_ profile: Profile) -> [String: Any] {
        let view = views.first { $0.kind == .deployment(profileID: profile.id) }
        return [
            "profileLabel": label(profile),
            "diagram": view.flatMap(references.context(for:)) ?? false,
        ]
    }

    /// One row per container, in declaration order: building block, service,
    /// image or build, ports, volumes, profiles. A container without a service
    /// has `—` and a note from its description and properties.
    func mappingRows() -> [[String]] {
        let placedByName = Dictionary(model.services.map { ($0.service.containerID, $0) }) { first, _ in first }
        return model.containers.map { container, _ in
            let block = MarkdownText.inline(container.name)
            guard let placed = placedByName[container.id] else {
                var note = container.description.map(MarkdownText.inline) ?? ""
                let properties = container.properties.sorted { $0.key < $1.key }
                    .map { "\(MarkdownText.inline($0.key)): \(MarkdownText.code($0.value, inTable: true))" }
                if !properties.isEmpty { note += (note.isEmpty ? "" : "; ") + properties.joined(separator: "; ") }
                let service = note.isEmpty ? "— (no service)" : "— (no service: \(note))"
                return [block, service, "—", "—", "—", "—"]
            }
            let service = placed.service
            var image = DeploymentFacts.imageOrBuild(image: service.image, build: service.build, inTable: true)
            let overrides = service.profileSettings.compactMap { settings in
                settings.image.map { "\(MarkdownText.inline(settings.profile)): \(MarkdownText.code($0, inTable: true))" }
            }
            if !overrides.isEmpty { image += " (\(overrides.joined(separator: ", ")))" }
            let profiles = service.profiles.flatMap { model.declaresProfiles ? DeploymentFacts.codeList($0, inTable: true) : nil } ?? "all"
            return [
                block,
                MarkdownText.code(service.containerID, inTable: true),
                image,
                DeploymentFacts.codeList(service.ports.map(\.description), inTable: true),
                DeploymentFacts.volumes(service.volumes, inTable: true),
                profiles,
            ]
        }
    }

    // MARK: Infrastructure Level 2

    /// `profileLabel`, `profileDescription`, `nodes` (a nested list) and
    /// `services` (a `####` section per service), for one profile.
    private func level2(_ profile: Profile, services: [ResolvedService], sections: String?) -> [String: Any] {
        let byNode = Dictionary(grouping: services) { $0.deployed.placed.nodePath.last?.id }
        var nodes: [String] = []
        func add(indent: String, name: String, technology: String?, description: String?, nodeID: String?) {
            var line = "\(indent)- **\(MarkdownText.inline(name))**"
            if let technology, !MarkdownText.singleLine(technology).isEmpty { line += " (\(MarkdownText.inline(technology)))" }
            if let description, !MarkdownText.singleLine(description).isEmpty { line += ": \(MarkdownText.inline(description))" }
            let here = (byNode[nodeID] ?? []).map(\.name)
            if !here.isEmpty { line += " — runs \(DeploymentFacts.codeList(here))" }
            nodes.append(line)
        }
        func walk(_ node: DeploymentNode, depth: Int) {
            add(indent: String(repeating: "  ", count: depth), name: node.name, technology: node.technology,
                description: node.description, nodeID: node.id)
            node.children.forEach { walk($0, depth: depth + 1) }
        }
        add(indent: "", name: deployment?.name ?? "Deployment", technology: nil, description: deployment?.description, nodeID: nil)
        deployment?.nodes.forEach { walk($0, depth: 1) }
        return [
            "profileLabel": label(profile),
            "profileDescription": optional(profile.description),
            "nodes": nodes.joined(separator: "\n"),
            "services": sections ?? false,
        ]
    }

    /// What a top-level volume or network's settings say beyond its driver.
    private static func resourceFacts(external: Bool, customName: String?, options: [String: String]) -> [String] {
        var facts: [String] = []
        if external { facts.append("external, created outside the project") }
        if let customName { facts.append("named \(MarkdownText.code(customName)) on the engine") }
        if !options.isEmpty { facts.append("options " + options.sorted { $0.key < $1.key }.map { MarkdownText.code("\($0.key)=\($0.value)") }.joined(separator: ", ")) }
        return facts
    }

    /// The `####` sections of a profile's services, or `nil` when it runs none.
    private func serviceSections(_ services: [ResolvedService], parts: [String: ServiceParts]) -> String? {
        services.isEmpty ? nil : services.map { serviceSection($0, parts[$0.name]) }.joined(separator: "\n\n")
    }

    /// `#### `name`: Container name` and a list of the service's facts in its profile.
    private func serviceSection(_ deployed: ResolvedService, _ parts: ServiceParts?) -> String {
        let parts = parts ?? ServiceParts(deployed.service, heading: heading(of: deployed.name))
        var text = "#### \(parts.heading)\n"
        if let image = deployed.image { text += "\n- **Image:** \(MarkdownText.code(image))" }
        text += parts.build
        if let technology = deployed.technology { text += "\n- **Technology:** \(MarkdownText.inline(technology))" }
        if let description = deployed.description { text += "\n- **Role:** \(MarkdownText.inline(description))" }
        if let command = deployed.command { text += "\n- **Command:** \(MarkdownText.code(command))" }
        text += parts.placement
        if let replicas = deployed.replicas { text += "\n- **Replicas:** \(replicas)" }
        text += parts.lifecycle
        if text.last == "\n" { text += "\nNothing beyond the defaults of its image." }
        return text
    }

    /// The parts of a service's description that are the same in every
    /// profile, worked out once: its heading and fact lines.
    struct ServiceParts: Sendable {
        /// `` `backend`: FastAPI Backend ``.
        var heading: String
        /// The build line.
        var build = ""
        /// The lines of ports, volumes and networks.
        var placement = ""
        /// The lines of restart policy, health check, dependencies, routes, env
        /// files and the container's options.
        var lifecycle = ""

        init(_ service: Service, heading: String) {
            self.heading = heading
            func line(_ label: String, _ value: String) -> String { "\n- **\(label):** \(value)" }
            if let build = service.build { self.build = line("Build", DeploymentFacts.build(build, lead: "context")) }
            if !service.ports.isEmpty { placement += line("Ports", DeploymentFacts.codeList(service.ports.map(\.description))) }
            if !service.volumes.isEmpty { placement += line("Volumes", DeploymentFacts.volumes(service.volumes)) }
            if !service.networks.isEmpty { placement += line("Networks", DeploymentFacts.codeList(service.networks)) }
            if let restart = service.restart { lifecycle += line("Restart", MarkdownText.code(restart.rawValue)) }
            if let check = service.healthcheck { lifecycle += line("Health check", DeploymentFacts.healthCheck(check)) }
            if !service.dependsOn.isEmpty {
                lifecycle += line("Depends on", service.dependsOn.map(DeploymentFacts.dependency).joined(separator: "; "))
            }
            if !service.routes.isEmpty { lifecycle += line("Routes", service.routes.map(DeploymentFacts.route).joined(separator: ", ")) }
            if !service.envFiles.isEmpty { lifecycle += line("Env files", DeploymentFacts.codeList(service.envFiles)) }
            if !service.options.isEmpty { lifecycle += line("Container", DeploymentFacts.containerOptions(service.options)) }
        }
    }

    // MARK: Differences

    private func text(of difference: DeploymentDifference, labels: [String: String]) -> String {
        let service = MarkdownText.code(difference.serviceName)
        func label(_ id: String) -> String { labels[id] ?? MarkdownText.code(id) }
        func values(_ aspect: String, _ format: (String?) -> String) -> String {
            "\(service): \(aspect) differs — " + difference.values.map { "\(label($0.profileID)): \(format($0.value))" }.joined(separator: "; ")
        }
        switch difference.aspect {
        case .presence:
            let running = difference.values.filter { $0.value != nil }.map { label($0.profileID) }
            let missing = difference.values.filter { $0.value == nil }.map { label($0.profileID) }
            if running.isEmpty { return "\(service) runs in no profile" }
            return "\(service) runs only in \(running.joined(separator: ", ")); not in \(missing.joined(separator: ", "))"
        case .command:
            return values("command") { $0.map { MarkdownText.code($0) } ?? "the image's default" }
        case .image:
            return values("image") { $0.map { MarkdownText.code($0) } ?? "built from source" }
        case .replicas:
            return values("replica count") { $0 ?? "1 (default)" }
        case .technology:
            return values("technology") { $0.map(MarkdownText.inline) ?? Arc42Format.none }
        case .environment(let variable):
            return values("environment variable \(MarkdownText.code(variable))") { $0.map { MarkdownText.code($0) } ?? "not set" }
        }
    }

    // MARK: Starting

    /// Per profile: `profileLabel`, `command` and `steps` (Markdown sentences).
    private func start(deployed: [String: [ResolvedService]]) -> [[String: Any]] {
        var usedByPeople: Set<String> = []
        for relationship in model.architecture.relationships {
            if case .person = model.kind(of: relationship.sourceID) { usedByPeople.insert(relationship.destinationID) }
        }
        return model.profiles.map { profile in
            let services = deployed[profile.id] ?? []
            var command = "docker compose"
            if let composeFile, !["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"].contains(composeFile) {
                command += " -f \(composeFile)"
            }
            if model.declaresProfiles { command += " --profile \(profile.id)" }
            command += " up"
            if services.contains(where: { $0.service.build != nil }) { command += " --build" }

            var steps = ["Install Docker with the Compose plugin (`docker compose`, v2)."]
            var readers: [String: [String]] = [:]
            var files: [String] = []
            var required: Set<String> = []
            for service in services {
                for file in service.service.envFiles {
                    if readers[file] == nil { files.append(file) }
                    readers[file, default: []].append(service.name)
                }
                func scan(_ text: String?) {
                    if let text, text.utf8.contains(UInt8(ascii: "$")) { required.formUnion(DeploymentFacts.requiredVariables(in: text)) }
                }
                service.environment.values.forEach(scan)
                scan(service.command)
                scan(service.image)
                for port in service.service.ports { scan(port.hostIP); scan(port.published); scan(port.target) }
                for volume in service.service.volumes { scan(volume.source); scan(volume.target) }
            }
            for file in files {
                steps.append("Create \(MarkdownText.code(file)) with the variables its services need (read by \(DeploymentFacts.codeList(readers[file] ?? []))).")
            }
            if !required.isEmpty {
                steps.append("Set \(DeploymentFacts.codeList(required.sorted())) in the shell or in `.env` beside the compose file; the compose file refers to them.")
            }
            steps.append("Run \(MarkdownText.code(command)) in the folder of the compose file.")
            let urls = services.filter { usedByPeople.contains($0.name) }.compactMap { service -> String? in
                let links = service.service.ports.compactMap(DeploymentFacts.url(for:)).map { "<\($0)>" }
                guard !links.isEmpty else { return nil }
                let name = model.element(service.name)?.name ?? service.name
                return "\(links.joined(separator: " or ")) (\(MarkdownText.inline(name)))"
            }
            if !urls.isEmpty { steps.append("Open \(urls.joined(separator: "; ")) in a browser.") }
            return ["profileLabel": label(profile), "command": MarkdownText.code(command), "steps": steps]
        }
    }

    // MARK: Environment

    /// A `###` section per service that reads variables or env files: a table
    /// of the variables (variable, value, profiles) and its env files; `false`
    /// when no service has any.
    private func environment(deployed: [String: [ResolvedService]], parts: [String: ServiceParts]) -> String? {
        var seen: Set<String> = []
        var sections: [String] = []
        // Each service's instances, in profile order.
        var instances: [String: [ResolvedService]] = [:]
        for profile in model.profiles {
            for resolved in deployed[profile.id] ?? [] { instances[resolved.name, default: []].append(resolved) }
        }
        for placed in model.services where seen.insert(placed.service.containerID).inserted {
            let service = placed.service
            guard !service.environment.isEmpty || !service.envFiles.isEmpty
                || service.profileSettings.contains(where: { !$0.environment.isEmpty })
            else { continue }
            let running = instances[service.containerID] ?? []
            let environments = running.map { ($0.profileID, $0.environment) }
            var rows: [[String]] = []
            let first = environments.first?.1 ?? [:]
            let uniform = environments.dropFirst().allSatisfy { $0.1 == first }
            if uniform {
                // The same in every profile: one row per variable.
                for (name, value) in first.sorted(by: { $0.key < $1.key }) {
                    rows.append([
                        MarkdownText.code(name, inTable: true),
                        value.isEmpty ? "(empty)" : MarkdownText.code(value, inTable: true), "all",
                    ])
                }
            }
            for name in uniform ? [] : Set(environments.flatMap(\.1.keys)).sorted() {
                var byValue: [(value: String, profiles: [String])] = []
                for (profileID, environment) in environments {
                    guard let value = environment[name] else { continue }
                    if let index = byValue.firstIndex(where: { $0.value == value }) {
                        byValue[index].profiles.append(profileID)
                    } else {
                        byValue.append((value, [profileID]))
                    }
                }
                for entry in byValue {
                    rows.append([
                        MarkdownText.code(name, inTable: true),
                        entry.value.isEmpty ? "(empty)" : MarkdownText.code(entry.value, inTable: true),
                        entry.profiles.count == running.count ? "all" : DeploymentFacts.codeList(entry.profiles, inTable: true),
                    ])
                }
            }
            var section = "### \(parts[service.containerID]?.heading ?? heading(of: service.containerID))"
            if !rows.isEmpty { section += "\n\n" + MarkdownText.table(header: ["Variable", "Value", "Profiles"], rows: rows) }
            if !service.envFiles.isEmpty { section += "\n\nEnv files: \(DeploymentFacts.codeList(service.envFiles))" }
            sections.append(section)
        }
        return sections.isEmpty ? nil : sections.joined(separator: "\n\n")
    }

    // MARK: Helpers

    private func optional(_ text: String?) -> Any { Arc42Format.optional(text) }

    /// Markdown items joined, or `false` when there are none.
    private func joined(_ items: [String], separator: String = ", ") -> Any {
        items.isEmpty ? false : items.joined(separator: separator)
    }

    /// A declared profile with its id; the implicit default profile by name only.
    private func label(_ profile: Profile) -> String {
        model.declaresProfiles ? DeploymentFacts.profileLabel(profile) : MarkdownText.inline(profile.name)
    }

    /// `` `backend`: FastAPI Backend ``: a service's name and its container's.
    private func heading(of service: String) -> String {
        guard let name = model.element(service)?.name else { return MarkdownText.code(service) }
        return "\(MarkdownText.code(service)): \(MarkdownText.inline(name))"
    }
}
