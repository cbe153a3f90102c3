/// Turns a model into the files archdoc generates. Pure and deterministic: the
/// same model always gives the same files, byte for byte, in the same order.
public struct Generator: Sendable {
    /// The diagram languages to write.
    public var renderers: [any DiagramRenderer]

    /// A generator for C4-PlantUML and Mermaid.
    public init(renderers: [any DiagramRenderer] = [PlantUMLRenderer(), MermaidRenderer()]) {
        self.renderers = renderers
    }

    /// Every file for a model: `diagrams/<view>.<ext>` for each view and language.
    public func files(for model: ArchitectureModel) -> [GeneratedFile] {
        let views = ViewBuilder(model: model).defaultViews()
        return views.flatMap { view in
            renderers.map { renderer in
                GeneratedFile(path: "diagrams/\(view.key).\(renderer.fileExtension)", contents: renderer.render(view))
            }
        }
    }
}
