import ArchdocManifestFiles
import ArchdocModel
import ArchdocRenderers
import ArchitectureDescription

/// Compares an environment's Kubernetes manifests with the model: a workload
/// on one side only or of another kind, its image, replicas, arguments,
/// container ports, Service ports, environment (keys, ConfigMap values,
/// Secret references), probes, resources and volume mounts. Equivalent forms
/// are not drift: key order, quoting, `x` and `x:latest`, `1000m` and `1`,
/// `1Gi` and `1024Mi`, a `List` or separate documents, and (with `-k`) a
/// kustomize patch or the rendered result.
package struct ManifestDrift: Sendable {
    let expected: [ExpectedWorkload]

    /// Creates a comparison with the manifests of one environment on Kubernetes.
    package init(model: ArchitectureModel, environment: KubernetesEnvironment) {
        expected = KubernetesRenderer(model: model).expectedWorkloads(of: environment)
    }

    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "Job", "DaemonSet", "ReplicaSet"]

    /// The differences, each at the line of `locate(resource, field)` when it
    /// finds the source of a rendered value, else at the resource's own line.
    package func findings(
        against resources: [ManifestResource],
        locate: (ManifestResource, (ManifestResource) -> ManifestValue?) -> (file: String, line: Int)? = { _, _ in nil }
    ) -> [Finding] {
        var findings: [Finding] = []
        let workloads = resources.filter { Self.workloadKinds.contains($0.kind) }
        // Looked up by name: a scan per workload would make a large cluster's check quadratic.
        let workloadsByName = Dictionary(workloads.map { ($0.name, $0) }) { first, _ in first }
        let index = Dictionary(resources.map { ("\($0.kind)/\($0.name)", $0) }) { first, _ in first }
        func place(_ resource: ManifestResource, _ field: @escaping (ManifestResource) -> ManifestValue?) -> (String, Int) {
            if let found = locate(resource, field) { return found }
            return (resource.file, field(resource)?.line ?? resource.line)
        }
        let names = Set(expected.map(\.name))
        // A workload missing and one the model does not know, of the same kind: taken for one renamed.
        var unknown = workloads.filter { !names.contains($0.name) }
        for workload in expected {
            guard let actual = workloadsByName[workload.name] else {
                if let index = unknown.firstIndex(where: { $0.kind == workload.kind }) {
                    let other = unknown.remove(at: index)
                    findings.append(Finding(.workloadNotInManifests, service: workload.name,
                                            "the model's \(workload.kind) \(workload.name.quoted) is not in the manifests, which have \(other.name.quoted) in its place",
                                            file: other.file, line: other.content["metadata"]?["name"]?.line ?? other.line, model: workload.location))
                } else {
                    findings.append(Finding(.workloadNotInManifests, service: workload.name,
                                            "the model's \(workload.kind) \(workload.name.quoted) is not in the manifests", model: workload.location))
                }
                continue
            }
            func add(_ kind: Finding.Kind, _ message: String, _ field: @escaping (ManifestResource) -> ManifestValue?) {
                let (file, line) = place(actual, field)
                findings.append(Finding(kind, service: workload.name, message, file: file, line: line, model: workload.location))
            }
            if actual.kind != workload.kind {
                add(.workloadKind, "\(workload.name.quoted) is a \(actual.kind) in the manifests; the model makes it a \(workload.kind)") { $0.content["kind"] }
            }
            let container = { (resource: ManifestResource) in Self.container(of: resource, named: workload.name) }
            let image = container(actual)?["image"]?.string ?? ""
            if Self.normalisedImage(image) != Self.normalisedImage(workload.image) {
                add(.image, "image differs: the model has \(workload.image.quoted), the manifests \(image.quoted)") { container($0)?["image"] }
            }
            if let replicas = workload.replicas {
                let found = actual.content["spec"]?["replicas"]?.string.flatMap(Self.integer) ?? 1
                if found != replicas {
                    add(.replicas, "replicas differ: the model has \(replicas), the manifests \(found)") { $0.content["spec"]?["replicas"] }
                }
            }
            let args = container(actual)?["args"]?.items.compactMap(\.string)
            if (args ?? []) != (workload.args ?? []) {
                add(.command, "arguments differ: the model has \(Self.words(workload.args)), the manifests \(Self.words(args))") { container($0)?["args"] ?? container($0) }
            }
            let ports = Set((container(actual)?["ports"]?.items ?? []).compactMap { $0["containerPort"]?.string.flatMap(Self.integer) })
            if ports != workload.containerPorts {
                add(.port, "container ports differ: the model has \(Self.list(workload.containerPorts)), the manifests \(Self.list(ports))") { container($0)?["ports"] ?? container($0) }
            }
            findings += serviceFindings(workload, actual: actual, index: index, place: place)
            findings += environmentFindings(workload, actual: actual, index: index, container: container, place: place)
            let probeValue = container(actual)?["readinessProbe"] ?? container(actual)?["livenessProbe"]
            let probe = probeValue?["exec"]?["command"]?.items.compactMap(\.string)
                ?? probeValue?["httpGet"].map { ["httpGet", $0["path"]?.string ?? "/", $0["port"]?.string.flatMap(Self.integer).map(String.init) ?? ($0["port"]?.string ?? "")] }
            if probe != workload.probe {
                add(.healthcheck, "the probe differs: the model has \(Self.words(workload.probe)), the manifests \(Self.words(probe))") {
                    let probe = container($0)?["readinessProbe"] ?? container($0)?["livenessProbe"]
                    return probe?["exec"]?["command"] ?? probe?["httpGet"] ?? probe ?? container($0)
                }
            }
            var resourcesFound: [String: String] = [:]
            for section in ["requests", "limits"] {
                for (key, value) in container(actual)?["resources"]?[section]?.pairs ?? [] {
                    if let text = value.string { resourcesFound["\(section).\(key)"] = text }
                }
            }
            for key in Set(resourcesFound.keys).union(workload.resources.keys).sorted() where !Self.sameQuantity(resourcesFound[key], workload.resources[key]) {
                let parts = key.split(separator: ".").map(String.init)
                add(.resources, "\(key) differs: the model has \(workload.resources[key] ?? "none"), the manifests \(resourcesFound[key] ?? "none")") {
                    container($0)?["resources"]?[parts[0]]?[parts[1]] ?? container($0)?["resources"]?[parts[0]] ?? container($0)?["resources"] ?? container($0)
                }
            }
            let mounts = Set((container(actual)?["volumeMounts"]?.items ?? []).compactMap { $0["mountPath"]?.string })
            if mounts != workload.mountPaths {
                add(.volume, "volume mounts differ: the model mounts \(Self.list(workload.mountPaths)), the manifests \(Self.list(mounts))") {
                    container($0)?["volumeMounts"] ?? container($0)
                }
            }
        }
        for workload in unknown {
            findings.append(Finding(.workloadNotInModel, service: workload.name,
                                    "the manifests have the \(workload.kind) \(workload.name.quoted), which the model's environment does not run",
                                    file: workload.file, line: workload.content["metadata"]?["name"]?.line ?? workload.line))
        }
        return findings
    }

    private func serviceFindings(
        _ workload: ExpectedWorkload, actual: ManifestResource, index: [String: ManifestResource],
        place: (ManifestResource, @escaping (ManifestResource) -> ManifestValue?) -> (String, Int)
    ) -> [Finding] {
        let service = index["Service/\(workload.name)"]
        guard let service else {
            guard !workload.servicePorts.isEmpty else { return [] }
            let (file, line) = place(actual) { $0.content["metadata"]?["name"] }
            return [Finding(.servicePort, service: workload.name,
                            "the manifests have no Service \(workload.name.quoted) for the ports \(Self.list(Set(workload.servicePorts.map(\.port))))",
                            file: file, line: line, model: workload.location)]
        }
        let ports = Set((service.content["spec"]?["ports"]?.items ?? []).compactMap { port -> ExpectedWorkload.ServicePort? in
            guard let number = port["port"]?.string.flatMap(Self.integer) else { return nil }
            let target = port["targetPort"]?.string.flatMap(Self.integer) ?? number
            return .init(port: number, targetPort: target, protocol: (port["protocol"]?.string ?? "TCP").uppercased())
        })
        guard ports != workload.servicePorts else { return [] }
        let (file, line) = place(service) { $0.content["spec"]?["ports"] }
        let describe = { (ports: Set<ExpectedWorkload.ServicePort>) in
            ports.isEmpty ? "none" : ports.map { "\($0.port)→\($0.targetPort)/\($0.protocol)" }.sorted().joined(separator: ", ")
        }
        return [Finding(.servicePort, service: workload.name, "Service ports differ: the model has \(describe(workload.servicePorts)), the manifests \(describe(ports))",
                        file: file, line: line, model: workload.location)]
    }

    private func environmentFindings(
        _ workload: ExpectedWorkload, actual: ManifestResource, index: [String: ManifestResource],
        container: @escaping (ManifestResource) -> ManifestValue?, place: (ManifestResource, @escaping (ManifestResource) -> ManifestValue?) -> (String, Int)
    ) -> [Finding] {
        var plain: [String: (value: String, resource: ManifestResource, key: String)] = [:]
        var secret: [String: String] = [:]
        for source in container(actual)?["envFrom"]?.items ?? [] {
            guard let name = source["configMapRef"]?["name"]?.string, let map = index["ConfigMap/\(name)"] else { continue }
            for (key, value) in map.content["data"]?.pairs ?? [] { plain[key] = (value.string ?? "", map, key) }
        }
        for entry in container(actual)?["env"]?.items ?? [] {
            guard let key = entry["name"]?.string else { continue }
            if let value = entry["value"]?.string {
                plain[key] = (value, actual, key)
            } else if let reference = entry["valueFrom"]?["secretKeyRef"], let name = reference["name"]?.string, let secretKey = reference["key"]?.string {
                secret[key] = "\(name)/\(secretKey)"
            }
        }
        var findings: [Finding] = []
        let expectedKeys = Set(workload.plainEnvironment.keys).union(workload.secretEnvironment.keys)
        let actualKeys = Set(plain.keys).union(secret.keys)
        let envField: (ManifestResource) -> ManifestValue? = { container($0)?["env"] ?? container($0)?["envFrom"] ?? container($0) }
        for key in expectedKeys.subtracting(actualKeys).sorted() {
            let (file, line) = place(actual, envField)
            findings.append(Finding(.environment, service: workload.name, "the variable \(key.quoted) of the model is not set in the manifests", file: file, line: line, model: workload.location))
        }
        for key in actualKeys.subtracting(expectedKeys).sorted() {
            let (file, line) = plain[key].map { found in place(found.resource) { $0.content["data"]?[found.key] ?? envField($0) } } ?? place(actual, envField)
            findings.append(Finding(.environment, service: workload.name, "the manifests set the variable \(key.quoted), which the model does not", file: file, line: line, model: workload.location))
        }
        for (key, value) in workload.plainEnvironment.sorted(by: { $0.key < $1.key }) {
            guard let found = plain[key], found.value != value else { continue }
            let (file, line) = place(found.resource) { $0.content["data"]?[found.key] ?? envField($0) }
            findings.append(Finding(.environment, service: workload.name, "\(key.quoted) differs: the model has \(value.quoted), the manifests \(found.value.quoted)",
                                    file: file, line: line, model: workload.location))
        }
        for (key, reference) in workload.secretEnvironment.sorted(by: { $0.key < $1.key }) {
            if let found = secret[key], found != reference {
                let (file, line) = place(actual, envField)
                findings.append(Finding(.environment, service: workload.name, "\(key.quoted) comes from the Secret key \(found.quoted); the model reads \(reference.quoted)",
                                        file: file, line: line, model: workload.location))
            } else if secret[key] == nil, plain[key] != nil {
                let (file, line) = place(plain[key]!.resource) { $0.content["data"]?[key] ?? envField($0) }
                findings.append(Finding(.environment, service: workload.name, "\(key.quoted) is a plain value in the manifests; the model reads it from the Secret key \(reference.quoted)",
                                        file: file, line: line, model: workload.location))
            }
        }
        return findings
    }

    /// The container of a workload: the one named like it, else the first.
    static func container(of resource: ManifestResource, named name: String) -> ManifestValue? {
        let containers = resource.content["spec"]?["template"]?["spec"]?["containers"]?.items ?? []
        return containers.first { $0["name"]?.string == name } ?? containers.first
    }

    /// A YAML integer: decimal, `0x` hexadecimal or `0o` octal, with an optional sign.
    static func integer(_ text: String) -> Int? {
        let body = text.hasPrefix("+") ? String(text.dropFirst()) : text
        if body.hasPrefix("0x") { return Int(body.dropFirst(2), radix: 16) }
        if body.hasPrefix("0o") { return Int(body.dropFirst(2), radix: 8) }
        return Int(body)
    }

    /// `x` and `x:latest` are one image; a digest or a tag is kept.
    static func normalisedImage(_ image: String) -> String {
        if image.contains("@") { return image }
        let last = image.split(separator: "/").last ?? ""
        return last.contains(":") ? image : image + ":latest"
    }

    /// Whether two quantities are equal: `1000m` = `1` = `1.0`, `1Gi` = `1024Mi`, `1G` = `1000M`.
    static func sameQuantity(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == b }
        guard let x = quantity(a), let y = quantity(b) else { return a == b }
        return abs(x - y) < 1e-9 * max(1, abs(x))
    }

    static func quantity(_ text: String) -> Double? {
        let suffixes: [(String, Double)] = [("Ki", 1_024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                            ("m", 0.001), ("k", 1_000), ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000)]
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }

    static func words(_ words: [String]?) -> String {
        guard let words, !words.isEmpty else { return "none" }
        return words.joined(separator: " ").quoted
    }

    static func list(_ numbers: Set<some Comparable & CustomStringConvertible>) -> String {
        numbers.isEmpty ? "none" : numbers.sorted().map(\.description).joined(separator: ", ")
    }
}
