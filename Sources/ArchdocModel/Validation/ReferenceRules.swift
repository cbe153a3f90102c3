import ArchitectureDescription
import Foundation

/// Relationships, services and dependencies must point at elements that are
/// part of the architecture.
///
/// An element is part of the architecture when it appears in the
/// `Architecture` block, directly (people, systems) or inside a system
/// (containers). A container value that was created but never added to a
/// system compiles, so this rule catches it.
struct KnownElementsRule: ValidationRule {
    static let name = "unknown-element"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for relationship in model.architecture.relationships {
            for (end, id) in [("source", relationship.sourceID), ("destination", relationship.destinationID)] where model.kind(of: id) == nil {
                diagnostics.append(error(
                    "relationship \(relationship.description.quoted) has \(end) \(id.quoted), which is not part of the architecture; add it to the Architecture block (people, systems) or to a SoftwareSystem (containers)",
                    at: relationship.location))
            }
        }
        let deployed = Set(model.services.map(\.service.containerID))
        for placed in model.services {
            let service = placed.service
            if model.kind(of: service.containerID) == nil {
                diagnostics.append(error(
                    "service deploys container \(service.containerID.quoted), which is not part of any SoftwareSystem; add the container to a SoftwareSystem block",
                    at: service.location))
            }
            for dependency in service.dependsOn where !deployed.contains(dependency.containerID) {
                let what = model.kind(of: dependency.containerID) == nil ? "is not part of the architecture" : "has no Service in the Deployment"
                diagnostics.append(error(
                    "service \(service.containerID.quoted) depends on \(dependency.containerID.quoted), which \(what); add a Service for it or remove the dependency",
                    at: dependency.location))
            }
        }
        return diagnostics
    }
}

/// Services may only name declared profiles.
struct KnownProfilesRule: ValidationRule {
    static let name = "unknown-profile"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        let declared = model.declaresProfiles ? model.profiles.map(\.id) : []
        let known = Set(declared)
        let hint = declared.isEmpty
            ? "declare it with Profile(\"…\") in the Deployment block"
            : "declared profiles are \(declared.map(\.quoted).joined(separator: ", ")); declare it with Profile(\"…\") or fix the name"
        var diagnostics: [Diagnostic] = []
        for placed in model.services {
            let service = placed.service
            for profile in service.profiles ?? [] where !known.contains(profile) {
                diagnostics.append(error("service \(service.containerID.quoted) runs in profile \(profile.quoted), which is not declared; \(hint)", at: service.location))
            }
            for settings in service.profileSettings where !known.contains(settings.profile) {
                diagnostics.append(error("settings for service \(service.containerID.quoted) name profile \(settings.profile.quoted), which is not declared; \(hint)", at: settings.location))
            }
            for settings in service.profileSettings where known.contains(settings.profile) {
                if let profiles = service.profiles, !profiles.contains(settings.profile) {
                    diagnostics.append(error(
                        "settings for service \(service.containerID.quoted) name profile \(settings.profile.quoted), but the service does not run in it; add the profile to `profiles:` or remove the settings",
                        at: settings.location))
                }
            }
        }
        return diagnostics
    }
}

/// A compose service needs an image or a build.
struct ServiceImageRule: ValidationRule {
    static let name = "missing-image"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        model.services.compactMap { placed in
            let service = placed.service
            let hasProfileImages = !service.profileSettings.isEmpty
                && model.profiles.allSatisfy { profile in service.profileSettings.contains { $0.profile == profile.id && $0.image != nil } }
            let image = service.image.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            guard image == nil, service.build == nil, !hasProfileImages else { return nil }
            let what = service.image == nil ? "neither an image nor a build" : "an empty image and no build"
            return error("service \(service.containerID.quoted) has \(what); add `image: \"…\"` or `build: \"./path\"`", at: service.location)
        }
    }
}
