import ArchdocBasics
import ArchdocComposeFiles

/// Where each imported service's environment is written: short ones inline in
/// `Service(…)`, longer ones (and any shared by several services, such as a
/// YAML anchor merged into each) as a `let` of their own, which also leaves
/// room for a comment on each variable passed through from the host.
struct EnvironmentDeclarations {
    /// The `let` declarations, ready to print.
    private(set) var declarations: [String] = []
    /// The argument for each container id: a dictionary literal or a constant's name.
    private var references: [String: String] = [:]

    /// At most this many variables, none passed through, stay inline.
    static let inlineLimit = 3

    init(plan: ImportPlan, identifiers: inout SwiftIdentifiers) {
        var declared: [(environment: [Pair], name: String)] = []
        for container in plan.containers {
            let service = container.service
            guard !service.environment.isEmpty else { continue }
            let environment = service.environment.map { Pair(key: $0.key, value: $0.value) }
            let users = plan.containers.filter { $0.service.environment.map { Pair(key: $0.key, value: $0.value) } == environment }
            let inline = SwiftLiteral.dictionary(service.environment)
            if users.count == 1, service.passThrough.isEmpty, environment.count <= Self.inlineLimit, inline.count <= 70 {
                references[container.id] = inline
                continue
            }
            if let existing = declared.first(where: { $0.environment == environment }) {
                references[container.id] = existing.name
                continue
            }
            let name = identifiers.make(container.variable + "Environment")
            declared.append((environment, name))
            references[container.id] = name
            if !declarations.isEmpty { declarations.append("") }
            if users.count > 1 {
                declarations.append("// The environment of \(Self.list(users.map(\.variable))).")
            }
            if !service.passThrough.isEmpty {
                declarations.append("// A variable with no value in compose passes the host's value through; here it is `${NAME}`.")
            }
            declarations.append("let \(name) = [")
            for pair in environment {
                let comment = service.passThrough.contains(pair.key)
                    ? "  // passed through from the host" : ""
                declarations.append("    \(SwiftLiteral.string(pair.key)): \(SwiftLiteral.string(pair.value)),\(comment)")
            }
            declarations.append("]")
        }
    }

    /// The `environment:` argument of a container's service, `nil` when it has none.
    func reference(for containerID: String) -> String? {
        references[containerID]
    }

    private struct Pair: Equatable {
        var key: String
        var value: String
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func list(_ items: [String]) -> String {
        items.joinedAsProse
    }
}
