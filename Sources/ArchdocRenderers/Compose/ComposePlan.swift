import ArchdocModel
import ArchitectureDescription

/// How the model's services become compose services.
///
/// Compose profiles switch services on and off but cannot change a service's
/// settings per profile. A service whose settings are the same in every
/// profile it runs in becomes one compose service named after its container.
/// A service whose command, image, replicas or environment differ between
/// profiles becomes one compose service per distinct variant, named
/// `<id>-<profile>` (profiles that share a variant are joined: `<id>-dev-test`),
/// with the container's id as its network alias (``Entry/alias``).
package struct ComposePlan: Sendable {
    /// One compose service.
    package struct Entry: Sendable {
        /// The compose service name.
        package var name: String
        /// The service as it runs in the entry's profiles (the first of them).
        package var deployed: DeployedService
        /// The profiles it runs in; `nil` when it runs in every profile, so the
        /// compose file leaves `profiles` out and it also starts without one.
        package var profiles: [String]?
        /// For a variant (`<id>-<profile>`): the container's id, which the
        /// variant answers to on its networks as well, so that `<id>:<port>`
        /// URLs resolve whichever variant the profile runs.
        package var alias: String? { name == deployed.name ? nil : deployed.name }
    }

    /// Every compose service, in model order.
    package let entries: [Entry]
    /// The positions in ``entries`` of each model service's entries, so that
    /// resolving every `depends_on` is linear rather than quadratic.
    private let entryIndices: [String: [Int]]

    /// Plans the compose services of a model.
    package init(model: ArchitectureModel) {
        let allProfiles = model.profiles.map(\.id)
        // The names running in each profile, computed once (not once per service: quadratic).
        let runningNames = allProfiles.map { Set(model.deployedServices(in: $0).map(\.name)) }
        var entries: [Entry] = []
        for placed in model.services {
            let id = placed.service.containerID
            let running = zip(allProfiles, runningNames).filter { $0.1.contains(id) }.map(\.0)
            guard !running.isEmpty else { continue }
            let groups = DeployedService.variantProfiles(of: placed, runningIn: running)
            let everywhere = model.declaresProfiles ? running.count == allProfiles.count && placed.service.profiles == nil : true
            for group in groups {
                let name = groups.count == 1 ? id : ([id] + group).joined(separator: "-")
                let profiles: [String]? = groups.count == 1 && everywhere ? nil : group
                entries.append(Entry(
                    name: name, deployed: DeployedService(placed: placed, profileID: group[0]),
                    profiles: model.declaresProfiles ? profiles : nil))
            }
        }
        self.entries = entries
        entryIndices = Dictionary(grouping: entries.indices) { entries[$0].deployed.name }
    }

    /// The compose services that run in a profile, by name, in model order.
    package func serviceNames(in profile: String) -> [String] {
        entries.filter { $0.profiles?.contains(profile) ?? true }.map(\.name)
    }

    /// The entries of one model service (one, or one per variant).
    package func entries(for containerID: String) -> [Entry] {
        (entryIndices[containerID] ?? []).map { entries[$0] }
    }

    /// One resolved `depends_on` entry of a compose service.
    package struct ResolvedDependency: Sendable, Equatable {
        /// The compose service depended on.
        package var service: String
        /// The dependency as declared in the model.
        package var dependency: Dependency
        /// `false` when the dependency was split into variants and more than one
        /// could apply, so compose starts whichever the active profile enables.
        package var required: Bool
    }

    /// The compose `depends_on` of an entry: each model dependency named by the
    /// variants of its service that run alongside the entry.
    package func dependencies(of entry: Entry) -> [ResolvedDependency] {
        entry.deployed.service.dependsOn.flatMap { dependency -> [ResolvedDependency] in
            let candidates = entries(for: dependency.containerID).filter { target in
                guard let mine = entry.profiles, let theirs = target.profiles else { return true }
                return !Set(mine).isDisjoint(with: theirs)
            }
            return candidates.map { ResolvedDependency(service: $0.name, dependency: dependency, required: candidates.count == 1 && dependency.required) }
        }
    }

}
