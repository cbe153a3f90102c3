import ArchdocBasics
import ArchdocComposeFiles
import ArchdocModel
import ArchdocRenderers
import ArchitectureDescription

/// Compares the model's deployment with a compose file, field by field, after
/// normalising everything compose treats as equivalent: short and long port
/// syntax, list and map environment and `depends_on`, `image: x` and
/// `image: x:latest`, quoting, key order, anchors and `x-` extensions.
package struct ComposeDrift: Sendable {
    /// The model.
    package let model: ArchitectureModel
    /// Variables substituted into the model's values, as into the compose file's.
    package let variables: ComposeVariables
    /// The one profile compared, or `nil` for all: what runs in it on both
    /// sides (a compose service without `profiles` runs in every one).
    package let profile: String?
    /// The project folder that relative paths are relative to (the compose
    /// file's), so that `docker compose config`'s absolute paths compare equal
    /// to the model's relative ones; `nil` compares paths as written.
    package let projectDirectory: String?
    /// The variables of each env file the model's services name, by the path
    /// as written: `docker compose config` inlines them into `environment`.
    package let envFiles: [String: [String: String]]
    /// The home folder, for `~` in paths.
    package let home: String?

    /// Creates a comparison.
    package init(
        model: ArchitectureModel, variables: ComposeVariables = ComposeVariables(), profile: String? = nil, projectDirectory: String? = nil,
        envFiles: [String: [String: String]] = [:], home: String? = nil
    ) {
        self.model = model
        self.variables = variables
        self.profile = profile
        self.projectDirectory = projectDirectory
        self.envFiles = envFiles
        self.home = home
    }

    /// Every difference between the model and a (merged) compose document.
    package func findings(against document: ComposeDocument) -> [Finding] {
        let plan = ComposePlan(model: model)
        var findings: [Finding] = []
        let entries = plan.entries.filter { entry in profile.map { entry.profiles?.contains($0) ?? true } ?? true }
        let services = document.services.filter { service in
            profile.map { profile in (service.profiles?.value).map { $0.isEmpty || $0.contains(profile) } ?? true } ?? true
        }
        // By name, once: looking each entry up in the list would be quadratic.
        let byName = Dictionary(services.map { ($0.name.value, $0) }) { first, _ in first }
        for entry in entries {
            guard let service = byName[entry.name] else {
                findings.append(Finding(
                    .serviceNotInCompose, service: entry.name,
                    "service '\(entry.name)' is in the model but not in the compose file; add it or run archdoc generate",
                    file: document.path, line: document.servicesLine, model: entry.deployed.service.location))
                continue
            }
            findings += compare(entry, service, plan: plan)
        }
        findings += resourceFindings(document)
        let planned = Set(entries.map(\.name))
        for service in services where !planned.contains(service.name.value) {
            findings.append(Finding(
                .serviceNotInModel, service: service.name.value,
                "service '\(service.name.value)' is in the compose file but not in the model; add a Service to the Deployment or remove it",
                file: service.name.file, line: service.name.line, model: model.architecture.deployment?.location))
        }
        return findings
    }

    // MARK: Fields

    private func compare(_ entry: ComposePlan.Entry, _ compose: ComposeService, plan: ComposePlan) -> [Finding] {
        let deployed = entry.deployed
        let service = deployed.service
        var findings: [Finding] = []
        let name = entry.name
        func add(_ kind: Finding.Kind, _ message: String, at located: (file: String, line: Int)?) {
            let place = located ?? (compose.name.file, compose.name.line)
            findings.append(Finding(kind, service: name, message, file: place.file, line: place.line, model: service.location))
        }
        func place<T>(_ value: Located<T>?) -> (file: String, line: Int)? { value.map { ($0.file, $0.line) } }
        /// Where an entry missing from the file belongs: at its key, when the key is there.
        func key(_ name: String) -> (file: String, line: Int)? { place(compose.keys[name]) }

        // image
        let modelImage = deployed.image.map(resolve).map(Self.normalizedImage)
        let composeImage = compose.image.map { Self.normalizedImage($0.value) }
        if modelImage != composeImage {
            add(.image, "image differs: the model has \(describe(deployed.image.map(resolve))), compose has \(describe(compose.image?.value))", at: place(compose.image))
        }
        // build
        let modelBuild = service.build.map { Self.normalizedBuild($0, resolve, path: hostPath) }
        let composeBuild = compose.build.map { Self.normalizedBuild($0.value, { $0 }, path: hostPath) }
        if modelBuild != composeBuild {
            add(.build, "build differs: the model has \(describe(modelBuild?.description)), compose has \(describe(composeBuild?.description))", at: place(compose.build))
        }
        // command
        let modelCommand = deployed.command.map { ShellWords.split(resolve($0)) }
        if modelCommand != compose.command?.value {
            // A command written as a list: at the first argument that differs.
            let items = compose.commandItems
            let changed = items.indices.first { $0 >= (modelCommand?.count ?? 0) || modelCommand?[$0] != items[$0].value }
            add(.command, "command differs: the model has \(describe(modelCommand.map(ShellWords.join))), compose has \(describe(compose.command.map { ShellWords.join($0.value) }))",
                at: changed.map { place(items[$0]) } ?? place(compose.command))
        }
        // ports, paired by container port (or else by host port) so that one changed port is one finding
        var composePorts = compose.ports.map { (Self.normalizedPort($0.value, { $0 }), $0) }
        var unmatchedModelPorts: [NormalPort] = []
        for port in service.ports.map({ Self.normalizedPort($0, resolve) }) {
            if let index = composePorts.firstIndex(where: { $0.0 == port }) {
                composePorts.remove(at: index)
            } else {
                unmatchedModelPorts.append(port)
            }
        }
        for port in unmatchedModelPorts {
            if let index = composePorts.firstIndex(where: { $0.0.target == port.target && $0.0.proto == port.proto })
                ?? composePorts.firstIndex(where: { $0.0.target == port.target })
                ?? composePorts.firstIndex(where: { !port.published.isEmpty && $0.0.published == port.published && $0.0.hostIP == port.hostIP }) {
                let other = composePorts.remove(at: index)
                add(.port, "port differs: the model publishes \(port.display), compose \(other.0.display)", at: place(other.1))
            } else {
                add(.port, "port \(port.display) is in the model but not in the compose file", at: key("ports"))
            }
        }
        for (port, located) in composePorts {
            add(.port, "port \(port.display) is in the compose file but not in the model", at: place(located))
        }
        // volumes, paired by mount target
        var composeVolumes = compose.volumes.map { (Self.normalizedMount($0.value, { $0 }, path: hostPath), $0) }
        var unmatchedMounts: [NormalMount] = []
        for mount in service.volumes.map({ Self.normalizedMount($0, resolve, path: hostPath) }) {
            if let index = composeVolumes.firstIndex(where: { $0.0 == mount }) {
                composeVolumes.remove(at: index)
            } else {
                unmatchedMounts.append(mount)
            }
        }
        // A changed mount is one finding: paired by target, else by source (a moved target).
        for mount in unmatchedMounts {
            if let index = composeVolumes.firstIndex(where: { $0.0.target == mount.target })
                ?? composeVolumes.firstIndex(where: { mount.source != nil && $0.0.source == mount.source }) {
                let other = composeVolumes.remove(at: index)
                let what = other.0.target == mount.target ? "volume at \(mount.target) differs" : "volume \(mount.source ?? "") is mounted elsewhere"
                add(.volume, "\(what): the model mounts \(mount), compose \(other.0)", at: place(other.1))
            } else {
                add(.volume, "volume \(mount) is in the model but not in the compose file", at: key("volumes"))
            }
        }
        for (mount, located) in composeVolumes {
            add(.volume, "volume \(mount) is in the compose file but not in the model", at: place(located))
        }
        // networks
        let modelNetworks = Set(service.networks.filter { $0 != "default" })
        for network in compose.networks where network.value != "default" && !modelNetworks.contains(network.value) {
            add(.network, "network '\(network.value)' is in the compose file but not in the model", at: place(network))
        }
        for network in modelNetworks.sorted() where !compose.networks.contains(where: { $0.value == network }) {
            add(.network, "network '\(network)' is in the model but not in the compose file", at: key("networks"))
        }
        // A variant answers to its container's name, or `<id>:<port>` URLs stop resolving.
        if let alias = entry.alias {
            for network in service.networks.isEmpty ? ["default"] : service.networks
            where !(compose.networkAliases[network]?.value.contains(alias) ?? false) {
                add(.network, "the variant '\(name)' needs the alias '\(alias)' on network '\(network)', or URLs to \(alias) stop resolving in its profiles; run archdoc generate",
                    at: place(compose.networkAliases[network]) ?? key("networks"))
            }
        }
        // profiles
        let modelProfiles = Set(entry.profiles ?? [])
        let composeProfiles = Set(compose.profiles?.value ?? [])
        if modelProfiles != composeProfiles {
            add(.profiles, "profiles differ: the model has \(list(modelProfiles)), compose has \(list(composeProfiles))", at: place(compose.profiles))
        }
        // restart
        let modelRestart = service.restart?.rawValue ?? "no"
        let composeRestart = compose.restart?.value ?? "no"
        if modelRestart != composeRestart {
            add(.restart, "restart policy differs: the model has '\(modelRestart)', compose has '\(composeRestart)'", at: place(compose.restart))
        }
        // replicas
        let modelReplicas = deployed.replicas ?? 1, composeReplicas = compose.replicas?.value ?? 1
        if modelReplicas != composeReplicas {
            add(.replicas, "replicas differ: the model has \(modelReplicas), compose has \(composeReplicas)", at: place(compose.replicas))
        }
        // depends_on
        let modelDependencies = plan.dependencies(of: entry)
        for dependency in modelDependencies {
            let condition = dependency.dependency.condition.rawValue
            guard let other = compose.dependsOn.first(where: { $0.value.service == dependency.service }) else {
                add(.dependsOn, "depends_on '\(dependency.service)' (\(condition)) is in the model but not in the compose file", at: key("depends_on"))
                continue
            }
            if other.value.condition != condition {
                add(.dependsOn, "depends_on '\(dependency.service)' has condition \(condition) in the model, \(other.value.condition) in compose", at: place(other))
            } else if other.value.required != dependency.required {
                add(.dependsOn, "depends_on '\(dependency.service)' is \(dependency.required ? "required" : "optional (required: false)") in the model, \(other.value.required ? "required" : "optional") in compose", at: place(other))
            }
        }
        // What compose itself adds for `links` and `network_mode: service:x` (as `docker compose config` writes it).
        var implied = Set(service.options.links.map { String($0.split(separator: ":").first ?? "") })
        if let mode = service.options.networkMode, mode.hasPrefix("service:") { implied.insert(String(mode.dropFirst("service:".count))) }
        for other in compose.dependsOn where !modelDependencies.contains(where: { $0.service == other.value.service }) {
            if implied.contains(other.value.service) && other.value.condition == "service_started" { continue }
            add(.dependsOn, "depends_on '\(other.value.service)' is in the compose file but not in the model", at: place(other))
        }
        // environment
        let modelEnvironment = deployed.environment.mapValues(resolve)
        for variable in modelEnvironment.keys.sorted() {
            guard let other = compose.environment[variable] else {
                add(.environment, "environment variable \(variable) is in the model but not in the compose file", at: key("environment"))
                continue
            }
            if let value = other.value, value != modelEnvironment[variable] {
                add(.environment, "environment variable \(variable) differs: the model has \(describe(modelEnvironment[variable])), compose has \(describe(value))", at: place(other))
            }
        }
        // `docker compose config` writes the env files' variables into `environment`.
        var fromEnvFiles: [String: String] = [:]
        for file in service.envFiles { fromEnvFiles.merge(envFiles[file] ?? [:]) { _, later in later } }
        for key in compose.environment.keys.sorted() where modelEnvironment[key] == nil {
            if let value = fromEnvFiles[key], compose.environment[key]?.value == value { continue }
            add(.environment, "environment variable \(key) is in the compose file but not in the model", at: place(compose.environment[key]))
        }
        // healthcheck
        switch (service.healthcheck, compose.healthcheck) {
        case (.some, nil):
            add(.healthcheck, "a health check is in the model but not in the compose file", at: nil)
        case (nil, .some(let other)):
            add(.healthcheck, "a health check is in the compose file but not in the model", at: place(other))
        case (.some(let mine), .some(let other)) where mine.test.map(resolve) != other.value.test:
            add(.healthcheck, "health check test differs: the model has \(describe(mine.test.joined(separator: " "))), compose has \(describe(other.value.test.joined(separator: " ")))",
                at: place(compose.healthcheckTest) ?? place(other))
        default:
            break
        }
        compareOptions(service.options, compose, add: add)
        return findings
    }

    /// The top-level volumes and networks the model declares, setting by
    /// setting, where the file declares them too (a missing one is compose's
    /// own error, at `docker compose config`).
    private func resourceFindings(_ document: ComposeDocument) -> [Finding] {
        guard let deployment = model.architecture.deployment else { return [] }
        var findings: [Finding] = []
        let project = document.name?.value ?? ComposeRenderer.projectName(model.architecture.name)
        /// `mine` as written in the model; its variables are resolved here, once. For a secret or
        /// config, the `file` in the driver options is a host path on both sides.
        func compare(_ kind: Finding.Kind, _ what: String, _ name: String, _ written: ComposeResource, _ declared: [Located<String>: ComposeResource], model location: SourceLocation) {
            guard let (key, found) = declared.first(where: { $0.key.value == name }) else { return }
            var theirs = found
            var mine = written
            mine.driver = written.driver.map(resolve)
            mine.driverOptions = written.driverOptions.mapValues(resolve)
            mine.customName = written.customName.map(resolve)
            if kind == .containerOption {
                mine.driverOptions["file"] = mine.driverOptions["file"].map(hostPath)
                theirs.driverOptions["file"] = theirs.driverOptions["file"].map(hostPath)
            }
            var differences: [String] = []
            func differ<T: Equatable>(_ label: String, _ a: T, _ b: T, _ show: (T) -> String) {
                if a != b { differences.append("\(label): the model has \(show(a)), compose has \(show(b))") }
            }
            differ("driver", mine.driver, theirs.driver) { $0.map { "'\($0)'" } ?? "the default" }
            differ(kind == .containerOption ? "source (file, environment or content)" : "driver_opts", mine.driverOptions, theirs.driverOptions) { $0.isEmpty ? "none" : $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") }
            differ("external", mine.external, theirs.external) { "\($0)" }
            differ("internal", mine.internal, theirs.internal) { "\($0)" }
            // The name on the engine: `docker compose config` writes the default one out (`<project>_<key>`, or the key of an external one).
            func engineName(_ resource: ComposeResource) -> String { resource.customName ?? (resource.external ? name : "\(project)_\(name)") }
            // (A changed `external` changes the default name too: one finding, not two.)
            if mine.external == theirs.external {
                differ("name", engineName(mine), engineName(theirs)) { "'\($0)'" }
            }
            for difference in differences {
                findings.append(Finding(kind, "\(what) '\(name)' \(difference)", file: key.file.isEmpty ? document.path : key.file, line: key.line, model: location))
            }
        }
        for volume in deployment.volumes {
            var mine = ComposeResource(driver: volume.driver)
            (mine.driverOptions, mine.external, mine.customName) = (volume.driverOptions, volume.external, volume.customName)
            compare(.volume, "volume", volume.name, mine, document.volumes, model: volume.location)
        }
        // Secrets and configs: where their content comes from.
        func fileResource(file: String?, environment: String?, content: String?, external: Bool, customName: String?) -> ComposeResource {
            var mine = ComposeResource()
            (mine.external, mine.customName) = (external, customName)
            mine.driverOptions = ["file": file, "environment": environment, "content": content].compactMapValues { $0 }
            return mine
        }
        for secret in deployment.secrets {
            let mine = fileResource(file: secret.file, environment: secret.environment, content: nil, external: secret.external, customName: secret.customName)
            compare(.containerOption, "secret", secret.name, mine, document.secrets, model: secret.location)
        }
        for config in deployment.configs {
            let mine = fileResource(file: config.file, environment: config.environment, content: config.content, external: config.external, customName: config.customName)
            compare(.containerOption, "config", config.name, mine, document.configs, model: config.location)
        }
        for network in deployment.networks {
            var mine = ComposeResource(driver: network.driver)
            (mine.driverOptions, mine.external, mine.internal, mine.customName) = (network.driverOptions, network.external, network.internal, network.customName)
            compare(.network, "network", network.name, mine, document.networks, model: network.location)
        }
        return findings
    }

    /// The container's options, field by field (``ContainerOptionField``): a
    /// value at its line; a list item or map key at the item's line, an item
    /// changed in place as one finding.
    private func compareOptions(
        _ mine: ContainerOptions, _ compose: ComposeService, add: (Finding.Kind, String, (file: String, line: Int)?) -> Void
    ) {
        let theirs = compose.options
        for field in ContainerOptionField.all {
            let key = field.key
            let place = compose.optionPlaces[key]
            let at = place.map { ($0.file, $0.line) }
            func itemPlace(_ item: String) -> (file: String, line: Int)? {
                guard let place, let line = place.value[item] else { return at }
                return (place.file, line)
            }
            switch field.value {
            case .text(let path):
                let model = mine[keyPath: path].map(resolve), other = theirs[keyPath: path]
                if model.map(field.normalized) != other.map(field.normalized) {
                    add(.containerOption, "\(key) differs: the model has \(describe(model)), compose has \(describe(other))", at)
                }
            case .arguments(let path):
                let model = mine[keyPath: path].map { ShellWords.split(resolve($0)) }, other = theirs[keyPath: path].map(ShellWords.split)
                if model != other {
                    add(.containerOption, "\(key) differs: the model has \(describe(model.map(ShellWords.join))), compose has \(describe(other.map(ShellWords.join)))", at)
                }
            case .flag(let path):
                let model = mine[keyPath: path] ?? false, other = theirs[keyPath: path] ?? false
                if model != other { add(.containerOption, "\(key) differs: the model has \(model), compose has \(other)", at) }
            case .map(let path):
                let model = mine[keyPath: path].mapValues(resolve), other = theirs[keyPath: path]
                for name in model.keys.sorted() where model[name] != other[name] {
                    if let value = other[name] {
                        add(.containerOption, "\(key) \(name) differs: the model has \(describe(model[name])), compose has \(describe(value))", itemPlace(name))
                    } else {
                        add(.containerOption, "\(key) \(name) is in the model but not in the compose file", at)
                    }
                }
                for name in other.keys.sorted() where model[name] == nil {
                    add(.containerOption, "\(key) \(name) is in the compose file but not in the model", itemPlace(name))
                }
            case .list(let path):
                let normal = { (item: String) in key == "extra_hosts" ? ContainerOptionField.normalizedExtraHost(item) : item }
                var missing = mine[keyPath: path].map { normal(resolve($0)) }
                var extra: [String] = []
                for item in theirs[keyPath: path] {
                    if let index = missing.firstIndex(of: item) { missing.remove(at: index) } else { extra.append(item) }
                }
                // An item changed in place is one finding, at the changed line.
                while !missing.isEmpty && !extra.isEmpty {
                    let model = missing.removeFirst(), other = extra.removeFirst()
                    add(.containerOption, "\(key) entry differs: the model has '\(model)', compose has '\(other)'", itemPlace(other))
                }
                for item in missing { add(.containerOption, "\(key) '\(item)' is in the model but not in the compose file", at) }
                for item in extra { add(.containerOption, "\(key) '\(item)' is in the compose file but not in the model", itemPlace(item)) }
            }
        }
    }

    private func resolve(_ text: String) -> String { variables.interpolate(text) }

    private func describe(_ text: String?) -> String { text.map { "'\($0)'" } ?? "none" }

    private func list(_ values: Set<String>) -> String { values.isEmpty ? "none (every profile)" : values.sorted().joined(separator: ", ") }

    // MARK: Normal forms

    /// `postgres` → `postgres:latest`; `docker.io/library/x` → `x`.
    static func normalizedImage(_ image: String) -> String {
        var name = image
        for prefix in ["docker.io/library/", "index.docker.io/library/", "docker.io/"] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            break
        }
        let lastComponent = name.split(separator: "/").last ?? Substring(name)
        if !lastComponent.contains(":") && !name.contains("@") { name += ":latest" }
        return name
    }

    struct NormalBuild: Equatable, CustomStringConvertible {
        var context: String
        var dockerfile: String
        var target: String?
        var description: String { "context \(context), \(dockerfile)\(target.map { ", target \($0)" } ?? "")" }
    }

    static func normalizedBuild(_ build: Build, _ resolve: (String) -> String, path: (String) -> String = normalizedPath) -> NormalBuild {
        NormalBuild(context: path(resolve(build.context)), dockerfile: build.dockerfile.map(resolve) ?? "Dockerfile", target: build.target.map(resolve))
    }

    /// A path on the host as compose resolves it: `~` is the home folder, and
    /// a path in the project folder, absolute or relative, is written relative to it.
    func hostPath(_ path: String) -> String {
        var path = path
        if let home, path == "~" || path.hasPrefix("~/") { path = home + path.dropFirst() }
        guard let projectDirectory else { return Self.normalizedPath(path) }
        let root = ComposeProject.standardized(projectDirectory)
        let absolute = ComposeProject.standardized(path.hasPrefix("/") ? path : root + "/" + path)
        if absolute == root { return "." }
        return absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : Self.normalizedPath(path)
    }


    /// `./backend/` → `backend`; `.` and `./` → `.`.
    static func normalizedPath(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") { result.removeFirst(2) }
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result.isEmpty ? "." : result
    }

    struct NormalPort: Equatable {
        var hostIP: String
        var published: String
        var target: String
        var proto: String
        var display: String {
            [hostIP.isEmpty ? nil : hostIP, published.isEmpty ? nil : published, target].compactMap { $0 }.joined(separator: ":") + "/\(proto)"
        }
    }

    static func normalizedPort(_ port: Port, _ resolve: (String) -> String) -> NormalPort {
        let ip = port.hostIP.map(resolve) ?? ""
        return NormalPort(
            hostIP: ip == "0.0.0.0" ? "" : ip, published: port.published.map(resolve) ?? "", target: resolve(port.target),
            proto: port.protocol.map(resolve)?.lowercased() ?? "tcp")
    }

    struct NormalMount: Equatable, CustomStringConvertible {
        var source: String?
        var target: String
        var readOnly: Bool
        var description: String { "'" + [source, target].compactMap { $0 }.joined(separator: ":") + (readOnly ? ":ro" : "") + "'" }
    }

    static func normalizedMount(_ mount: VolumeMount, _ resolve: (String) -> String, path: (String) -> String = normalizedPath) -> NormalMount {
        let source = mount.source.map(resolve).map { mount.isNamedVolume ? $0 : path($0) }
        return NormalMount(source: source, target: normalizedPath(resolve(mount.target)), readOnly: mount.readOnly)
    }
}
