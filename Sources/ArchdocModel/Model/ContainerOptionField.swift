import ArchitectureDescription

/// One field of ``ContainerOptions`` as compose names it: the one table that
/// the compose renderer, the compose reader, `check`, `import` and chapter 7
/// all walk, so that a field added here is carried by every one of them.
package struct ContainerOptionField: Sendable {
    /// The shape of the field's value, with the path to it.
    package enum Value: Sendable {
        /// A single string.
        case text(WritableKeyPath<ContainerOptions, String?> & Sendable)
        /// A command line, written as a string or a list; compared as shell words.
        case arguments(WritableKeyPath<ContainerOptions, String?> & Sendable)
        /// A list of strings.
        case list(WritableKeyPath<ContainerOptions, [String]> & Sendable)
        /// `true` or `false`.
        case flag(WritableKeyPath<ContainerOptions, Bool?> & Sendable)
        /// A map of strings, written as a map or a list of `key=value`.
        case map(WritableKeyPath<ContainerOptions, [String: String]> & Sendable)
    }

    /// The compose key, such as `working_dir`.
    package var key: String
    /// The DSL's argument label, such as `workingDirectory`.
    package var label: String
    /// What it is called in prose, such as "working directory".
    package var prose: String
    /// The value's shape and path.
    package var value: Value
    /// The form two values are compared in (`512M` and `536870912` are one
    /// memory size, as `docker compose config` writes it).
    package var normalized: @Sendable (String) -> String = { $0 }

    /// Whether compose writes the field inside `deploy` (`deploy.resources.limits.cpus`).
    package var isDeployField: Bool { key.hasPrefix("deploy.") }

    /// Every field, in the order the compose renderer writes them.
    package static let all: [ContainerOptionField] = [
        .init(key: "container_name", label: "name", prose: "container name", value: .text(\.name)),
        .init(key: "hostname", label: "hostname", prose: "host name", value: .text(\.hostname)),
        .init(key: "user", label: "user", prose: "user", value: .text(\.user)),
        .init(key: "working_dir", label: "workingDirectory", prose: "working directory", value: .text(\.workingDirectory)),
        .init(key: "entrypoint", label: "entrypoint", prose: "entrypoint", value: .arguments(\.entrypoint)),
        .init(key: "platform", label: "platform", prose: "platform", value: .text(\.platform)),
        .init(key: "pull_policy", label: "pullPolicy", prose: "pull policy", value: .text(\.pullPolicy)),
        .init(key: "labels", label: "labels", prose: "labels", value: .map(\.labels)),
        .init(key: "expose", label: "expose", prose: "exposed ports", value: .list(\.expose)),
        .init(key: "network_mode", label: "networkMode", prose: "network mode", value: .text(\.networkMode)),
        .init(key: "links", label: "links", prose: "links", value: .list(\.links)),
        .init(key: "extra_hosts", label: "extraHosts", prose: "extra hosts", value: .list(\.extraHosts)),
        .init(key: "dns", label: "dns", prose: "DNS servers", value: .list(\.dns)),
        .init(key: "cap_add", label: "capAdd", prose: "capabilities added", value: .list(\.capAdd)),
        .init(key: "cap_drop", label: "capDrop", prose: "capabilities dropped", value: .list(\.capDrop)),
        .init(key: "privileged", label: "privileged", prose: "privileged mode", value: .flag(\.privileged)),
        .init(key: "read_only", label: "readOnly", prose: "read-only root file system", value: .flag(\.readOnly)),
        .init(key: "devices", label: "devices", prose: "devices", value: .list(\.devices)),
        .init(key: "tmpfs", label: "tmpfs", prose: "tmpfs mounts", value: .list(\.tmpfs)),
        .init(key: "shm_size", label: "shmSize", prose: "shared memory size", value: .text(\.shmSize)),
        .init(key: "init", label: "initProcess", prose: "init process", value: .flag(\.initProcess)),
        .init(key: "stop_signal", label: "stopSignal", prose: "stop signal", value: .text(\.stopSignal)),
        .init(key: "stop_grace_period", label: "stopGracePeriod", prose: "stop grace period", value: .text(\.stopGracePeriod)),
        .init(key: "deploy.resources.limits.cpus", label: "cpuLimit", prose: "CPU limit", value: .text(\.cpuLimit), normalized: normalizedCPUs),
        .init(key: "deploy.resources.limits.memory", label: "memoryLimit", prose: "memory limit", value: .text(\.memoryLimit), normalized: normalizedBytes),
        .init(key: "deploy.resources.reservations.cpus", label: "cpuReservation", prose: "CPU reservation", value: .text(\.cpuReservation), normalized: normalizedCPUs),
        .init(key: "deploy.resources.reservations.memory", label: "memoryReservation", prose: "memory reservation", value: .text(\.memoryReservation),
              normalized: normalizedBytes),
        .init(key: "ulimits", label: "ulimits", prose: "ulimits", value: .map(\.ulimits)),
        .init(key: "logging.driver", label: "loggingDriver", prose: "logging driver", value: .text(\.loggingDriver)),
        .init(key: "logging.options", label: "loggingOptions", prose: "logging options", value: .map(\.loggingOptions)),
        .init(key: "secrets", label: "secrets", prose: "secrets", value: .list(\.secrets)),
        .init(key: "configs", label: "configs", prose: "configs", value: .list(\.configs)),
    ]

    /// The mapping a dotted key is written in (`logging` for `logging.driver`), or `nil` for a top-level key.
    package var group: String? { key.contains(".") ? String(key.split(separator: ".")[0]) : nil }
    /// The key inside its group (`driver` for `logging.driver`).
    package var leafKey: String { String(key.split(separator: ".").last ?? Substring(key)) }

    /// `0.50` and `0.5` are one CPU count.
    @Sendable static func normalizedCPUs(_ text: String) -> String {
        Double(text).map { String($0) } ?? text
    }

    /// A size in bytes: `512m`, `512M`, `512mb` and `536870912` are one (compose's units are powers of 1,024).
    @Sendable static func normalizedBytes(_ text: String) -> String {
        let lower = text.lowercased().filter { $0 != " " }
        let (kibi, mebi, gibi) = (1_024.0, 1_048_576.0, 1_073_741_824.0)
        let units: [(String, Double)] = [("gb", gibi), ("mb", mebi), ("kb", kibi), ("g", gibi), ("m", mebi), ("k", kibi), ("b", 1)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            guard let number = Double(lower.dropLast(suffix.count)) else { return text }
            return String(Int((number * factor).rounded()))
        }
        return Double(lower).map { String(Int($0)) } ?? text
    }

    /// The field of a compose key.
    package static let byKey: [String: ContainerOptionField] = Dictionary(all.map { ($0.key, $0) }) { first, _ in first }

    /// Whether the field is set in `options`.
    package func isSet(in options: ContainerOptions) -> Bool {
        switch value {
        case .text(let path), .arguments(let path): options[keyPath: path] != nil
        case .list(let path): !options[keyPath: path].isEmpty
        case .flag(let path): options[keyPath: path] != nil
        case .map(let path): !options[keyPath: path].isEmpty
        }
    }

    /// `extra_hosts` as compose normalises it: `host=ip` (compose also reads `host:ip`).
    package static func normalizedExtraHost(_ entry: String) -> String {
        if entry.contains("=") { return entry }
        guard let colon = entry.firstIndex(of: ":") else { return entry }
        return entry[..<colon] + "=" + entry[entry.index(after: colon)...]
    }
}
