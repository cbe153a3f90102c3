import ArchdocViews

/// Where the generated documentation goes and where the user's own templates
/// and pages are: what the renderers and the site need to know of a project's
/// folders. Every path is relative to the project folder or absolute.
package struct OutputLayout: Sendable {
    /// The folder of generated documentation: diagrams, arc42 chapters, the site.
    package var siteDirectory: String
    /// The compose file to write, or `nil` for none.
    package var composeFile: String?
    /// The user's template folder; a file here replaces the default of the same name.
    package var templatesDirectory: String
    /// The user's own Markdown pages and chapters.
    package var docsDirectory: String

    /// The defaults: `site/`, `compose.yaml`, `templates/` and `architecture/docs/`.
    package init(
        siteDirectory: String = "site",
        composeFile: String? = "compose.yaml",
        templatesDirectory: String = "templates",
        docsDirectory: String = "architecture/docs"
    ) {
        self.siteDirectory = siteDirectory
        self.composeFile = composeFile
        self.templatesDirectory = templatesDirectory
        self.docsDirectory = docsDirectory
    }

    /// A path given relative to the compose file's folder, as the project sees
    /// it: the example env file and the Kubernetes layout are written there.
    /// `nil` when no compose file is written.
    package func besideComposeFile(_ path: String) -> String? {
        guard let composeFile else { return nil }
        let folder = composeFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder.isEmpty || path.hasPrefix("/") ? path : "\(folder)/\(path)"
    }

    /// The extension of PlantUML's own drawing of a view, `<site>/diagrams/<view>.plantuml.svg`
    /// (with `--plantuml-jar`): the pictures' renderer writes it, the site and `check` expect it.
    package static let plantUMLPictureExtension = "plantuml.svg"

    /// Where a view's diagram file of an extension goes: `<site>/diagrams/<view>.<extension>`.
    /// The generator writes it there, and the chapters and pages look it up there.
    package func diagramPath(for view: DiagramView, extension fileExtension: String) -> String {
        "\(siteDirectory)/diagrams/\(view.key).\(fileExtension)"
    }
}
