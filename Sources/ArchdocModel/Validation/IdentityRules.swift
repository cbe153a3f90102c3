import ArchitectureDescription

/// Element, profile and node ids must be unique, and a container is deployed
/// at most once.
struct UniqueIDsRule: ValidationRule {
    static let name = "duplicate-id"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: ModelElement] = [:]
        for element in model.elements {
            if element.id.isEmpty {
                diagnostics.append(error("\(element.name.quoted) has an empty id; give it a short, stable id such as \"api\"", at: element.location))
            } else if let first = seen[element.id] {
                diagnostics.append(error(
                    "id \(element.id.quoted) is already used by \(first.name.quoted) at \(first.location.shortDescription); give each element its own id",
                    at: element.location))
            } else {
                seen[element.id] = element
            }
        }
        diagnostics += duplicates(model.architecture.deployment?.profiles ?? [], of: "profile", id: \.id, location: \.location)
        var nodes: [DeploymentNode] = []
        func walk(_ node: DeploymentNode) { nodes.append(node); node.children.forEach(walk) }
        model.architecture.deployment?.nodes.forEach(walk)
        diagnostics += duplicates(nodes, of: "node", id: \.id, location: \.location)
        diagnostics += duplicates(model.services.map(\.service), of: "service for container", id: \.containerID, location: \.location)
        return diagnostics
    }

    private func duplicates<T>(_ items: [T], of kind: String, id: (T) -> String, location: (T) -> SourceLocation) -> [Diagnostic] {
        var seen: [String: SourceLocation] = [:]
        return items.compactMap { item in
            let key = id(item)
            guard let first = seen[key] else {
                seen[key] = location(item)
                return nil
            }
            return error("\(kind) \(key.quoted) is already declared at \(first.shortDescription); declare it once", at: location(item))
        }
    }
}

/// An architecture has at most one `Deployment` block.
struct SingleDeploymentRule: ValidationRule {
    static let name = "duplicate-deployment"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        let first = model.architecture.deployment?.location
        return model.extraDeployments.map {
            error("an architecture has one Deployment block\(first.map { ", and one is already declared at \($0.shortDescription)" } ?? ""); put every service, node and profile in it",
                  at: $0)
        }
    }
}

/// A compose service name must be a valid compose identifier.
struct ServiceNamesRule: ValidationRule {
    static let name = "invalid-service-name"

    /// Compose's own pattern for service names, `^[a-zA-Z0-9._-]+$` (from the
    /// compose-spec schema that Docker Compose v2.40 validates against).
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" || $0 == "." || $0 == "-" }
    }

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        model.services.compactMap { placed in
            let name = placed.service.containerID
            guard !name.isEmpty, !Self.isValid(name) else { return nil }
            let suggestion = String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
            return error(
                "id \(name.quoted) is not a valid compose service name (only ASCII letters, digits, '_', '.' and '-'); use an id such as \(suggestion.quoted)",
                at: model.element(name)?.location ?? placed.service.location)
        }
    }
}

extension Unicode.Scalar {
    // Basics has the same for the other stages; the model imports nothing of archdoc's.
    fileprivate var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}

extension String {
    /// The string in single quotes, for messages.
    package var quoted: String { "'\(self)'" }
}
