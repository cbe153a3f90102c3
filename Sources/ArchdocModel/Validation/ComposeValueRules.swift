import ArchitectureDescription
import Foundation

/// Values that docker compose would refuse: a port outside 1–65535 or with an
/// unknown protocol, a negative replica count, a health-check duration that
/// is not a duration, a volume target that is not an absolute path. Each is
/// an error at the service's line, so nothing compose rejects is written.
package struct ComposeValuesRule: ValidationRule {
    package static let name = "invalid-compose-value"

    package func check(_ model: ArchitectureModel) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for placed in model.services {
            let service = placed.service
            let name = service.containerID.quoted
            for port in service.ports {
                if let problem = Self.problem(with: port) {
                    found.append(error("service \(name): port \(port.description.quoted) \(problem)", at: service.location))
                }
            }
            let replicas = [(service.replicas, service.location)] + service.profileSettings.map { ($0.replicas, $0.location) }
            for case let (count?, location) in replicas {
                if let problem = Self.problem(withReplicas: count) { found.append(error("service \(name): \(problem)", at: location)) }
            }
            for problem in service.healthcheck.map(Self.problems(with:)) ?? [] {
                found.append(error("service \(name): \(problem)", at: service.location))
            }
            for mount in service.volumes {
                if let problem = Self.problem(withVolumeTarget: mount.target) { found.append(error("service \(name): \(problem)", at: service.location)) }
            }
        }
        return found
    }

    /// What is wrong with a port, or `nil`. A published port may be a range
    /// (`8000-8010`), or empty for a port compose chooses; `${VAR}` is left to compose.
    package static func problem(with port: ArchitectureDescription.Port) -> String? {
        // A variable may stand for any part; compose checks it once it is interpolated.
        guard !port.description.contains("$") else { return nil }
        if let proto = port.protocol, !["tcp", "udp", "sctp"].contains(proto) {
            return "has the protocol \(proto.quoted); use tcp, udp or sctp"
        }
        for (role, value) in [("target", Optional(port.target)), ("published", port.published)] {
            guard let value, !value.isEmpty else { continue }
            let bounds = value.split(separator: "-", omittingEmptySubsequences: false)
            let numbers = bounds.map { Int($0) }
            guard bounds.count <= 2, numbers.allSatisfy({ $0 != nil }) else {
                return "has the \(role) port \(value.quoted), which is not a number; write it like \"8080:80\""
            }
            guard numbers.allSatisfy({ (1...65_535).contains($0!) }) else {
                return "has the \(role) port \(value), outside 1–65535"
            }
        }
        if port.target.isEmpty { return "has no target port; write it like \"8080:80\"" }
        if let address = port.hostIP, !isIPAddress(address) {
            return "has the host address \(address.quoted), which is not an IP address; write it like \"127.0.0.1:8080:80\""
        }
        return nil
    }

    /// What is wrong with a replica count, or `nil`.
    package static func problem(withReplicas count: Int) -> String? {
        count < 0 ? "replicas is \(count); give 0 or more (0 declares the service without starting it)" : nil
    }

    /// What is wrong with a volume's target in the container, or `nil`.
    package static func problem(withVolumeTarget target: String) -> String? {
        target.hasPrefix("/") ? nil : "volume target \(target.quoted) is not an absolute path inside the container; write it like \"/data\""
    }

    /// What is wrong with a health check's durations and retries.
    package static func problems(with check: HealthCheck) -> [String] {
        var problems: [String] = []
        for (field, value) in [("interval", check.interval), ("timeout", check.timeout), ("start period", check.startPeriod)] {
            if let value, !isDuration(value) {
                problems.append("health-check \(field) \(value.quoted) is not a duration; write it like \"10s\", \"1m30s\" or \"500ms\"")
            }
        }
        if let retries = check.retries, retries < 0 {
            problems.append("health-check retries is \(retries); give 0 or more")
        }
        return problems
    }

    /// Whether `text` is an IPv4 or IPv6 address (IPv6 with or without brackets).
    static func isIPAddress(_ text: String) -> Bool {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, bare, &buffer) == 1 || inet_pton(AF_INET6, bare, &buffer) == 1
    }

    /// Go's duration units, two-letter ones first so that `ms` is not read as `m`.
    private static let durationUnits = ["ns", "us", "µs", "ms", "s", "m", "h"]

    /// Whether `text` is a compose duration: numbers with units, `1h30m`, `10s`, `500ms`, `1.5s`.
    package static func isDuration(_ text: String) -> Bool {
        if text.contains("$") { return true }
        var rest = Substring(text)
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, Double(number) != nil else { return false }
            rest = rest.dropFirst(number.count)
            guard let unit = durationUnits.first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
