import ArchdocModel
import ArchitectureDescription

/// Merges compose files the way `docker compose -f a.yaml -f b.yaml` does
/// (the Compose Specification's merge rules): later files add services and
/// override or extend the settings of services they repeat.
extension ComposeDocument {
    /// The document with another laid over it.
    package func merged(with overlay: ComposeDocument) -> ComposeDocument {
        var result = self
        if let name = overlay.name { result.name = name }
        for (key, value) in overlay.volumes { result.volumes[key] = value }
        for (key, value) in overlay.networks { result.networks[key] = value }
        for (key, value) in overlay.secrets { result.secrets[key] = value }
        for (key, value) in overlay.configs { result.configs[key] = value }
        for service in overlay.services {
            if let index = result.services.firstIndex(where: { $0.name.value == service.name.value }) {
                result.services[index] = result.services[index].merged(with: service)
            } else {
                result.services.append(service)
            }
        }
        return result
    }
}

extension ComposeService {
    /// Single values, `command` and `entrypoint` are replaced; `environment`,
    /// `labels` and `depends_on` merge by key; `ports` append unless the same
    /// binding is there; `volumes` merge by target; other lists append what is new.
    func merged(with overlay: ComposeService) -> ComposeService {
        var result = self
        result.image = overlay.image ?? image
        result.build = overlay.build ?? build
        result.command = overlay.command ?? command
        if overlay.command != nil { result.commandItems = overlay.commandItems }
        if overlay.healthcheck != nil { result.healthcheckTest = overlay.healthcheckTest }
        result.keys.merge(overlay.keys) { _, new in new }
        result.restart = overlay.restart ?? restart
        result.replicas = overlay.replicas ?? replicas
        result.healthcheck = overlay.healthcheck ?? healthcheck
        result.environment.merge(overlay.environment) { _, new in new }
        result.ports = appendingUnique(ports, overlay.ports) { $0.value.description }
        result.envFiles = appendingUnique(envFiles, overlay.envFiles) { $0.value }
        result.networks = appendingUnique(networks, overlay.networks) { $0.value }
        result.networkAliases.merge(overlay.networkAliases) { _, new in new }
        result.volumes = volumes.filter { mount in !overlay.volumes.contains { $0.value.target == mount.value.target } } + overlay.volumes
        result.dependsOn = dependsOn.filter { dependency in !overlay.dependsOn.contains { $0.value.service == dependency.value.service } }
            + overlay.dependsOn
        for option in ContainerOptionField.all where option.isSet(in: overlay.options) {
            result.options = option.merged(result.options, overlay.options)
            guard let place = overlay.optionPlaces[option.key] else { continue }
            var lines = optionPlaces[option.key]?.value ?? [:]
            lines.merge(place.value) { _, new in new }
            result.optionPlaces[option.key] = Located(lines, line: place.line, column: place.column, file: place.file)
        }
        result.unmodelled += overlay.unmodelled
        if let extra = overlay.profiles {
            let merged = appendingUnique((profiles?.value ?? []).map { Located($0, line: 0) }, extra.value.map { Located($0, line: 0) }) { $0.value }
            result.profiles = Located(merged.map(\.value), line: extra.line, column: extra.column, file: extra.file)
        }
        return result
    }

    private func appendingUnique<T>(_ base: [T], _ extra: [T], key: (T) -> String) -> [T] {
        var seen = Set(base.map(key))
        return base + extra.filter { seen.insert(key($0)).inserted }
    }
}

extension ContainerOptionField {
    /// `base` with this field of `overlay` laid over it, by compose's merge
    /// rules: a single value is replaced, a map merges by key, a list appends
    /// what is new.
    func merged(_ base: ContainerOptions, _ overlay: ContainerOptions) -> ContainerOptions {
        var result = base
        switch value {
        case .text(let path), .arguments(let path): result[keyPath: path] = overlay[keyPath: path] ?? base[keyPath: path]
        case .flag(let path): result[keyPath: path] = overlay[keyPath: path] ?? base[keyPath: path]
        case .map(let path): result[keyPath: path].merge(overlay[keyPath: path]) { _, new in new }
        case .list(let path): result[keyPath: path] += overlay[keyPath: path].filter { !base[keyPath: path].contains($0) }
        }
        return result
    }
}
