import ArchdocBasics
import ArchdocComposeFiles
import ArchdocModel
import ArchdocRenderers
import ArchitectureDescription
import Foundation

/// Turns a compose file into an ``ImportPlan``: a container per service, a
/// relationship per `depends_on`, and a deployment that generates an
/// equivalent compose file again.
///
/// ```swift
/// let document = try ComposeParser().parse(contentsOf: "compose.yaml")
/// let plan = ArchitectureImporter().plan(for: document)
/// let source = SwiftSourceWriter().source(for: plan)
/// ```
package struct ArchitectureImporter: Sendable {
    /// The architecture's name; `nil` for the compose file's `name:`, or else
    /// the name of the folder that holds it.
    package var name: String?

    /// Creates an importer.
    package init(name: String? = nil) {
        self.name = name
    }

    /// Plans the architecture of a compose document.
    package func plan(for document: ComposeDocument) -> ImportPlan {
        let architectureName = name ?? document.name?.value ?? Self.folderName(of: document.path)
        var identifiers = SwiftIdentifiers(reserved: ["architecture"])
        var notes: [Diagnostic] = []
        let serviceNames = Set(document.services.map(\.name.value))
        // The profiles each service runs in; `nil` for every profile.
        let profilesByService = Dictionary(document.services.map { service in
            (service.name.value, service.profiles.flatMap { $0.value.isEmpty ? nil : Set($0.value) })
        }, uniquingKeysWith: { first, _ in first })

        for key in document.unmodelled {
            notes.append(Diagnostic(.warning, rule: "import", "top-level `\(key.value)` is not in archdoc's model yet, so it is left out: a generated compose file will not have it",
                                    at: SourceLocation(file: key.file.isEmpty ? document.path : key.file, line: key.line, column: key.column)))
        }
        var containers: [ImportedContainer] = []
        var relationships: [ImportedRelationship] = []
        var profiles: [String] = []
        for compose in document.services {
            var service = importedService(compose, profilesByService: profilesByService, path: document.path, notes: &notes)
            if compose.image == nil && compose.build == nil {
                let message = "compose needs an image or a build for this service; add one"
                service.notes.append(message)
                notes.append(Diagnostic(.warning, rule: "import", "service '\(compose.name.value)': \(message)",
                                        at: SourceLocation(file: document.path, line: compose.name.line, column: compose.name.column)))
            }
            for profile in service.profiles ?? [] where !profiles.contains(profile) {
                profiles.append(profile)
            }
            // Every dependency is a relationship, even one left out of `dependsOn`.
            for dependency in compose.dependsOn where serviceNames.contains(dependency.value.service) {
                let relationship = ImportedRelationship(sourceID: compose.name.value, destinationID: dependency.value.service)
                if !relationships.contains(relationship) { relationships.append(relationship) }
            }
            let name = compose.name.value
            containers.append(ImportedContainer(
                id: name,
                variable: identifiers.make(name),
                name: Self.displayName(name),
                guess: ContainerGuess(image: compose.image?.value, buildContext: compose.build?.value.context, serviceName: name),
                service: service))
        }

        var systemID = ComposeRenderer.projectName(architectureName)
        if serviceNames.contains(systemID) { systemID += "_system" }
        var plan = ImportPlan(
            composeFile: document.path,
            architectureName: architectureName,
            systemID: systemID,
            containers: containers,
            relationships: relationships,
            profiles: profiles,
            volumes: Self.resources(document.volumes),
            networks: Self.resources(document.networks),
            notes: notes)
        plan.secrets = Self.resources(document.secrets)
        plan.configs = Self.resources(document.configs)
        return plan
    }

    // MARK: Services

    private func importedService(
        _ compose: ComposeService, profilesByService: [String: Set<String>?], path: String, notes: inout [Diagnostic]
    ) -> ImportedService {
        var service = ImportedService()
        func note<T>(_ message: String, at value: Located<T>) {
            service.notes.append(message)
            notes.append(Diagnostic(.warning, rule: "import", "service '\(compose.name.value)': \(message)",
                                    at: SourceLocation(file: path, line: value.line, column: value.column)))
        }

        service.image = compose.image?.value
        service.build = compose.build?.value
        if let command = compose.command?.value, !command.isEmpty {
            service.command = ShellWords.join(command)
        }
        service.ports = compose.ports.map(\.value)
        let environment = compose.environment.sorted { lhs, rhs in
            (lhs.value.line, lhs.value.column, lhs.key) < (rhs.value.line, rhs.value.column, rhs.key)
        }
        for (key, value) in environment {
            if let text = value.value {
                service.environment.append((key, text))
            } else {
                service.environment.append((key, "${\(key)}"))
                service.passThrough.insert(key)
            }
        }
        service.envFiles = compose.envFiles.map(\.value)
        service.volumes = compose.volumes.map(\.value)
        service.networks = compose.networks.map(\.value)
        service.healthcheck = compose.healthcheck?.value
        service.options = compose.options
        for variable in compose.variablesAtDefault {
            note("\(variable.value): the DSL has a typed value there, not a variable; check compares the file's value after interpolating it", at: variable)
        }
        for key in compose.unmodelled {
            note("`\(key.value)` is not in archdoc's model yet, so it is left out: a generated compose file will not have it, and check does not compare it", at: key)
        }
        service.replicas = compose.replicas?.value
        if let profiles = compose.profiles?.value, !profiles.isEmpty {
            service.profiles = profiles
        }
        // Values compose itself refuses: imported as they are, and said at their line,
        // because generate stops at them (rule invalid-compose-value) until they are fixed.
        // The problems are the ones generate's rule names, in its words.
        let refused = "; generate reports it as invalid-compose-value until it is fixed"
        for port in compose.ports {
            if let problem = ComposeValuesRule.problem(with: port.value) { note("port '\(port.value.description)' \(problem)\(refused)", at: port) }
        }
        if let replicas = compose.replicas, let problem = ComposeValuesRule.problem(withReplicas: replicas.value) { note(problem + refused, at: replicas) }
        for volume in compose.volumes {
            if let problem = ComposeValuesRule.problem(withVolumeTarget: volume.value.target) { note(problem + refused, at: volume) }
        }
        if let check = compose.healthcheck {
            for problem in ComposeValuesRule.problems(with: check.value) { note(problem + refused, at: check) }
        }

        if let restart = compose.restart {
            switch restart.value {
            case "no": service.restart = RestartPolicy.no
            case "always": service.restart = .always
            case "unless-stopped": service.restart = .unlessStopped
            case "on-failure": service.restart = .onFailure
            case let value where value.hasPrefix("on-failure:"):
                service.restart = .onFailure
                note("restart '\(value)' is imported as .onFailure; the DSL has no retry limit", at: restart)
            default:
                note("restart '\(restart.value)' is not a policy the DSL knows (no, always, on-failure, unless-stopped); left out", at: restart)
            }
        }

        for located in compose.dependsOn {
            let dependency = located.value
            guard profilesByService[dependency.service] != nil else {
                note("depends on '\(dependency.service)', which is not a service of this file; left out", at: located)
                continue
            }
            var condition = Dependency.Condition.started
            if let known = Dependency.Condition(rawValue: dependency.condition) {
                condition = known
            } else {
                note("depends_on condition '\(dependency.condition)' is unknown; imported as .started", at: located)
            }
            var imported = ImportedDependency(serviceName: dependency.service, condition: condition, restart: dependency.restart)
            imported.required = dependency.required
            service.dependsOn.append(imported)
        }
        return service
    }

    // MARK: Names

    /// A display name from a service name: `db-migrator` → `DB Migrator`.
    static func displayName(_ serviceName: String) -> String {
        let words = serviceName.split { $0 == "-" || $0 == "_" || $0 == "." }
        guard !words.isEmpty else { return serviceName }
        return words.map { word in
            let lower = word.lowercased()
            if acronyms.contains(lower) { return lower.uppercased() }
            return word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }

    private static let acronyms: Set<String> = [
        "api", "db", "ui", "http", "https", "sql", "dns", "smtp", "s3", "cdn", "sso", "ldap", "jwt", "grpc", "ci", "cd", "vm", "id",
    ]

    /// The name of the folder a file is in, as compose names a project by default.
    static func folderName(of path: String) -> String {
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().lastPathComponent
        return folder.isEmpty || folder == "/" ? "Architecture" : folder
    }

    private static func resources(_ declared: [Located<String>: ComposeResource]) -> [ImportedResource] {
        declared.sorted { ($0.key.line, $0.key.column, $0.key.value) < ($1.key.line, $1.key.column, $1.key.value) }
            .map { ImportedResource(name: $0.key.value, settings: $0.value) }
    }
}
