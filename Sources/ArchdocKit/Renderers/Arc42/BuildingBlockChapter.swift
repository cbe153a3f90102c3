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
        let systems: [[String: Any]] = model.architecture.softwareSystems.filter { !$0.isExternal }.map { system in
            let inside = Set(system.containers.map(\.id))
            let interfaces: [[String]] = model.architecture.relationships
                .filter { inside.contains($0.sourceID) || inside.contains($0.destinationID) }
                .map { relationship in
                    [
                        names[relationship.sourceID] ?? MarkdownText.inline(relationship.sourceID),
                        names[relationship.destinationID] ?? MarkdownText.inline(relationship.destinationID),
                        Arc42Format.text(relationship.description),
                        Arc42Format.text(relationship.technology),
                    ]
                }
            let view = views.first { $0.kind == .container(systemID: system.id) }
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
