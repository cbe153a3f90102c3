import ArchdocModel
import ArchitectureDescription

/// One way a service differs between the deployment's profiles.
package struct DeploymentDifference: Sendable, Equatable {
    /// What differs.
    package enum Aspect: Sendable, Equatable {
        /// The service runs in some profiles only; a value is `"runs"` in the
        /// profiles it runs in and `nil` in the others.
        case presence
        /// The command (`nil`: the image's default).
        case command
        /// The image (`nil`: none, the service is built).
        case image
        /// The replica count (`nil`: compose's default of one).
        case replicas
        /// The technology shown for the instance.
        case technology
        /// One environment variable (`nil`: not set).
        case environment(variable: String)
    }

    /// The value of the aspect in one profile.
    package struct Value: Sendable, Equatable {
        /// The profile's id.
        package var profileID: String
        /// The value; `nil` when unset (or, for ``Aspect/presence``, when the
        /// service does not run in the profile).
        package var value: String?

        /// Creates a value.
        package init(profileID: String, value: String?) {
            self.profileID = profileID
            self.value = value
        }
    }

    /// The service's name (its container's id).
    package var serviceName: String
    /// What differs.
    package var aspect: Aspect
    /// The values, one per profile in declaration order; for every aspect but
    /// ``Aspect/presence``, only the profiles the service runs in.
    package var values: [Value]

    /// Creates a difference.
    package init(serviceName: String, aspect: Aspect, values: [Value]) {
        self.serviceName = serviceName
        self.aspect = aspect
        self.values = values
    }
}

/// Computes how services differ between the declared profiles: which run in
/// some profiles only, and which have a different command, image, replica
/// count, technology or environment variable.
package enum DeploymentDifferences {
    /// Every difference, by service in declaration order, then presence,
    /// command, image, replicas, technology and environment variables by name.
    /// Empty unless the deployment declares at least two profiles.
    package static func compute(_ model: ArchitectureModel) -> [DeploymentDifference] {
        guard model.declaresProfiles, model.profiles.count >= 2 else { return [] }
        let profiles = model.profiles
        var differences: [DeploymentDifference] = []
        var seen: Set<String> = []
        for placed in model.services where seen.insert(placed.service.containerID).inserted {
            let name = placed.service.containerID
            let running = profiles.compactMap { profile -> ResolvedService? in
                guard ResolvedService.runs(placed.service, in: profile.id, model: model) else { return nil }
                return ResolvedService(DeployedService(placed: placed, profileID: profile.id))
            }
            if running.count != profiles.count {
                let ids = Set(running.map(\.profileID))
                differences.append(DeploymentDifference(
                    serviceName: name, aspect: .presence,
                    values: profiles.map { .init(profileID: $0.id, value: ids.contains($0.id) ? "runs" : nil) }))
            }
            // Without profile settings, a service is the same wherever it runs.
            guard running.count >= 2, !placed.service.profileSettings.isEmpty else { continue }
            func compare(_ aspect: DeploymentDifference.Aspect, _ value: (ResolvedService) -> String?) {
                let first = value(running[0])
                guard running.dropFirst().contains(where: { value($0) != first }) else { return }
                differences.append(DeploymentDifference(
                    serviceName: name, aspect: aspect, values: running.map { .init(profileID: $0.profileID, value: value($0)) }))
            }
            compare(.command) { $0.command }
            compare(.image) { $0.image }
            compare(.replicas) { $0.replicas.map(String.init) }
            // Without overrides, every profile shows the container's technology.
            if placed.service.profileSettings.contains(where: { $0.technology != nil }) {
                let technology: String? = if case .container(let container, _) = model.element(name) { container.technology } else { nil }
                compare(.technology) { $0.technology ?? technology }
            }
            let environments = running.map(\.environment)
            if environments.dropFirst().contains(where: { $0 != environments[0] }) {
                for variable in Set(environments.flatMap(\.keys)).sorted() {
                    compare(.environment(variable: variable)) { $0.environment[variable] }
                }
            }
        }
        return differences
    }
}
