import ArchdocComposeFiles
import ArchitectureDescription

/// Builds that several imported services share (typically one backend image
/// run with different commands, often through a YAML anchor) are declared once
/// as a `let`, named after the build context: `let backendBuild = Build(…)`.
struct BuildDeclarations {
    /// The `let` declarations, ready to print.
    private(set) var declarations: [String] = []
    /// The constant's name for each container id whose build is shared.
    private var references: [String: String] = [:]

    init(plan: ImportPlan, identifiers: inout SwiftIdentifiers) {
        var declared: [(build: Build, name: String)] = []
        for container in plan.containers {
            guard let build = container.service.build else { continue }
            // A context alone reads best inline, as a string literal.
            guard build.dockerfile != nil || build.target != nil || !build.args.isEmpty else { continue }
            let users = plan.containers.filter { $0.service.build == build }
            guard users.count > 1 else { continue }
            if let existing = declared.first(where: { $0.build == build }) {
                references[container.id] = existing.name
                continue
            }
            let folder = build.context.split(separator: "/").last { $0 != "." && $0 != ".." }.map(String.init)
            let name = identifiers.make((folder ?? container.variable) + "-build")
            declared.append((build, name))
            references[container.id] = name
            let head = "let \(name) = Build("
            declarations += SwiftCallLayout().lines(
                head: head, SwiftSourceWriter.buildArguments(build), continuation: String(repeating: " ", count: head.count))
        }
    }

    /// The shared build's constant for a container, if its build is shared.
    func reference(for containerID: String) -> String? {
        references[containerID]
    }
}
