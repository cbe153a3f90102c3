import ArchdocBasics
import ArchdocModel
import ArchitectureDescription

/// The manifests of one deployed container: its ConfigMap, its workload
/// (Deployment, StatefulSet or Job), its Service and its claims, as one
/// file of YAML documents.
struct Workload {
    let service: DeployedService
    let model: ArchitectureModel
    let settings: Kubernetes
    /// Whether others wait for it to complete (`.completed`): a migrator runs
    /// once per release as a Job, not in every replica's start as an initContainer.
    let isJob: Bool

    /// A DNS-1123 name: lower case, `_` and other characters as `-`.
    static func resourceName(_ id: String) -> String {
        var name = ""
        for scalar in id.lowercased().unicodeScalars {
            name += scalar.isASCIIAlphanumeric ? String(scalar) : "-"
        }
        return name.trimmingDashes()
    }

    var name: String { Self.resourceName(service.name) }
    var project: String { Self.resourceName(ComposeRenderer.projectName(model.architecture.name)) }

    /// The named volumes it mounts that no other service mounts: a StatefulSet's claims.
    var ownedVolumes: [VolumeMount] {
        service.service.volumes.filter { mount in
            mount.isNamedVolume && !model.services.contains { $0.service.containerID != service.name && $0.service.volumes.contains { $0.source == mount.source } }
        }
    }

    var kind: String { isJob ? "Job" : (ownedVolumes.isEmpty ? "Deployment" : "StatefulSet") }

    private var labels: YAMLNode {
        ComposeYAML.mapping([
            ("app.kubernetes.io/name", ComposeYAML.string(name)),
            ("app.kubernetes.io/part-of", ComposeYAML.string(project)),
            ("app.kubernetes.io/component", ComposeYAML.string(component)),
            ("app.kubernetes.io/managed-by", ComposeYAML.string("archdoc")),
        ])
    }

    private var selector: YAMLNode {
        ComposeYAML.mapping([("app.kubernetes.io/name", ComposeYAML.string(name)), ("app.kubernetes.io/part-of", ComposeYAML.string(project))])
    }

    private var component: String {
        guard case .container(let container, _) = model.element(service.name) else { return "service" }
        switch container.kind {
        case .database: return "database"
        case .queue: return "queue"
        case .objectStore: return "storage"
        case .webApp: return "web"
        case .service: return isJob ? "job" : "service"
        }
    }

    private func metadata(_ name: String) -> YAMLNode {
        ComposeYAML.mapping([("name", ComposeYAML.string(name)), ("labels", labels)])
    }

    /// The variables marked secret in the configuration, with the Secret each comes from in this environment.
    var secretVariables: Set<String> {
        Set((model.architecture.configuration?.variables ?? []).filter(\.isSecret).map(\.name))
    }

    func secretName(for variable: String) -> String {
        let sources = model.architecture.configuration?.variables.first { $0.name == variable }?.sources ?? []
        for source in sources {
            if case .kubernetesSecret(let name) = source.kind { return name }
        }
        return settings.secretName ?? "\(project)-secrets"
    }

    /// The workload, its Service and its ConfigMap, and what could not be carried over.
    func manifests() -> (text: String, warnings: [String]) {
        var warnings: [String] = []
        var documents: [YAMLNode] = []
        let environment = service.environment.merging(settings.environment[service.name] ?? [:]) { _, cluster in cluster }.sorted { $0.key < $1.key }
        // Plain values go to a ConfigMap; secrets and `${VAR}` are read from a Secret by name.
        let plain = environment.filter { !secretVariables.contains($0.key) && !$0.value.contains("${") }
        let fromSecrets = environment.filter { secretVariables.contains($0.key) || $0.value.contains("${") }
        if !plain.isEmpty {
            documents.append(ComposeYAML.mapping([
                ("apiVersion", ComposeYAML.string("v1")), ("kind", ComposeYAML.string("ConfigMap")),
                ("metadata", metadata("\(name)-env")),
                ("data", ComposeYAML.mapping(plain.map { ($0.key, ComposeYAML.quoted($0.value)) })),
            ]))
        }
        var container: [(String, YAMLNode)] = [("name", ComposeYAML.string(name))]
        let image = settings.images[service.name] ?? service.image
        if let image {
            container.append(("image", ComposeYAML.string(image)))
        } else {
            container.append(("image", ComposeYAML.string("\(project)/\(name):latest")))
            warnings.append("only builds its image; the manifests use '\(project)/\(name):latest'; name the pushed image in the environment's Kubernetes(images:)")
        }
        if let command = service.command {
            container.append(("args", ComposeYAML.sequence(ShellWords.split(command).map(ComposeYAML.quoted))))
        }
        let ports = service.service.ports.compactMap { Int($0.target) }
        if !ports.isEmpty {
            container.append(("ports", ComposeYAML.sequence(service.service.ports.compactMap { port in
                Int(port.target).map { ComposeYAML.mapping([("containerPort", ComposeYAML.integer($0)), ("protocol", ComposeYAML.string((port.protocol ?? "tcp").uppercased()))]) }
            })))
        }
        if !plain.isEmpty {
            container.append(("envFrom", ComposeYAML.sequence([ComposeYAML.mapping([("configMapRef", ComposeYAML.mapping([("name", ComposeYAML.string("\(name)-env"))]))])])))
        }
        if !fromSecrets.isEmpty {
            container.append(("env", ComposeYAML.sequence(fromSecrets.map { key, value in
                // `${OTHER}` names the variable it stands for; a secret is its own key.
                let secretKey = Self.variable(in: value) ?? key
                return ComposeYAML.mapping([
                    ("name", ComposeYAML.string(key)),
                    ("valueFrom", ComposeYAML.mapping([("secretKeyRef", ComposeYAML.mapping([
                        ("name", ComposeYAML.string(secretName(for: secretKey))), ("key", ComposeYAML.string(secretKey)),
                    ]))])),
                ])
            })))
        }
        if let check = service.service.healthcheck, !isJob {
            if let probe = probe(check) {
                container.append(("readinessProbe", probe))
                container.append(("livenessProbe", probe))
            } else {
                warnings.append("its health check \(check.test.joined(separator: " ").quoted) has no probe form; the manifests have no probes")
            }
        }
        if let resources = settings.resources[service.name] {
            var parts: [(String, YAMLNode)] = []
            let requests = [("cpu", resources.cpu), ("memory", resources.memory)].compactMap { key, value in value.map { (key, ComposeYAML.quoted($0)) } }
            let limits = [("cpu", resources.cpuLimit), ("memory", resources.memoryLimit)].compactMap { key, value in value.map { (key, ComposeYAML.quoted($0)) } }
            if !requests.isEmpty { parts.append(("requests", ComposeYAML.mapping(requests))) }
            if !limits.isEmpty { parts.append(("limits", ComposeYAML.mapping(limits))) }
            if !parts.isEmpty { container.append(("resources", ComposeYAML.mapping(parts))) }
        }
        var mounts: [YAMLNode] = []
        var volumes: [YAMLNode] = []
        let owned = ownedVolumes
        for mount in service.service.volumes {
            guard mount.isNamedVolume, let source = mount.source else {
                warnings.append("the bind mount \(mount.description.quoted) has no place in a cluster; it is left out (use a ConfigMap or a volume)")
                continue
            }
            let volume = Self.resourceName(source)
            mounts.append(ComposeYAML.mapping([("name", ComposeYAML.string(volume)), ("mountPath", ComposeYAML.string(mount.target))]
                + (mount.readOnly ? [("readOnly", ComposeYAML.boolean(true))] : [])))
            if !owned.contains(mount) || isJob {
                volumes.append(ComposeYAML.mapping([("name", ComposeYAML.string(volume)),
                                                    ("persistentVolumeClaim", ComposeYAML.mapping([("claimName", ComposeYAML.string(volume))]))]))
                if owned.contains(mount) { documents.append(claim(volume, standalone: true)) }
            }
        }
        if !mounts.isEmpty { container.append(("volumeMounts", ComposeYAML.sequence(mounts))) }

        var pod: [(String, YAMLNode)] = []
        if let secret = settings.imagePullSecret {
            pod.append(("imagePullSecrets", ComposeYAML.sequence([ComposeYAML.mapping([("name", ComposeYAML.string(secret))])])))
        }
        pod.append(("containers", ComposeYAML.sequence([ComposeYAML.mapping(container)])))
        if isJob { pod.append(("restartPolicy", ComposeYAML.string("OnFailure"))) }
        if !volumes.isEmpty { pod.append(("volumes", ComposeYAML.sequence(volumes))) }
        let template = ComposeYAML.mapping([("metadata", ComposeYAML.mapping([("labels", labels)])), ("spec", ComposeYAML.mapping(pod))])
        var spec: [(String, YAMLNode)] = []
        if isJob {
            spec = [("backoffLimit", ComposeYAML.integer(3)), ("template", template)]
        } else {
            spec = [("replicas", ComposeYAML.integer(1)), ("selector", ComposeYAML.mapping([("matchLabels", selector)]))]
            if kind == "StatefulSet" { spec.append(("serviceName", ComposeYAML.string(name))) }
            spec.append(("template", template))
            if kind == "StatefulSet" {
                spec.append(("volumeClaimTemplates", ComposeYAML.sequence(owned.compactMap(\.source).map { claim(Self.resourceName($0), standalone: false) })))
            }
        }
        documents.append(ComposeYAML.mapping([
            ("apiVersion", ComposeYAML.string(isJob ? "batch/v1" : "apps/v1")), ("kind", ComposeYAML.string(kind)),
            ("metadata", metadata(name)), ("spec", ComposeYAML.mapping(spec)),
        ]))
        if !ports.isEmpty, !isJob {
            documents.append(ComposeYAML.mapping([
                ("apiVersion", ComposeYAML.string("v1")), ("kind", ComposeYAML.string("Service")),
                ("metadata", metadata(name)),
                ("spec", ComposeYAML.mapping([
                    ("type", ComposeYAML.string(settings.serviceType.rawValue)),
                    ("selector", selector),
                    ("ports", ComposeYAML.sequence(service.service.ports.compactMap { port -> YAMLNode? in
                        guard let target = Int(port.target) else { return nil }
                        let published = port.published.flatMap { Int($0) } ?? target
                        return ComposeYAML.mapping([
                            ("name", ComposeYAML.string("\((port.protocol ?? "tcp").lowercased())-\(target)")),
                            ("port", ComposeYAML.integer(published)), ("targetPort", ComposeYAML.integer(target)),
                            ("protocol", ComposeYAML.string((port.protocol ?? "tcp").uppercased())),
                        ])
                    })),
                ])),
            ]))
        }
        return (documents.map(ComposeYAML.serialize).joined(separator: "---\n"), warnings)
    }

    /// A claim of `settings.storage`: a PersistentVolumeClaim, or a StatefulSet's claim template.
    private func claim(_ volume: String, standalone: Bool) -> YAMLNode {
        var spec: [(String, YAMLNode)] = [
            ("accessModes", ComposeYAML.sequence([ComposeYAML.string("ReadWriteOnce")])),
            ("resources", ComposeYAML.mapping([("requests", ComposeYAML.mapping([("storage", ComposeYAML.string(settings.storage.size))]))])),
        ]
        if let storageClass = settings.storage.storageClass { spec.append(("storageClassName", ComposeYAML.string(storageClass))) }
        let metadata = standalone ? self.metadata(volume) : ComposeYAML.mapping([("name", ComposeYAML.string(volume))])
        return ComposeYAML.mapping((standalone ? [("apiVersion", ComposeYAML.string("v1")), ("kind", ComposeYAML.string("PersistentVolumeClaim"))] : [])
            + [("metadata", metadata), ("spec", ComposeYAML.mapping(spec))])
    }

    /// The exec command of a health check: `CMD` stays as it is, `CMD-SHELL` runs in `sh -c`.
    func probeCommand(_ check: HealthCheck) -> [String]? {
        guard let first = check.test.first else { return nil }
        let command: [String]
        switch first {
        case "CMD": command = Array(check.test.dropFirst())
        case "CMD-SHELL": command = ["sh", "-c", check.test.dropFirst().joined(separator: " ")]
        default: return nil
        }
        return command.isEmpty ? nil : command
    }

    /// A probe from a health check, with its timing: `httpGet` for an HTTP check, else exec.
    private func probe(_ check: HealthCheck) -> YAMLNode? {
        var probe: [(String, YAMLNode)]
        if let http = check.http {
            probe = [("httpGet", ComposeYAML.mapping([("path", ComposeYAML.string(http.path)), ("port", ComposeYAML.integer(http.port))]))]
        } else if let command = probeCommand(check) {
            probe = [("exec", ComposeYAML.mapping([("command", ComposeYAML.sequence(command.map(ComposeYAML.quoted)))]))]
        } else {
            return nil
        }
        if let seconds = check.interval.flatMap(Self.seconds) { probe.append(("periodSeconds", ComposeYAML.integer(seconds))) }
        if let seconds = check.timeout.flatMap(Self.seconds) { probe.append(("timeoutSeconds", ComposeYAML.integer(seconds))) }
        if let retries = check.retries { probe.append(("failureThreshold", ComposeYAML.integer(max(1, retries)))) }
        if let seconds = check.startPeriod.flatMap(Self.seconds) { probe.append(("initialDelaySeconds", ComposeYAML.integer(seconds))) }
        return ComposeYAML.mapping(probe)
    }

    /// Whole seconds of a compose duration (`5s`, `1m30s`), at least 1.
    static func seconds(_ text: String) -> Int? {
        TimeSpan(stringLiteral: text).seconds.map { max(1, $0) }
    }

    /// `OTHER` of a value that is exactly `${OTHER}` or `${OTHER:-default}`.
    static func variable(in value: String) -> String? {
        guard value.hasPrefix("${"), value.hasSuffix("}") else { return nil }
        let inner = value.dropFirst(2).dropLast()
        let name = inner.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    /// The overlay patches that turn `base` (the same service as the base has it)
    /// into this workload: its container's image, arguments, resources and Secret
    /// references, and its ConfigMap's values; and what a patch cannot say.
    func patches(over base: Workload) -> (patches: [YAMLNode], warnings: [String]) {
        let mine = expectation(replicas: 1), theirs = base.expectation(replicas: 1)
        var container: [(String, YAMLNode)] = [("name", ComposeYAML.string(name))]
        if mine.image != theirs.image { container.append(("image", ComposeYAML.string(mine.image))) }
        if mine.args != theirs.args { container.append(("args", ComposeYAML.sequence((mine.args ?? []).map(ComposeYAML.quoted)))) }
        if mine.resources != theirs.resources {
            var parts: [(String, YAMLNode)] = []
            for section in ["requests", "limits"] {
                let values = mine.resources.filter { $0.key.hasPrefix(section + ".") }.sorted { $0.key < $1.key }
                    .map { (String($0.key.dropFirst(section.count + 1)), ComposeYAML.quoted($0.value)) }
                if !values.isEmpty { parts.append((section, ComposeYAML.mapping(values))) }
            }
            container.append(("resources", ComposeYAML.mapping(parts)))
        }
        let secrets = mine.secretEnvironment.filter { theirs.secretEnvironment[$0.key] != $0.value }.sorted { $0.key < $1.key }
        if !secrets.isEmpty {
            container.append(("env", ComposeYAML.sequence(secrets.map { key, reference in
                let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
                return ComposeYAML.mapping([
                    ("name", ComposeYAML.string(key)),
                    ("valueFrom", ComposeYAML.mapping([("secretKeyRef", ComposeYAML.mapping([("name", ComposeYAML.string(parts[0])), ("key", ComposeYAML.string(parts[1]))]))])),
                ])
            })))
        }
        var patches: [YAMLNode] = []
        var warnings: [String] = []
        if container.count > 1 {
            let body = ComposeYAML.mapping([
                ("apiVersion", ComposeYAML.string(isJob ? "batch/v1" : "apps/v1")), ("kind", ComposeYAML.string(kind)),
                ("metadata", ComposeYAML.mapping([("name", ComposeYAML.string(name))])),
                ("spec", ComposeYAML.mapping([("template", ComposeYAML.mapping([("spec", ComposeYAML.mapping([
                    ("containers", ComposeYAML.sequence([ComposeYAML.mapping(container)])),
                ]))]))])),
            ])
            patches.append(ComposeYAML.mapping([("target", ComposeYAML.mapping([("kind", ComposeYAML.string(kind)), ("name", ComposeYAML.string(name))])),
                                                ("patch", ComposeYAML.quoted(ComposeYAML.serialize(body)))]))
        }
        let values = mine.plainEnvironment.filter { theirs.plainEnvironment[$0.key] != $0.value }.sorted { $0.key < $1.key }
        if !values.isEmpty {
            if theirs.plainEnvironment.isEmpty {
                warnings.append("has plain environment values here and none in the base's workload; the overlay cannot add its ConfigMap")
            } else {
                let body = ComposeYAML.mapping([
                    ("apiVersion", ComposeYAML.string("v1")), ("kind", ComposeYAML.string("ConfigMap")),
                    ("metadata", ComposeYAML.mapping([("name", ComposeYAML.string("\(name)-env"))])),
                    ("data", ComposeYAML.mapping(values.map { ($0.key, ComposeYAML.quoted($0.value)) })),
                ])
                patches.append(ComposeYAML.mapping([("target", ComposeYAML.mapping([("kind", ComposeYAML.string("ConfigMap")), ("name", ComposeYAML.string("\(name)-env"))])),
                                                    ("patch", ComposeYAML.quoted(ComposeYAML.serialize(body)))]))
            }
        }
        if Set(theirs.plainEnvironment.keys).subtracting(mine.plainEnvironment.keys).isEmpty == false {
            warnings.append("leaves out environment values the base's workload sets; the overlay keeps them")
        }
        return (patches, warnings)
    }

    /// The patches that delete this workload and what belongs to it (its
    /// ConfigMap and Service) from the base, for an environment that does not run it.
    func deletePatches() -> [YAMLNode] {
        let expected = expectation(replicas: 1)
        var targets = [(kind, isJob ? "batch/v1" : "apps/v1", name)]
        if !expected.plainEnvironment.isEmpty { targets.append(("ConfigMap", "v1", "\(name)-env")) }
        if !expected.servicePorts.isEmpty { targets.append(("Service", "v1", name)) }
        return targets.map { kind, apiVersion, name in
            ComposeYAML.mapping([("target", ComposeYAML.mapping([("kind", ComposeYAML.string(kind)), ("name", ComposeYAML.string(name))])),
                                 ("patch", ComposeYAML.quoted("$patch: delete\napiVersion: \(apiVersion)\nkind: \(kind)\nmetadata:\n  name: \(name)\n"))])
        }
    }
}

extension String {
    func trimmingDashes() -> String {
        var text = Substring(self)
        while text.hasPrefix("-") { text = text.dropFirst() }
        while text.hasSuffix("-") { text = text.dropLast() }
        return String(text)
    }
}
