import ArchitectureDescription

/// `depends_on` must not form a cycle: compose could never start such services.
struct DependencyCycleRule: ValidationRule {
    static let name = "dependency-cycle"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        var edges: [String: [Dependency]] = [:]
        for placed in model.services where edges[placed.service.containerID] == nil {
            edges[placed.service.containerID] = placed.service.dependsOn
        }
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []
        var diagnostics: [Diagnostic] = []

        func visit(_ name: String) {
            marks[name] = .visiting
            stack.append(name)
            for dependency in edges[name] ?? [] {
                let next = dependency.containerID
                switch marks[next] {
                case .visiting:
                    let cycle = stack[stack.lastIndex(of: next)!...] + [next]
                    diagnostics.append(error(
                        "services depend on each other in a cycle: \(cycle.joined(separator: " -> ")); remove one of these dependencies",
                        at: dependency.location))
                case .done:
                    break
                case nil:
                    if edges[next] != nil { visit(next) }
                }
            }
            stack.removeLast()
            marks[name] = .done
        }
        for placed in model.services where marks[placed.service.containerID] == nil {
            visit(placed.service.containerID)
        }
        return diagnostics
    }
}

/// A dependency must run in every profile its dependent runs in; compose
/// refuses to start a service whose dependency is not in the active profiles.
struct DeployedDependencyRule: ValidationRule {
    static let name = "dependency-not-deployed"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        guard model.declaresProfiles else { return [] }
        var diagnostics: [Diagnostic] = []
        let allServices = Set(model.services.map(\.service.containerID))
        for profile in model.profiles {
            let deployed = model.deployedServices(in: profile.id)
            let running = Set(deployed.map(\.name))
            for service in deployed {
                for dependency in service.service.dependsOn
                where dependency.required && allServices.contains(dependency.containerID) && !running.contains(dependency.containerID) {
                    diagnostics.append(error(
                        "service \(service.name.quoted) runs in profile \(profile.id.quoted) and depends on \(dependency.containerID.quoted), which does not; add \(profile.id.quoted) to the profiles of \(dependency.containerID.quoted)",
                        at: dependency.location))
                }
            }
        }
        return diagnostics
    }
}

/// Two services that run in the same profile cannot publish the same host port.
struct PortConflictRule: ValidationRule {
    static let name = "port-conflict"

    /// A published port and who publishes it (not the whole service: bindings
    /// are copied into every candidate list they are compared from).
    private struct Binding {
        var containerID: String
        var location: SourceLocation
        var port: Port
        var range: ClosedRange<Int>
    }

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for profile in model.profiles {
            // Bindings by host port, so each new binding is compared only with
            // those on the same ports (linear, not quadratic, in the services).
            var byPort: [Int: [Binding]] = [:]
            var wide: [Binding] = []  // ranges too wide to index port by port
            let indexLimit = 4096
            for deployed in model.deployedServices(in: profile.id) {
                for port in deployed.service.ports {
                    guard let published = port.published, let range = Self.portRange(published) else { continue }
                    let binding = Binding(containerID: deployed.name, location: deployed.service.location, port: port, range: range)
                    let candidates = wide + (range.count <= indexLimit ? range.flatMap { byPort[$0] ?? [] } : byPort.values.flatMap { $0 })
                    if let clash = candidates.first(where: { Self.clash($0, binding) }) {
                        let key = "\(clash.containerID)|\(deployed.name)|\(published)"
                        if reported.insert(key).inserted {
                            let scope = model.declaresProfiles ? " in profile \(profile.id.quoted)" : ""
                            diagnostics.append(error(
                                "service \(deployed.name.quoted) publishes host port \(published), which service \(clash.containerID.quoted) (\(clash.location.shortDescription)) already publishes\(scope); choose another host port",
                                at: deployed.service.location))
                        }
                    }
                    if range.count <= indexLimit {
                        for number in range { byPort[number, default: []].append(binding) }
                    } else {
                        wide.append(binding)
                    }
                }
            }
        }
        return diagnostics
    }

    /// `8000` or `8000-8010`.
    static func portRange(_ text: String) -> ClosedRange<Int>? {
        // "8080" or "8000-8010", split on the byte rather than on Characters.
        let bounds = text.utf8.split(separator: UInt8(ascii: "-")).map { Int(Substring($0)) }
        guard let first = bounds.first ?? nil else { return nil }
        let last = bounds.count == 2 ? bounds[1] ?? first : first
        return first <= last ? first...last : nil
    }

    private static func clash(_ a: Binding, _ b: Binding) -> Bool {
        let anyAddress: Set<String?> = [nil, "0.0.0.0", "", "::", "[::]"]
        let sameAddress = anyAddress.contains(a.port.hostIP) || anyAddress.contains(b.port.hostIP) || a.port.hostIP == b.port.hostIP
        return sameAddress && (a.port.protocol ?? "tcp") == (b.port.protocol ?? "tcp") && a.range.overlaps(b.range)
    }
}

/// Descriptions and technologies make diagrams readable; their absence is a warning.
struct DocumentationRule: ValidationRule {
    static let name = "missing-documentation"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        model.elements.flatMap { element -> [Diagnostic] in
            switch element {
            case .person(let person) where person.description == nil:
                [warning("person \(person.id.quoted) has no description; add `description: \"…\"`", at: person.location)]
            case .softwareSystem(let system) where system.description == nil:
                [warning("software system \(system.id.quoted) has no description; add `description: \"…\"`", at: system.location)]
            case .container(let container, _):
                (container.description == nil
                    ? [warning("container \(container.id.quoted) has no description; add `description: \"…\"`", at: container.location)] : [])
                + (container.technology == nil
                    ? [warning("container \(container.id.quoted) has no technology; add `technology: \"…\"`", at: container.location)] : [])
            default:
                []
            }
        }
    }
}

/// A service whose settings differ per profile becomes one compose service
/// per variant; variants that mount the same named volume would share its
/// data when two of those profiles run at once (`--profile dev --profile prod`).
struct VariantVolumeRule: ValidationRule {
    static let name = "shared-variant-volume"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        guard model.declaresProfiles else { return [] }
        var diagnostics: [Diagnostic] = []
        let running = model.profiles.map { profile in Set(model.deployedServices(in: profile.id).map(\.name)) }
        for placed in model.services {
            let service = placed.service
            let volumes = service.volumes.filter(\.isNamedVolume).compactMap(\.source)
            guard !volumes.isEmpty else { continue }
            let profiles = zip(model.profiles, running).filter { $0.1.contains(service.containerID) }.map(\.0.id)
            let variants = DeployedService.variantProfiles(of: placed, runningIn: profiles)
            guard variants.count > 1 else { continue }
            let names = variants.map { ([service.containerID] + $0).joined(separator: "-").quoted }
            diagnostics.append(warning(
                "service \(service.containerID.quoted) differs per profile, so compose runs it as \(names.joined(separator: " and ")), and they mount the same named volume \(volumes.map(\.quoted).joined(separator: ", ")): "
                    + "run with two of those profiles at once and both write its data; run one of them at a time, or declare a service per profile with a volume of its own",
                at: service.location))
        }
        return diagnostics
    }
}

/// A service reads only secrets and configs the deployment declares; compose refuses others.
struct KnownSecretsRule: ValidationRule {
    static let name = "unknown-secret"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        let secrets = Set(model.architecture.deployment?.secrets.map(\.name) ?? [])
        let configs = Set(model.architecture.deployment?.configs.map(\.name) ?? [])
        return model.services.flatMap { placed in
            let reads = placed.service.options.secrets.map { ("secret", "Secret", $0, secrets) } + placed.service.options.configs.map { ("config", "ConfigFile", $0, configs) }
            return reads.compactMap { what, type, item, declared -> Diagnostic? in
                let name = String(item.split(separator: ":", maxSplits: 1).first ?? "")
                guard !declared.contains(name) else { return nil }
                return error("service \(placed.service.containerID.quoted) reads the \(what) \(name.quoted), which the deployment does not declare; add \(type)(\(name.quoted), file: \"…\") to the Deployment",
                             at: placed.service.location)
            }
        }
    }
}
