import ArchdocBasics
import ArchdocModel
import ArchitectureDescription

/// What the manifests of one workload say, as `check` compares them: the
/// facts the renderer writes, without their YAML form.
package struct ExpectedWorkload: Sendable, Equatable {
    /// A Service port: the port, the container's port and the protocol.
    package struct ServicePort: Sendable, Hashable {
        package var port: Int
        package var targetPort: Int
        package var `protocol`: String

        /// A Service port.
        package init(port: Int, targetPort: Int, protocol: String) {
            self.port = port
            self.targetPort = targetPort
            self.protocol = `protocol`
        }
    }

    /// `Deployment`, `StatefulSet` or `Job`.
    package var kind: String
    /// The resource name.
    package var name: String
    package var image: String
    /// `nil` for a Job.
    package var replicas: Int?
    package var args: [String]?
    package var containerPorts: Set<Int>
    /// Empty when the workload has no Service.
    package var servicePorts: Set<ServicePort>
    /// Plain environment values, from the ConfigMap.
    package var plainEnvironment: [String: String]
    /// Variables read from a Secret: the variable and `secret/key`.
    package var secretEnvironment: [String: String]
    /// The probe's exec command, or `httpGet`, the path and the port; `nil` for none.
    package var probe: [String]?
    /// `requests.cpu`, `limits.memory` and so on, as written in the model.
    package var resources: [String: String]
    /// The mount paths.
    package var mountPaths: Set<String>
    /// Where the service is declared.
    package var location: SourceLocation
}

extension KubernetesRenderer {
    /// The workloads an environment on Kubernetes runs, as its manifests state them.
    package func expectedWorkloads(of kubernetes: KubernetesEnvironment) -> [ExpectedWorkload] {
        let jobs = Self.jobs(in: model)
        return kubernetes.services.map { service in
            Workload(service: service, model: model, settings: kubernetes.settings, isJob: jobs.contains(service.name))
                .expectation(replicas: kubernetes.replicas(of: service))
        }
    }

    /// A resource name as the manifests write it: `fastapi_server` → `fastapi-server`.
    package static func resourceName(_ id: String) -> String { Workload.resourceName(id) }
}

extension Workload {
    func expectation(replicas: Int) -> ExpectedWorkload {
        let environment = service.environment.merging(settings.environment[service.name] ?? [:]) { _, cluster in cluster }
        let plain = environment.filter { !secretVariables.contains($0.key) && !$0.value.contains("${") }
        let secret = environment.filter { secretVariables.contains($0.key) || $0.value.contains("${") }.reduce(into: [String: String]()) { result, pair in
            let key = Self.variable(in: pair.value) ?? pair.key
            result[pair.key] = "\(secretName(for: key))/\(key)"
        }
        var resources: [String: String] = [:]
        if let declared = settings.resources[service.name] {
            for (key, value) in [("requests.cpu", declared.cpu), ("requests.memory", declared.memory), ("limits.cpu", declared.cpuLimit), ("limits.memory", declared.memoryLimit)] {
                if let value { resources[key] = value }
            }
        }
        let ports = Set(service.service.ports.compactMap { Int($0.target) })
        let servicePorts = isJob ? [] : Set(service.service.ports.compactMap { port -> ExpectedWorkload.ServicePort? in
            guard let target = Int(port.target) else { return nil }
            return .init(port: port.published.flatMap { Int($0) } ?? target, targetPort: target, protocol: (port.protocol ?? "tcp").uppercased())
        })
        return ExpectedWorkload(
            kind: kind, name: Self.resourceName(service.name), image: settings.images[service.name] ?? service.image ?? "\(project)/\(Self.resourceName(service.name)):latest",
            replicas: isJob ? nil : replicas, args: service.command.map(ShellWords.split), containerPorts: ports, servicePorts: servicePorts,
            plainEnvironment: plain, secretEnvironment: secret, probe: isJob ? nil : service.service.healthcheck.flatMap { check in check.http.map { ["httpGet", $0.path, String($0.port)] } ?? probeCommand(check) },
            resources: resources, mountPaths: Set(service.service.volumes.filter(\.isNamedVolume).map(\.target)), location: service.service.location)
    }
}
