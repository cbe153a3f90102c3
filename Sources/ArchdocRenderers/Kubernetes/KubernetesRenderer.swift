import ArchdocBasics
import ArchdocModel
import ArchitectureDescription

/// The Kubernetes manifests of every environment that runs on Kubernetes, as
/// a kustomize layout: `<path>/base/` with a file per workload, and
/// `<path>/overlays/<environment>/kustomization.yaml` with the namespace,
/// the replicas and what the environment leaves out. The mapping follows
/// kompose's: a Deployment per container, a StatefulSet for one that owns a
/// named volume, a Service for its ports, a ConfigMap for its plain
/// environment, Secret references for secrets and `${VAR}`, probes from the
/// health check, and a Job for a container others wait for to complete.
package struct KubernetesRenderer: Sendable {
    /// Something the manifests cannot say, at the model's line.
    package struct Warning: Sendable, Equatable {
        package var message: String
        package var location: SourceLocation
    }

    /// The files and the warnings.
    package struct Output: Sendable {
        package var files: [GeneratedFile]
        package var warnings: [Warning]
    }

    let model: ArchitectureModel

    /// Creates a renderer for a model.
    package init(model: ArchitectureModel) {
        self.model = model
    }

    /// Every file of the layout; none when no environment runs on Kubernetes.
    package func render() -> Output {
        let environments = model.kubernetesEnvironments
        guard let first = environments.first else { return Output(files: [], warnings: []) }
        let path = first.settings.path
        var warnings: [Warning] = []
        // The base holds every workload any environment runs, with the first environment's settings.
        var base: [String: DeployedService] = [:]
        var baseSettings: [String: Kubernetes] = [:]
        var order: [String] = []
        for environment in environments {
            for service in environment.services where base[service.name] == nil {
                base[service.name] = service
                baseSettings[service.name] = environment.settings
                order.append(service.name)
            }
        }
        let completedTargets = Self.jobs(in: model)
        for environment in environments { warnings += Self.renamedHosts(in: environment) }
        var files: [GeneratedFile] = []
        var resources: [String] = []
        for name in order {
            guard let service = base[name] else { continue }
            let workload = Workload(service: service, model: model, settings: baseSettings[name] ?? first.settings, isJob: completedTargets.contains(name))
            let (text, problems) = workload.manifests()
            warnings += problems.map { Warning(message: "service \(name.quoted): \($0)", location: service.service.location) }
            let file = "\(Workload.resourceName(name)).yaml"
            resources.append(file)
            files.append(GeneratedFile(path: "\(path)/base/\(file)", contents: Self.header(model) + text))
        }
        files.append(GeneratedFile(path: "\(path)/base/kustomization.yaml", contents: Self.header(model) + ComposeYAML.serialize(ComposeYAML.mapping([
            ("apiVersion", ComposeYAML.string("kustomize.config.k8s.io/v1beta1")),
            ("kind", ComposeYAML.string("Kustomization")),
            ("resources", ComposeYAML.sequence(resources.map(ComposeYAML.string))),
        ]))))
        for kubernetes in environments {
            let (environment, namespace, settings) = (kubernetes.environment, kubernetes.namespace, kubernetes.settings)
            let runs = Set(kubernetes.services.map(\.name))
            var root: [(String, YAMLNode)] = [
                ("apiVersion", ComposeYAML.string("kustomize.config.k8s.io/v1beta1")),
                ("kind", ComposeYAML.string("Kustomization")),
                ("namespace", ComposeYAML.string(namespace)),
                ("resources", ComposeYAML.sequence([ComposeYAML.string("../../base")])),
            ]
            let replicas = kubernetes.services.filter { !completedTargets.contains($0.name) }.map { service in
                (Workload.resourceName(service.name), kubernetes.replicas(of: service))
            }
            if !replicas.isEmpty {
                root.append(("replicas", ComposeYAML.sequence(replicas.map { name, count in
                    ComposeYAML.mapping([("name", ComposeYAML.string(name)), ("count", ComposeYAML.integer(count))])
                })))
            }
            // What the base has and this environment does not run is deleted here;
            // what it runs otherwise (image, arguments, resources, environment) is patched.
            var patches = order.filter { !runs.contains($0) }.flatMap { name in
                base[name].map { Workload(service: $0, model: model, settings: baseSettings[name] ?? settings, isJob: completedTargets.contains(name)).deletePatches() } ?? []
            }
            for service in kubernetes.services {
                guard let baseService = base[service.name], let baseSettings = baseSettings[service.name] else { continue }
                let isJob = completedTargets.contains(service.name)
                let here = Workload(service: service, model: model, settings: settings, isJob: isJob)
                let there = Workload(service: baseService, model: model, settings: baseSettings, isJob: isJob)
                let (found, problems) = here.patches(over: there)
                patches += found
                warnings += problems.map { Warning(message: "service \(service.name.quoted) in \(environment.id.quoted): \($0)", location: service.service.location) }
            }
            if !patches.isEmpty { root.append(("patches", ComposeYAML.sequence(patches))) }
            // The routes of a reverse proxy become the environment's Ingress: its host is the environment's.
            let routes = kubernetes.services.flatMap(\.service.routes).filter { runs.contains($0.containerID) }
            if let ingress = settings.ingress, !routes.isEmpty {
                root[3] = ("resources", ComposeYAML.sequence([ComposeYAML.string("../../base"), ComposeYAML.string("ingress.yaml")]))
                files.append(GeneratedFile(path: "\(path)/overlays/\(environment.id)/ingress.yaml",
                                           contents: Self.header(model) + ComposeYAML.serialize(Self.ingress(ingress, routes: routes, model: model))))
            }
            files.append(GeneratedFile(path: "\(path)/overlays/\(environment.id)/kustomization.yaml",
                                       contents: Self.header(model) + ComposeYAML.serialize(ComposeYAML.mapping(root))))
        }
        return Output(files: files, warnings: warnings)
    }

    /// An Ingress for `host` with a rule per route: `/api/*` is the prefix `/api`.
    static func ingress(_ ingress: Kubernetes.Ingress, routes: [Route], model: ArchitectureModel) -> YAMLNode {
        let paths = routes.map { route -> YAMLNode in
            var prefix = route.path.hasSuffix("/*") ? String(route.path.dropLast(2)) : route.path
            if prefix.isEmpty { prefix = "/" }
            let port = route.port ?? model.services.first { $0.service.containerID == route.containerID }?.service.ports.first.flatMap { Int($0.target) } ?? 80
            return ComposeYAML.mapping([
                ("path", ComposeYAML.string(prefix)), ("pathType", ComposeYAML.string("Prefix")),
                ("backend", ComposeYAML.mapping([("service", ComposeYAML.mapping([
                    ("name", ComposeYAML.string(Workload.resourceName(route.containerID))),
                    ("port", ComposeYAML.mapping([("number", ComposeYAML.integer(port))])),
                ]))])),
            ])
        }
        var spec: [(String, YAMLNode)] = []
        if let className = ingress.className { spec.append(("ingressClassName", ComposeYAML.string(className))) }
        if let secret = ingress.tlsSecret {
            spec.append(("tls", ComposeYAML.sequence([ComposeYAML.mapping([
                ("hosts", ComposeYAML.sequence([ComposeYAML.string(ingress.host)])), ("secretName", ComposeYAML.string(secret)),
            ])])))
        }
        spec.append(("rules", ComposeYAML.sequence([ComposeYAML.mapping([
            ("host", ComposeYAML.string(ingress.host)),
            ("http", ComposeYAML.mapping([("paths", ComposeYAML.sequence(paths))])),
        ])])))
        let project = Workload.resourceName(ComposeRenderer.projectName(model.architecture.name))
        return ComposeYAML.mapping([
            ("apiVersion", ComposeYAML.string("networking.k8s.io/v1")), ("kind", ComposeYAML.string("Ingress")),
            ("metadata", ComposeYAML.mapping([("name", ComposeYAML.string(project)), ("labels", ComposeYAML.mapping([
                ("app.kubernetes.io/part-of", ComposeYAML.string(project)), ("app.kubernetes.io/managed-by", ComposeYAML.string("archdoc")),
            ]))])),
            ("spec", ComposeYAML.mapping(spec)),
        ])
    }

    /// Compose names a service's host by the service (`redis_server`); in the
    /// cluster its Service has a DNS name (`redis-server`). A value that still
    /// names the compose host would not resolve there: said at the service's line.
    static func renamedHosts(in kubernetes: KubernetesEnvironment) -> [Warning] {
        let services = kubernetes.services
        let renamed = Dictionary(services.filter { Workload.resourceName($0.name) != $0.name }.map { ($0.name, $0) }) { first, _ in first }
        guard !renamed.isEmpty else { return [] }
        // The hosts each value names, once: `scheme://host:port/…`, `host:port`, or the host alone.
        var users: [String: [String]] = [:]
        for service in services {
            for (key, value) in kubernetes.environment(of: service) {
                for host in Self.hosts(in: value) where renamed[host] != nil {
                    users[host, default: []].append("\(service.name).\(key)")
                }
            }
        }
        return services.compactMap { service in
            guard let names = users[service.name] else { return nil }
            let name = Workload.resourceName(service.name)
            return Warning(message: "service \(service.name.quoted) is the Service \(name.quoted) in the cluster, but \(names.sorted().joined(separator: ", ")) name the host \(service.name.quoted); "
                + "set them in the environment's Kubernetes(environment:) to name \(name.quoted), or rename the service", location: service.service.location)
        }
    }

    /// The host names a value may name: after `//` or `@`, or before a `:`, up to the next `:`, `/`, `@` or `?`.
    static func hosts(in value: String) -> Set<String> {
        var hosts: Set<String> = [value]
        for part in value.split(whereSeparator: { "/@?,; ".contains($0) }) {
            if let host = part.split(separator: ":").first, !host.isEmpty { hosts.insert(String(host)) }
        }
        return hosts
    }

    /// The containers others wait for to complete: they run as Jobs.
    static func jobs(in model: ArchitectureModel) -> Set<String> {
        Set(model.services.flatMap { $0.service.dependsOn.filter { $0.condition == .completedSuccessfully }.map(\.containerID) })
    }

    static func header(_ model: ArchitectureModel) -> String {
        ComposeYAML.comment("Generated by archdoc from the architecture model (\(model.architecture.name)).")
            + ComposeYAML.comment("Do not edit: change the model and run `archdoc generate`.")
    }
}
