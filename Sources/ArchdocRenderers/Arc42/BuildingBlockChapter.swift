import ArchdocModel
import ArchdocViews
import ArchitectureDescription

/// Chapter 5: a whitebox per internal software system, with its container
/// diagram, its containers and the interfaces between them.
struct BuildingBlockChapter {
    let model: ArchitectureModel
    let views: [DiagramView]
    let references: DiagramReferences

    static let containerHeader = ["Name", "Kind", "Technology", "Responsibility"]

    /// `systems`, each with `name`, `id`, `description`, `diagram`,
    /// `containersTable` and `interfacesTable` (from, to, description,
    /// technology); `standaloneTable` for containers outside any system (such
    /// as the docs server). Absent parts are `false`.
    func context() -> [String: Any] {
        var names: [String: String] = [:]
        for element in model.elements where names[element.id] == nil { names[element.id] = MarkdownText.inline(element.name) }
        let containerViews = Dictionary(views.compactMap { view -> (String, DiagramView)? in
            guard case .container(let systemID) = view.kind else { return nil }
            return (systemID, view)
        }) { first, _ in first }
        let systems: [[String: Any]] = model.architecture.softwareSystems.filter { !$0.isExternal }.map { system in
            let interfaces: [[String]] = model.relationships(ofContainersIn: system.id)
                .map { relationship in
                    [
                        names[relationship.sourceID] ?? MarkdownText.inline(relationship.sourceID),
                        names[relationship.destinationID] ?? MarkdownText.inline(relationship.destinationID),
                        Arc42Format.text(relationship.description),
                        Arc42Format.text(relationship.technology),
                    ]
                }
            let view = containerViews[system.id]
            return [
                "name": MarkdownText.inline(system.name),
                "id": MarkdownText.code(system.id),
                "description": Arc42Format.optional(system.description),
                "diagram": view.flatMap(references.context(for:)) ?? false,
                "containersTable": Arc42Format.table(header: Self.containerHeader, rows: system.containers.map(Self.row)),
                "interfacesTable": Arc42Format.table(header: ["From", "To", "Description", "Technology"], rows: interfaces),
            ]
        }
        let standalone = model.containers.filter { $0.systemID == nil }.map { Self.row($0.container) }
        return [
            "systems": systems,
            "hasSystems": !systems.isEmpty,
            "standaloneTable": Arc42Format.table(header: Self.containerHeader, rows: standalone),
        ]
    }

    private static func row(_ container: Container) -> [String] {
        [
            MarkdownText.inline(container.name), Arc42Format.kind(container.kind),
            Arc42Format.text(container.technology), Arc42Format.text(container.description),
        ]
    }
}
