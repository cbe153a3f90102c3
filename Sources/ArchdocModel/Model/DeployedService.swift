import ArchitectureDescription

/// A service together with the path of deployment nodes it runs on.
///
/// A class, so that the many copies views and chapters make of a
/// ``DeployedService`` retain one object rather than each of the service's
/// twenty-odd fields.
package final class PlacedService: Sendable {
    /// The service as declared.
    package let service: Service
    /// The nodes from the outermost to the one the service runs on; empty for
    /// a service declared directly in the deployment.
    package let nodePath: [DeploymentNode]

    init(service: Service, nodePath: [DeploymentNode]) {
        self.service = service
        self.nodePath = nodePath
    }

    /// Every service of a deployment, depth first, in declaration order.
    static func collect(from deployment: Deployment) -> [PlacedService] {
        func walk(_ node: DeploymentNode, _ path: [DeploymentNode]) -> [PlacedService] {
            let path = path + [node]
            return node.services.map { PlacedService(service: $0, nodePath: path) } + node.children.flatMap { walk($0, path) }
        }
        return deployment.services.map { PlacedService(service: $0, nodePath: []) } + deployment.nodes.flatMap { walk($0, []) }
    }
}

/// A service as it runs in one profile: the declaration with that profile's
/// settings applied.
package struct DeployedService: Sendable {
    /// The declaration and its place.
    package let placed: PlacedService
    /// The profile.
    package let profileID: String

    /// A service as it runs in a profile.
    package init(placed: PlacedService, profileID: String) {
        self.placed = placed
        self.profileID = profileID
    }

    /// The service as declared.
    package var service: Service { placed.service }
    /// The service name, which is the container's id.
    package var name: String { service.containerID }

    private var settings: [ProfileSettings] { service.profileSettings.filter { $0.profile == profileID } }

    /// The image in this profile.
    package var image: String? { settings.lazy.compactMap(\.image).last ?? service.image }
    /// The command in this profile.
    package var command: String? { settings.lazy.compactMap(\.command).last ?? service.command }
    /// The replica count in this profile.
    package var replicas: Int? { settings.lazy.compactMap(\.replicas).last ?? service.replicas }
    /// The technology shown for this instance, when the profile overrides it.
    package var technology: String? { settings.lazy.compactMap(\.technology).last }
    /// The description shown for this instance, when the profile overrides it.
    package var description: String? { settings.lazy.compactMap(\.description).last }
    /// The environment in this profile: the service's, then the profile's on top.
    package var environment: [String: String] {
        settings.reduce(service.environment) { $0.merging($1.environment) { _, new in new } }
    }
}

extension DeployedService {
    /// What may differ between a service's profiles and so splits it into
    /// compose variants (equal keys: one compose service).
    struct VariantKey: Equatable {
        var image: String?
        var command: String?
        var replicas: Int?
        var environment: [String: String]
    }

    /// The service's settings in this profile that compose cannot vary per profile.
    var variantKey: VariantKey {
        VariantKey(image: image, command: command, replicas: replicas, environment: environment)
    }

    /// The profiles `placed` runs in, grouped by the settings it has in them,
    /// in profile order: one group is one compose service (more than one, its
    /// variants). The compose plan and the shared-volume rule both read it.
    package static func variantProfiles(of placed: PlacedService, runningIn profiles: [String]) -> [[String]] {
        var groups: [(key: VariantKey, profiles: [String])] = []
        for profile in profiles {
            let key = DeployedService(placed: placed, profileID: profile).variantKey
            if let index = groups.firstIndex(where: { $0.key == key }) { groups[index].profiles.append(profile) } else { groups.append((key, [profile])) }
        }
        return groups.map(\.profiles)
    }
}
