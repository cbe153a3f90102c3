import ArchdocModel
import ArchitectureDescription

/// A model whose labels hold quotes, brackets, newlines, markup and non-ASCII
/// text, for the escaping tests of every output.
package enum HostileLabels {
    /// One label with most of what breaks a diagram language or a page.
    package static let nasty = "He said \"hi\" [x] {y} <script>alert(1)</script>\nline 2 – Ünïcødé 日本 $var %date% //no italics// **no bold** a|b #1 `code` C:\\path & more"

    /// A person and a system of two containers, labelled with ``nasty`` and worse.
    package static var model: ArchitectureModel {
        let person = Person("user-1", "User \"root\"", description: nasty)
        let api = Container("api.v2", "API (v2) [beta]", technology: "Swift \"6\"", description: nasty)
        let end = Container("end", "end", kind: .queue, technology: "x", description: "reserved word as id")
        return ArchitectureModel(Architecture("Nasty \"names\"") {
            person
            SoftwareSystem("sys", "Sys <1>", description: nasty) { api; end }
            person.uses(api, "Says \"hi\"\nand more", technology: "HTTP|S")
            api.uses(end, "Publishes")
        })
    }
}
