import ArchitectureDescription

/// An environment that runs on Kubernetes, with what it runs there: the
/// manifests, its deployment view and chapter 7 all read it from here.
package struct KubernetesEnvironment: Sendable {
    /// The environment.
    package let environment: Environment
    /// The namespace it runs in.
    package let namespace: String
    /// Its settings: the environment's, or the defaults.
    package let settings: Kubernetes
    /// The services that run in the cluster, as deployed in the environment's profile.
    package let services: [DeployedService]
    /// The services of that profile that run outside the cluster.
    package let outside: [DeployedService]

    /// A service's environment in the cluster: its profile's, with the environment's values over it.
    package func environment(of service: DeployedService) -> [String: String] {
        service.environment.merging(settings.environment[service.name] ?? [:]) { _, cluster in cluster }
    }

    /// The replicas a service runs with: the environment's, else its profile's, else 1.
    package func replicas(of service: DeployedService) -> Int {
        settings.replicas[service.name] ?? service.replicas ?? 1
    }
}

extension ArchitectureModel {
    /// The environments that run on Kubernetes, in declaration order.
    package var kubernetesEnvironments: [KubernetesEnvironment] {
        architecture.environments.compactMap { environment in
            guard case .kubernetes(_, let namespace, _) = environment.runtime else { return nil }
            let settings = environment.kubernetes ?? Kubernetes()
            let deployed = deployedServices(in: settings.profile ?? profiles.first?.id ?? "default")
            return KubernetesEnvironment(
                environment: environment, namespace: namespace, settings: settings,
                services: deployed.filter { !settings.outside.contains($0.name) }, outside: deployed.filter { settings.outside.contains($0.name) })
        }
    }
}
