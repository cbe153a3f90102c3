import ArchdocModel
import ArchitectureDescription

/// A service's settings in one profile, worked out once. (``DeployedService``
/// works each one out again on every access, which adds up in long chapters.)
/// A class, so that lists of them are cheap to copy; immutable, so shared across threads.
final class ResolvedService: Sendable {
    /// The service in its profile.
    let deployed: DeployedService
    /// The command: the profile's last override, or the service's.
    let command: String?
    /// The image: the profile's last override, or the service's.
    let image: String?
    /// The replica count: the profile's last override, or the service's.
    let replicas: Int?
    /// The technology shown for the instance, when the profile overrides it.
    let technology: String?
    /// The description shown for the instance, when the profile overrides it.
    let description: String?
    /// The service's environment with the profile's on top.
    let environment: [String: String]

    var name: String { deployed.name }
    var service: Service { deployed.service }
    var profileID: String { deployed.profileID }

    init(_ deployed: DeployedService) {
        self.deployed = deployed
        let service = deployed.service
        var (command, image, replicas) = (service.command, service.image, service.replicas)
        var (technology, description): (String?, String?) = (nil, nil)
        var environment = service.environment
        for settings in service.profileSettings where settings.profile == deployed.profileID {
            command = settings.command ?? command
            image = settings.image ?? image
            replicas = settings.replicas ?? replicas
            technology = settings.technology ?? technology
            description = settings.description ?? description
            if !settings.environment.isEmpty { environment.merge(settings.environment) { _, new in new } }
        }
        (self.command, self.image, self.replicas) = (command, image, replicas)
        (self.technology, self.description, self.environment) = (technology, description, environment)
    }

    /// Whether a service runs in a profile.
    static func runs(_ service: Service, in profileID: String, model: ArchitectureModel) -> Bool {
        guard model.declaresProfiles, let profiles = service.profiles else { return true }
        return profiles.contains(profileID)
    }
}
