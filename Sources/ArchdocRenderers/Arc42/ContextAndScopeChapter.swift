import ArchdocModel
import ArchdocViews
import ArchitectureDescription

/// Chapter 3: the system in scope, its communication partners (people and
/// external systems) and what flows between them.
struct ContextAndScopeChapter {
    let model: ArchitectureModel
    let views: [DiagramView]
    let references: DiagramReferences

    /// `systems` (each `name`, `description`), `diagram`, and the tables
    /// `partnersTable` (partner, kind, description) and `interfacesTable`
    /// (partner, input/output, technology), `false` when empty.
    func context() -> [String: Any] {
        let architecture = model.architecture
        let systems: [[String: Any]] = architecture.softwareSystems.filter { !$0.isExternal }.map {
            ["name": MarkdownText.inline($0.name), "description": Arc42Format.optional($0.description)]
        }
        var partnerIDs: Set<String> = []
        var partners: [[String]] = []
        for person in architecture.people {
            partnerIDs.insert(person.id)
            partners.append([
                MarkdownText.inline(person.name), person.isExternal ? "external person" : "person", Arc42Format.text(person.description),
            ])
        }
        for system in architecture.softwareSystems where system.isExternal {
            partnerIDs.insert(system.id)
            partners.append([MarkdownText.inline(system.name), "external system", Arc42Format.text(system.description)])
        }
        let interfaces: [[String]] = architecture.relationships.compactMap { relationship in
            let fromPartner = partnerIDs.contains(relationship.sourceID)
            let toPartner = partnerIDs.contains(relationship.destinationID)
            guard fromPartner != toPartner,
                  let partner = model.element(fromPartner ? relationship.sourceID : relationship.destinationID),
                  let inside = model.element(fromPartner ? relationship.destinationID : relationship.sourceID)
            else { return nil }
            let direction = fromPartner
                ? "Input to \(MarkdownText.inline(inside.name)): \(MarkdownText.inline(relationship.description))"
                : "Output from \(MarkdownText.inline(inside.name)): \(MarkdownText.inline(relationship.description))"
            return [MarkdownText.inline(partner.name), direction, Arc42Format.text(relationship.technology)]
        }
        let view = views.first { $0.kind == .systemContext }
        return [
            "systems": systems,
            "hasSystems": !systems.isEmpty,
            "diagram": view.flatMap(references.context(for:)) ?? false,
            "partnersTable": Arc42Format.table(header: ["Partner", "Kind", "Description"], rows: partners),
            "interfacesTable": Arc42Format.table(header: ["Partner", "Input/Output", "Technology"], rows: interfaces),
        ]
    }
}
