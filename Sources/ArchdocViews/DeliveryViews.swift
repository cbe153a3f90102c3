import ArchitectureDescription

extension ViewBuilder {
    /// The pipeline's stages in order, each with the registry it pushes to
    /// and the environment it deploys to; `nil` without a pipeline.
    package func pipelineView() -> DiagramView? {
        guard let pipeline = model.architecture.pipeline, !pipeline.stages.isEmpty else { return nil }
        var items: [DiagramItem] = []
        var edges: [DiagramEdge] = []
        var targets: [String] = []
        for (index, stage) in pipeline.stages.enumerated() {
            let planned = stage.conditions.contains(.planned)
            items.append(.element(DiagramElement(
                id: Self.stageID(stage), name: "\(index + 1). \(stage.id)", shape: .delivery(.stage), isExternal: false,
                technology: conditionsLabel(stage.conditions), description: stage.steps.first, icon: nil, tags: [], isPlanned: planned)))
            if index > 0 {
                edges.append(DiagramEdge(sourceID: Self.stageID(pipeline.stages[index - 1]), destinationID: Self.stageID(stage),
                                         label: "then", technology: nil, kind: .flow(isPlanned: planned)))
            }
            if let registry = stage.pushesTo {
                if !targets.contains(Self.registryID(registry.id)) {
                    targets.append(Self.registryID(registry.id))
                    items.append(.element(registryElement(registry)))
                }
                edges.append(DiagramEdge(sourceID: Self.stageID(stage), destinationID: Self.registryID(registry.id),
                                         label: "pushes images to", technology: nil, kind: .flow(isPlanned: planned)))
            }
            if let id = stage.deploysTo {
                if !targets.contains(Self.environmentID(id)) {
                    targets.append(Self.environmentID(id))
                    items.append(.element(environmentElement(id)))
                }
                edges.append(DiagramEdge(sourceID: Self.stageID(stage), destinationID: Self.environmentID(id),
                                         label: "deploys to", technology: nil, kind: .flow(isPlanned: planned)))
            }
        }
        return DiagramView(key: "pipeline", title: "Pipeline of \(model.architecture.name) (\(pipeline.file))", kind: .pipeline,
                           items: items, edges: edges)
    }

    /// The stops of the promotion path in order, each step labelled with its gate; `nil` without a promotion.
    package func promotionView() -> DiagramView? {
        guard let promotion = model.architecture.promotion, !promotion.steps.isEmpty else { return nil }
        var items: [DiagramItem] = []
        var seen: Set<String> = []
        var edges: [DiagramEdge] = []
        let registries = Dictionary((model.architecture.pipeline?.stages ?? []).compactMap(\.pushesTo).map { ($0.id, $0) }) { first, _ in first }
        func add(_ stop: PromotionStop) -> String {
            let id: String
            let element: DiagramElement
            switch stop {
            case .environment(let environment):
                id = Self.environmentID(environment)
                element = environmentElement(environment)
            case .registry(let registry):
                id = Self.registryID(registry)
                element = registries[registry].map(registryElement) ?? DiagramElement(
                    id: id, name: registry, shape: .delivery(.registry), isExternal: false, technology: nil, description: nil, icon: nil, tags: [])
            }
            if seen.insert(id).inserted { items.append(.element(element)) }
            return id
        }
        for step in promotion.steps {
            let from = add(step.from), to = add(step.to)
            let approval: String? = switch step.gate.approval {
            case .automatic: "automatic"
            case .manual(let approver): "manual approval" + (approver.map { " by \($0)" } ?? "")
            }
            edges.append(DiagramEdge(sourceID: from, destinationID: to, label: step.gate.condition + (step.gate.isPlanned ? " (planned)" : ""),
                                     technology: approval, kind: .flow(isPlanned: step.gate.isPlanned)))
        }
        return DiagramView(key: "promotion", title: "Promotion of \(model.architecture.name)", kind: .promotion, items: items, edges: edges)
    }

    static func stageID(_ stage: Stage) -> String { "stage_\(stage.id)" }
    static func environmentID(_ id: String) -> String { "environment_\(id)" }
    static func registryID(_ id: String) -> String { "registry_\(id)" }

    private func environmentElement(_ id: String) -> DiagramElement {
        let environment = model.architecture.environments.first { $0.id == id }
        let planned = environment.map { $0.status != .current } ?? false
        return DiagramElement(
            id: Self.environmentID(id), name: environment?.name ?? id, shape: .delivery(.environment), isExternal: false,
            technology: environment.map { Self.runtimeLabel($0.runtime) }, description: environment.flatMap(\.description), icon: nil, tags: [],
            isPlanned: planned)
    }

    private func registryElement(_ registry: Registry) -> DiagramElement {
        DiagramElement(id: Self.registryID(registry.id), name: registry.name, shape: .delivery(.registry), isExternal: false,
                       technology: nil, description: registry.url, icon: nil, tags: [])
    }

    /// "main, tags v*; manual approval by the on-call lead".
    private func conditionsLabel(_ conditions: [StageCondition]) -> String? {
        let parts = conditions.compactMap { condition -> String? in
            switch condition {
            case .branch(let branch): branch
            case .tag(let pattern): "tags \(pattern)"
            case .manualApproval(let approver): "manual approval" + (approver.map { " by \($0)" } ?? "")
            case .automatic: "automatic"
            case .optional: "optional"
            case .planned: nil
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// "Kubernetes 1.30", "GitLab CI runners", "VM, Docker Compose".
    static func runtimeLabel(_ runtime: Runtime) -> String {
        switch runtime {
        case .compose(_, let host): "\(hostLabel(host)), Docker Compose"
        case .ciRunners(let platform, _): "\(platform.name) runners"
        case .host(let host): hostLabel(host)
        case .kubernetes(let version, let namespace, _): "Kubernetes" + (version.map { " \($0)" } ?? "") + ", namespace \(namespace)"
        }
    }

    /// "VM (4 vCPU, 8 GB)".
    package static func hostLabel(_ host: Host) -> String {
        let size = [host.cpus.map { "\($0) vCPU" }, host.memoryGB.map { "\($0) GB" }].compactMap { $0 }
        return size.isEmpty ? host.name : "\(host.name) (\(size.joined(separator: ", ")))"
    }
}
