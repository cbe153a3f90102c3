import ArchdocModel
import ArchdocViews

/// Chapter 12: every element's name with its description, sorted by name
/// regardless of case.
struct GlossaryChapter {
    let model: ArchitectureModel

    /// `glossaryTable` (term, kind, definition), `false` without elements.
    func context() -> [String: Any] {
        let entries = model.elements.map { element -> (name: String, id: String, kind: String, description: String?) in
            switch element {
            case .person(let person):
                (person.name, person.id, person.isExternal ? "external person" : "person", person.description)
            case .softwareSystem(let system):
                (system.name, system.id, system.isExternal ? "external system" : "software system", system.description)
            case .container(let container, _):
                (container.name, container.id, Arc42Format.kind(container.kind), container.description ?? container.technology)
            }
        }
        let sorted = entries.map { (key: $0.name.lowercased(), entry: $0) }.sorted { a, b in
            if a.key != b.key { return a.key < b.key }
            if a.entry.name != b.entry.name { return a.entry.name < b.entry.name }
            return a.entry.id < b.entry.id
        }
        let rows = sorted.map { [MarkdownText.inline($0.entry.name), $0.entry.kind, Arc42Format.text($0.entry.description)] }
        return ["glossaryTable": Arc42Format.table(header: ["Term", "Kind", "Definition"], rows: rows)]
    }
}
