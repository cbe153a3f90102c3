import ArchdocComposeFiles
import ArchdocModel
import ArchitectureDescription

/// Writes an ``ImportPlan`` as `architecture/main.swift`: idiomatic DSL code
/// with a `let` per container, one software system, the `depends_on`
/// relationships and a `Deployment` block, with a TODO wherever a person
/// knows better than the compose file.
package struct SwiftSourceWriter: Sendable {
    /// Creates a writer.
    package init() {}

    /// The Swift source of the architecture.
    package func source(for plan: ImportPlan) -> String {
        var identifiers = SwiftIdentifiers(reserved: Set(plan.containers.map(\.variable)).union(["architecture"]))
        let builds = BuildDeclarations(plan: plan, identifiers: &identifiers)
        let environments = EnvironmentDeclarations(plan: plan, identifiers: &identifiers)
        var lines = header(plan)
        lines.append("import ArchitectureDescription")
        lines.append("")
        for container in plan.containers {
            lines += declaration(of: container)
        }
        if !builds.declarations.isEmpty {
            lines.append("")
            lines += builds.declarations
        }
        if !environments.declarations.isEmpty {
            lines.append("")
            lines += environments.declarations
        }
        lines.append("")
        lines += architecture(plan, shared: (builds, environments))
        return lines.joined(separator: "\n") + "\n"
    }

    private let layout = SwiftCallLayout()

    // MARK: Parts

    private func header(_ plan: ImportPlan) -> [String] {
        [
            SwiftLiteral.comment("Imported by `archdoc import` from \(plan.composeFile)."),
            "// Replace each TODO with what the container does, say what each relationship",
            "// is for, then run `archdoc generate` to write the diagrams and compose.yaml.",
            "// Only what the DSL models was imported: image, build, command, ports,",
            "// environment, env files, volumes, networks, health checks, restart, replicas,",
            "// dependencies, profiles and the container's options (user, labels, entrypoint,",
            "// capabilities, …); each field left out (secrets, logging, …) is a Note below.",
        ]
    }

    private func declaration(of container: ImportedContainer) -> [String] {
        // What it is on the first line, what it does (and its icon) on the next.
        var identity = [SwiftLiteral.string(container.id), SwiftLiteral.string(container.name)]
        if container.guess.kind != .service { identity.append("kind: .\(container.guess.kind.rawValue)") }
        if let technology = container.guess.technology { identity.append("technology: \(SwiftLiteral.string(technology))") }
        var purpose = ["description: \(SwiftLiteral.string("TODO: describe what \(container.name) does"))"]
        if let icon = container.guess.icon { purpose.append("icon: .\(icon)") }
        return ["let \(container.variable) = Container("]
            + layout.lines(head: "    ", identity, continuation: "    ", tail: ",")
            + layout.lines(head: "    ", purpose, continuation: "    ")
    }

    /// The declarations that services refer to by name.
    private typealias Shared = (builds: BuildDeclarations, environments: EnvironmentDeclarations)

    private func architecture(_ plan: ImportPlan, shared: Shared) -> [String] {
        var lines = ["let architecture = Architecture(\(SwiftLiteral.string(plan.architectureName))) {"]
        let system = "SoftwareSystem(\(SwiftLiteral.string(plan.systemID)), \(SwiftLiteral.string(plan.architectureName)), "
            + "description: \(SwiftLiteral.string("TODO: describe what \(plan.architectureName) does")))"
        if plan.containers.isEmpty {
            lines.append("    \(system)")
        } else {
            lines.append("    \(system) {")
            lines += layout.lines(head: "        ", plan.containers.map(\.variable), separator: "; ",
                                  continuation: "        ", tail: "", lineEnd: "")
            lines.append("    }")
        }
        let variables = Dictionary(plan.containers.map { ($0.id, $0.variable) }, uniquingKeysWith: { first, _ in first })
        if !plan.relationships.isEmpty {
            lines.append("")
            lines.append("    // From depends_on: say what each use is and add `technology:`.")
            for relationship in plan.relationships {
                guard let source = variables[relationship.sourceID], let destination = variables[relationship.destinationID] else { continue }
                lines.append("    \(source).uses(\(destination), \"Uses\")")
            }
        }
        if !plan.containers.isEmpty {
            lines.append("")
            lines += deployment(plan, variables: variables, shared: shared)
        }
        lines.append("}")
        return lines
    }

    private func deployment(_ plan: ImportPlan, variables: [String: String], shared: Shared) -> [String] {
        var lines = ["    Deployment {"]
        for profile in plan.profiles {
            lines.append("        Profile(\(SwiftLiteral.string(profile)))")
        }
        let resources = plan.volumes.map { ("Volume", $0) } + plan.networks.map { ("Network", $0) }
        if !resources.isEmpty {
            if !plan.profiles.isEmpty { lines.append("") }
            for (type, resource) in resources {
                let settings = resource.settings
                var arguments = [SwiftLiteral.string(resource.name)]
                if let driver = settings.driver { arguments.append("driver: \(SwiftLiteral.string(driver))") }
                if !settings.driverOptions.isEmpty {
                    arguments.append("driverOptions: \(SwiftLiteral.dictionary(settings.driverOptions.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }))")
                }
                if settings.external { arguments.append("external: true") }
                if settings.internal && type == "Network" { arguments.append("internal: true") }
                if let name = settings.customName { arguments.append("customName: \(SwiftLiteral.string(name))") }
                lines += layout.lines(head: "        \(type)(", arguments, continuation: "                ")
            }
        }
        for (type, resource) in plan.secrets.map({ ("Secret", $0) }) + plan.configs.map({ ("ConfigFile", $0) }) {
            var arguments = [SwiftLiteral.string(resource.name)]
            for key in ["file", "environment", "content"] {
                if let value = resource.settings.driverOptions[key] { arguments.append("\(key): \(SwiftLiteral.string(value))") }
            }
            if resource.settings.external { arguments.append("external: true") }
            if let name = resource.settings.customName { arguments.append("customName: \(SwiftLiteral.string(name))") }
            let head = "        \(type)("
            lines += layout.lines(head: head, arguments, continuation: String(repeating: " ", count: head.count))
        }
        if !plan.profiles.isEmpty || !resources.isEmpty || !plan.secrets.isEmpty || !plan.configs.isEmpty { lines.append("") }
        for container in plan.containers {
            lines += service(container, variables: variables, shared: shared)
        }
        lines.append("    }")
        return lines
    }

    // MARK: Services

    private func service(_ container: ImportedContainer, variables: [String: String], shared: Shared) -> [String] {
        let service = container.service
        var arguments = [container.variable]
        func add(_ label: String, _ value: String?) {
            if let value { arguments.append("\(label): \(value)") }
        }
        add("image", service.image.map(SwiftLiteral.string))
        add("build", shared.builds.reference(for: container.id) ?? service.build.map(build))
        add("command", service.command.map(SwiftLiteral.string))
        if !service.ports.isEmpty { add("ports", "[" + service.ports.map(port).joined(separator: ", ") + "]") }
        add("environment", shared.environments.reference(for: container.id))
        if !service.envFiles.isEmpty { add("envFiles", SwiftLiteral.array(service.envFiles)) }
        if !service.volumes.isEmpty { add("volumes", "[" + service.volumes.map(volume).joined(separator: ", ") + "]") }
        if !service.networks.isEmpty { add("networks", SwiftLiteral.array(service.networks)) }
        add("healthcheck", service.healthcheck.map(healthcheck))
        let dependencies = service.dependsOn.compactMap { dependency in
            variables[dependency.serviceName].map { self.dependency(dependency, variable: $0) }
        }
        if !dependencies.isEmpty { add("dependsOn", "[" + dependencies.joined(separator: ", ") + "]") }
        add("restart", service.restart.map(restart))
        add("replicas", service.replicas.map(String.init))
        add("profiles", service.profiles.map(SwiftLiteral.array))
        let notes = service.notes.map { SwiftLiteral.comment("Note: \($0)", indent: "        ") }
        var lines = notes + layout.lines(head: "        Service(", arguments, continuation: "                ")
        let options = containerArguments(service.options)
        if !options.isEmpty { lines += layout.lines(head: "            .container(", options, continuation: "                       ") }
        return lines
    }

    /// The arguments of `.container(…)` for the options that are set, in the DSL's order.
    private func containerArguments(_ options: ContainerOptions) -> [String] {
        ContainerOptionField.all.compactMap { field in
            guard field.isSet(in: options) else { return nil }
            switch field.value {
            case .text(let path), .arguments(let path): return "\(field.label): \(SwiftLiteral.string(options[keyPath: path] ?? ""))"
            case .list(let path): return "\(field.label): \(SwiftLiteral.array(options[keyPath: path]))"
            case .flag(let path): return "\(field.label): \(options[keyPath: path] == true)"
            case .map(let path):
                return "\(field.label): \(SwiftLiteral.dictionary(options[keyPath: path].sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }))"
            }
        }
    }

    private func build(_ build: Build) -> String {
        if build.dockerfile == nil, build.target == nil, build.args.isEmpty { return SwiftLiteral.string(build.context) }
        return "Build(\(Self.buildArguments(build).joined(separator: ", ")))"
    }

    /// The arguments of `Build(context:dockerfile:target:args:)`.
    static func buildArguments(_ build: Build) -> [String] {
        var arguments = ["context: \(SwiftLiteral.string(build.context))"]
        if let dockerfile = build.dockerfile { arguments.append("dockerfile: \(SwiftLiteral.string(dockerfile))") }
        if let target = build.target { arguments.append("target: \(SwiftLiteral.string(target))") }
        if !build.args.isEmpty {
            arguments.append("args: \(SwiftLiteral.dictionary(build.args.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))")
        }
        return arguments
    }

    /// The short syntax when it reads back as the same port, the initialiser otherwise.
    private func port(_ port: Port) -> String {
        if Port(stringLiteral: port.description) == port { return SwiftLiteral.string(port.description) }
        var arguments: [String] = []
        if let published = port.published { arguments.append("published: \(SwiftLiteral.string(published))") }
        arguments.append("target: \(SwiftLiteral.string(port.target))")
        if let hostIP = port.hostIP { arguments.append("hostIP: \(SwiftLiteral.string(hostIP))") }
        if let proto = port.protocol { arguments.append("protocol: \(SwiftLiteral.string(proto))") }
        return "Port(\(arguments.joined(separator: ", ")))"
    }

    /// The short syntax when it reads back as the same mount, the initialiser otherwise.
    private func volume(_ mount: VolumeMount) -> String {
        if VolumeMount(stringLiteral: mount.description) == mount { return SwiftLiteral.string(mount.description) }
        let source = mount.source.map(SwiftLiteral.string) ?? "nil"
        return "VolumeMount(source: \(source), target: \(SwiftLiteral.string(mount.target))\(mount.readOnly ? ", readOnly: true" : ""))"
    }

    private func healthcheck(_ check: HealthCheck) -> String {
        var options: [String] = []
        if let interval = check.interval { options.append("interval: \(SwiftLiteral.string(interval))") }
        if let timeout = check.timeout { options.append("timeout: \(SwiftLiteral.string(timeout))") }
        if let retries = check.retries { options.append("retries: \(retries)") }
        if let startPeriod = check.startPeriod { options.append("startPeriod: \(SwiftLiteral.string(startPeriod))") }
        if check.test == ["NONE"] && options.isEmpty { return ".disabled" }
        let test: String
        switch check.test.first {
        case "CMD-SHELL" where check.test.count == 2:
            test = ".command(\(SwiftLiteral.string(check.test[1]))"
        case "CMD" where check.test.count > 1:
            test = ".exec(\(SwiftLiteral.array(Array(check.test.dropFirst())))"
        default:
            test = "HealthCheck(test: \(SwiftLiteral.array(check.test))"
        }
        return test + options.map { ", \($0)" }.joined() + ")"
    }

    private func dependency(_ dependency: ImportedDependency, variable: String) -> String {
        let name: String
        switch dependency.condition {
        case .started: name = "started"
        case .healthy: name = "healthy"
        case .completedSuccessfully: name = "completed"
        }
        guard dependency.restart || !dependency.required else { return ".\(name)(\(variable))" }
        let condition = dependency.condition == .completedSuccessfully ? "completedSuccessfully" : name
        return "Dependency(\(variable), condition: .\(condition)" + (dependency.restart ? ", restart: true" : "") + (dependency.required ? "" : ", required: false") + ")"
    }

    private func restart(_ policy: RestartPolicy) -> String {
        switch policy {
        case .no: ".no"
        case .always: ".always"
        case .onFailure: ".onFailure"
        case .unlessStopped: ".unlessStopped"
        }
    }
}
