import ArchdocBasics
import ArchdocModel
import ArchdocViews
import ArchitectureDescription

/// The parts of chapter 7 beyond the compose project, each from the model:
/// the environments, the pipeline, promotion, rollback, logging and
/// monitoring, configuration and open questions. Each is Markdown, already
/// escaped, or `false` when the model does not declare it, so a model without
/// them renders chapter 7 exactly as before.
struct DeliverySections: Sendable {
    let model: ArchitectureModel
    let views: [DiagramView]
    let references: DiagramReferences

    private var architecture: Architecture { model.architecture }

    func context() -> [String: Any] {
        [
            "environments": environments() ?? false,
            "pipeline": pipeline() ?? false,
            "pipelineDiagram": diagram(.pipeline),
            "promotion": promotion() ?? false,
            "promotionDiagram": diagram(.promotion),
            "rollback": rollback() ?? false,
            "operations": operations() ?? false,
            "configuration": configuration() ?? false,
            "openQuestions": openQuestions() ?? false,
            "kubernetes": kubernetes(),
        ]
    }

    /// The diagram partial's context for the view of a kind, or `false`.
    private func diagram(_ kind: DiagramView.Kind) -> Any {
        views.first { $0.kind == kind }.flatMap(references.context(for:)) ?? false
    }

    /// Chapter 11's generated part: the open questions and the environments not
    /// in place yet, or `false` when there are none.
    func risks() -> Any {
        var items = architecture.openQuestions.map { "- Open question: " + question($0) }
        for environment in architecture.environments where environment.status != .current {
            items.append("- \(MarkdownText.inline(environment.name)) is \(status(environment.status)).")
        }
        return items.isEmpty ? false : items.joined(separator: "\n")
    }

    // MARK: Environments

    static let environmentsHeader = ["Environment", "Where", "Status", "Compose files and manifests", "Notes"]

    private func environments() -> String? {
        guard !architecture.environments.isEmpty else { return nil }
        let rows = architecture.environments.map { environment in
            [
                "**\(MarkdownText.inline(environment.name))**",
                Self.place(of: environment.runtime),
                MarkdownText.inline(status(environment.status)),
                files(of: environment),
                environment.notes.map(MarkdownText.inline).joined(separator: "; "),
            ]
        }
        return MarkdownText.table(header: Self.environmentsHeader, rows: rows)
    }

    /// Where an environment runs, as Markdown: "VM (4 vCPU, 8 GB), Docker Compose".
    static func place(of runtime: Runtime) -> String {
        switch runtime {
        case .compose(_, let host): "\(hostText(host)), Docker Compose"
        case .ciRunners(let platform, let runners): MarkdownText.inline("\(platform.name) runners" + (runners.map { " (\($0))" } ?? ""))
        case .host(let host): hostText(host)
        case .kubernetes(let version, let namespace, let cluster):
            MarkdownText.inline("Kubernetes" + (version.map { " \($0)" } ?? "") + (cluster.map { ", cluster \($0)" } ?? ""))
                + ", namespace \(MarkdownText.code(namespace, inTable: true))"
        }
    }

    private static func hostText(_ host: Host) -> String {
        MarkdownText.inline(ViewBuilder.hostLabel(host))
    }

    private func status(_ status: EnvironmentStatus) -> String {
        switch status {
        case .current: "current"
        case .planned(let when): "planned" + (when.map { " (\($0))" } ?? "")
        case .toBeDecided(let what): "to be decided" + (what.map { " (\($0))" } ?? "")
        }
    }

    private func files(of environment: Environment) -> String {
        var files = (environment.composeFiles + environment.manifests).map { MarkdownText.code($0, inTable: true) }
        if case .compose(let profile, _) = environment.runtime { files.append("profile \(MarkdownText.code(profile, inTable: true))") }
        return files.joined(separator: ", ")
    }

    private func environmentName(_ id: String) -> String {
        MarkdownText.inline(architecture.environments.first { $0.id == id }?.name ?? id)
    }

    private func elementName(_ id: String) -> String {
        MarkdownText.code(id) + (model.element(id).map { " (\(MarkdownText.inline($0.name)))" } ?? "")
    }

    // MARK: Pipeline

    static let stagesHeader = ["#", "Stage", "Steps", "Builds, pushes, deploys", "Runs"]

    private func pipeline() -> String? {
        guard let pipeline = architecture.pipeline else { return nil }
        var text = "The pipeline is \(MarkdownText.code(pipeline.file)), run by \(MarkdownText.inline(pipeline.platform.name))."
        if !pipeline.triggers.isEmpty {
            text += " It runs " + Self.list(pipeline.triggers.map { trigger($0, platform: pipeline.platform) }) + "."
        }
        if let tags = imageTags(pipeline.imageTags) { text += " " + tags }
        let rows = pipeline.stages.enumerated().map { index, stage in
            [
                String(index + 1),
                "**\(MarkdownText.inline(stage.id))**" + (stage.jobs.isEmpty ? "" : " (jobs " + stage.jobs.map { MarkdownText.code($0, inTable: true) }.joined(separator: ", ") + ")"),
                ((stage.description.map { [$0] } ?? []) + stage.steps).map(MarkdownText.inline).joined(separator: "; ")
                    + (stage.tools.isEmpty ? "" : " (tools: " + stage.tools.map(MarkdownText.inline).joined(separator: ", ") + ")"),
                effects(of: stage),
                stage.conditions.isEmpty ? "every run" : conditions(stage.conditions),
            ]
        }
        return text + "\n\n" + MarkdownText.table(header: Self.stagesHeader, rows: rows)
    }

    private func effects(of stage: Stage) -> String {
        var parts: [String] = []
        if !stage.builds.isEmpty { parts.append("builds " + stage.builds.map { MarkdownText.code($0, inTable: true) }.joined(separator: ", ")) }
        if let registry = stage.pushesTo { parts.append("pushes to \(MarkdownText.code(registry.url, inTable: true))") }
        if let environment = stage.deploysTo { parts.append("deploys to \(environmentName(environment))") }
        if let target = stage.testsAgainst {
            let services = target.services.map { MarkdownText.code($0, inTable: true) }.joined(separator: ", ")
            let file = target.composeFile.map { MarkdownText.code($0, inTable: true) }
            parts.append("tests against " + [services.isEmpty ? nil : services, file.map { "of \($0)" }].compactMap { $0 }.joined(separator: " "))
        }
        return parts.joined(separator: "; ")
    }

    private func trigger(_ trigger: Trigger, platform: CIPlatform) -> String {
        switch trigger {
        case .push(let branches): "on every push to " + branchText(branches)
        case .mergeRequest(let into):
            "on every \(platform == .gitHubActions ? "pull request" : "merge request")" + (into == .any ? "" : " into " + branchText(into))
        case .tag(let pattern): "on tags \(MarkdownText.code(pattern))"
        case .manual: "when started by hand"
        case .schedule(let cron): "on the schedule \(MarkdownText.code(cron))"
        }
    }

    private func branchText(_ filter: BranchFilter) -> String {
        switch filter {
        case .any: "any branch"
        case .only(let branches): Self.list(branches.map { MarkdownText.code($0) })
        }
    }

    /// "Images are tagged with the commit SHA; a release tag `v1.4.2` is also pushed as `:1.4.2` and `:1.4`."
    private func imageTags(_ tags: [ImageTag]) -> String? {
        var rules: [String] = []
        var releaseTags: [String] = []
        for tag in tags {
            switch tag {
            case .commitSHA: rules.append("with the commit SHA")
            case .branch: rules.append("with the branch name")
            case .latest: rules.append("`latest`")
            case .custom(let rule): rules.append(MarkdownText.inline(rule))
            case .version: releaseTags.append("`:1.4.2`")
            case .minorVersion: releaseTags.append("`:1.4`")
            }
        }
        var sentences: [String] = []
        if !rules.isEmpty { sentences.append("Images are tagged " + Self.list(rules) + ".") }
        if !releaseTags.isEmpty { sentences.append("A release tag `v1.4.2` is also pushed as " + Self.list(releaseTags) + ".") }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// When a stage runs: its branches and tags are alternatives, the rest qualify them.
    private func conditions(_ conditions: [StageCondition]) -> String {
        var refs: [String] = []
        var others: [String] = []
        for condition in conditions {
            switch condition {
            case .branch(let branch): refs.append("on \(MarkdownText.code(branch, inTable: true))")
            case .tag(let pattern): refs.append("on tags \(MarkdownText.code(pattern, inTable: true))")
            default: others.append(self.condition(condition))
            }
        }
        let only = refs.isEmpty ? [] : ["only " + Self.list(refs)]
        return (only + others).joined(separator: "; ")
    }

    private func condition(_ condition: StageCondition) -> String {
        switch condition {
        case .branch(let branch): "only on \(MarkdownText.code(branch, inTable: true))"
        case .tag(let pattern): "only on tags \(MarkdownText.code(pattern, inTable: true))"
        case .manualApproval(let approver): "manual approval" + (approver.map { " by \(MarkdownText.inline($0))" } ?? "")
        case .automatic: "automatic"
        case .optional: "optional: a failure does not fail the pipeline"
        case .planned: "**planned**"
        }
    }

    // MARK: Promotion

    static let gatesHeader = ["From", "To", "Gate", "Approval"]

    private func promotion() -> String? {
        guard let promotion = architecture.promotion, !promotion.steps.isEmpty else { return nil }
        var path = [stopName(promotion.steps[0].from)]
        for step in promotion.steps {
            path.append("\(stopName(step.to)) (\(MarkdownText.inline(step.gate.condition))\(step.gate.isPlanned ? "; planned" : ""))")
        }
        var text = path.joined(separator: " → ") + "."
        let rows = promotion.steps.map { step in
            [
                stopName(step.from), stopName(step.to),
                MarkdownText.inline(step.gate.condition) + (step.gate.isPlanned ? " (**planned**)" : ""),
                approval(step.gate.approval),
            ]
        }
        text += "\n\n" + MarkdownText.table(header: Self.gatesHeader, rows: rows)
        var rules: [String] = []
        if promotion.neverRebuilt { rules.append("An image is never rebuilt between environments: every environment runs the same digest.") }
        if let rule = promotion.rule { rules.append(MarkdownText.inline(rule) + (rule.hasSuffix(".") ? "" : ".")) }
        if !rules.isEmpty { text += "\n\n" + rules.joined(separator: " ") }
        return text
    }

    private func stopName(_ stop: PromotionStop) -> String {
        switch stop {
        case .environment(let id): environmentName(id)
        case .registry(let id): MarkdownText.inline(registries[id]?.name ?? id)
        }
    }

    /// Every registry the pipeline names, by id.
    private var registries: [String: Registry] {
        Dictionary((architecture.pipeline?.stages ?? []).compactMap(\.pushesTo).map { ($0.id, $0) }) { first, _ in first }
    }

    private func approval(_ approval: Gate.Approval) -> String {
        switch approval {
        case .automatic: "automatic"
        case .manual(let approver): "manual" + (approver.map { ", by \(MarkdownText.inline($0))" } ?? "")
        }
    }

    // MARK: Rollback

    private func rollback() -> String? {
        guard let rollback = architecture.rollback else { return nil }
        var lines = ["- **Method:** \(MarkdownText.inline(rollback.method))"]
        if !rollback.triggers.isEmpty {
            lines.append("- **Triggers:** " + rollback.triggers.map(MarkdownText.inline).joined(separator: "; "))
        }
        if let time = rollback.recoveryTime { lines.append("- **Recovery time objective (RTO):** \(MarkdownText.inline(time.description))") }
        if let point = rollback.recoveryPoint {
            lines.append("- **Recovery point objective (RPO):** \(MarkdownText.inline(point.description))"
                + (rollback.recoveryPointBasis.map { " (\(MarkdownText.inline($0)))" } ?? ""))
        }
        var text = lines.joined(separator: "\n")
        if !rollback.procedure.isEmpty {
            text += "\n\nProcedure:\n\n" + rollback.procedure.enumerated().map { "\($0 + 1). \(MarkdownText.inline($1))" }.joined(separator: "\n")
        }
        return text
    }

    // MARK: Operations

    private func operations() -> String? {
        guard let operations = architecture.operations else { return nil }
        var lines: [String] = []
        for logging in operations.logging {
            var line = "- **Logs:** " + covered(logging.containers) + (logging.containers.count > 1 ? " log " : " logs ") + MarkdownText.inline(logging.format)
            if !logging.environments.isEmpty { line += "; in " + Self.list(logging.environments.map(environmentName)) }
            if let destination = logging.destination { line += " shipped to \(MarkdownText.inline(destination))" }
            if let retention = logging.retention { line += ", kept \(MarkdownText.inline(retention.description))" }
            lines.append(line + ".")
        }
        for metrics in operations.metrics {
            var line = "- **Metrics:** \(MarkdownText.inline(metrics.scraper)) scrapes "
            line += (metrics.endpoint.map { MarkdownText.code($0) + " of " } ?? "") + covered(metrics.containers)
            if let interval = metrics.interval { line += " every \(MarkdownText.inline(interval.description))" }
            if let dashboards = metrics.dashboards { line += "; \(MarkdownText.inline(dashboards)) shows the dashboards" }
            lines.append(line + ".")
        }
        for alert in operations.alerts {
            var line = "- **Alert:** \(MarkdownText.inline(alert.condition))"
            if let duration = alert.duration { line += " for \(MarkdownText.inline(duration.description))" }
            if !alert.containers.isEmpty { line += " (" + alert.containers.map { MarkdownText.code($0) }.joined(separator: ", ") + ")" }
            lines.append(line + ".")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private func covered(_ containers: [String]) -> String {
        containers.isEmpty ? "Every service" : Self.list(containers.map(elementName))
    }

    // MARK: Configuration

    static let variablesHeader = ["Variable", "Required", "Default", "Secret", "Comes from", "Description"]

    private func configuration() -> String? {
        guard let configuration = architecture.configuration else { return nil }
        var sentences: [String] = []
        if let example = configuration.exampleFile { sentences.append("\(MarkdownText.code(example)) lists every variable.") }
        if let local = configuration.localFile { sentences.append("\(MarkdownText.code(local)) holds the values and is never committed.") }
        let rows = configuration.variables.map { variable in
            [
                MarkdownText.code(variable.name, inTable: true),
                variable.isRequired ? "yes" : "no",
                // A secret's value is never written, not even its default.
                variable.isSecret ? "" : variable.defaultValue.map { MarkdownText.code($0, inTable: true) } ?? "",
                variable.isSecret ? "yes" : "no",
                variable.sources.map(source).joined(separator: "; "),
                variable.description.map(MarkdownText.inline) ?? "",
            ]
        }
        let table = MarkdownText.table(header: Self.variablesHeader, rows: rows)
        return sentences.isEmpty ? table : sentences.joined(separator: " ") + "\n\n" + table
    }

    private func source(_ source: VariableSource) -> String {
        let kind = switch source.kind {
        case .envFile(let path): MarkdownText.code(path, inTable: true)
        case .shell: "the shell"
        case .kubernetesSecret(let name): "Kubernetes Secret \(MarkdownText.code(name, inTable: true))"
        case .configMap(let name): "ConfigMap \(MarkdownText.code(name, inTable: true))"
        case .ciVariable: "a CI variable"
        }
        return kind + (source.environment.map { " in \(environmentName($0))" } ?? "")
    }

    // MARK: Kubernetes

    static let kubernetesHeader = ["Building block", "Workload", "Replicas", "Service and port", "Storage"]

    /// Each environment on Kubernetes: its view, the mapping table, how to apply it, and how it differs from compose.
    private func kubernetes() -> Any {
        let environments = model.kubernetesEnvironments
        guard !environments.isEmpty else { return false }
        let jobs = KubernetesRenderer.jobs(in: model)
        return environments.map { kubernetes -> [String: Any] in
            let settings = kubernetes.settings
            let rows = kubernetes.services.map { service -> [String] in
                let workload = Workload(service: service, model: model, settings: settings, isJob: jobs.contains(service.name))
                let ports = service.service.ports.compactMap { port -> String? in
                    guard let target = Int(port.target) else { return nil }
                    let published = port.published.flatMap { Int($0) } ?? target
                    return MarkdownText.code("\(Workload.resourceName(service.name)):\(published)", inTable: true) + (published == target ? "" : " → \(target)")
                }
                let claims = service.service.volumes.filter(\.isNamedVolume).compactMap(\.source)
                return [
                    elementName(service.name), workload.kind, workload.kind == "Job" ? "runs once" : String(kubernetes.replicas(of: service)),
                    ports.isEmpty ? "none" : "\(settings.serviceType.rawValue) " + ports.joined(separator: ", "),
                    claims.isEmpty ? "" : claims.map { MarkdownText.code($0, inTable: true) }.joined(separator: ", ") + " (\(MarkdownText.inline(settings.storage.size)))",
                ]
            }
            var differences: [String] = kubernetes.outside.map { "\(elementName($0.name)) runs outside the cluster; the workloads reach it through their configuration." }
            for service in kubernetes.services where settings.replicas[service.name] != nil && settings.replicas[service.name] != (service.replicas ?? 1) {
                differences.append("\(elementName(service.name)) runs \(kubernetes.replicas(of: service)) replicas; the compose profile runs \(service.replicas ?? 1).")
            }
            for service in kubernetes.services where jobs.contains(service.name) {
                differences.append("\(elementName(service.name)) runs as a Job once per release; nothing waits for it as compose's `depends_on` does.")
            }
            for service in kubernetes.services {
                for mount in service.service.volumes where !mount.isNamedVolume {
                    differences.append("\(elementName(service.name)): the bind mount \(MarkdownText.code(mount.description)) is not in the cluster.")
                }
            }
            let overlay = "\(settings.path)/overlays/\(kubernetes.environment.id)"
            let view = views.first { $0.kind == .cluster(environmentID: kubernetes.environment.id) }
            return [
                "name": MarkdownText.inline(kubernetes.environment.name),
                "planned": kubernetes.environment.status != .current,
                "diagram": view.flatMap(references.context(for:)) ?? false,
                "table": MarkdownText.table(header: Self.kubernetesHeader, rows: rows),
                "apply": "\(MarkdownText.code("kubectl apply -k \(overlay)")) applies the manifests of \(MarkdownText.code(overlay)) to the namespace \(MarkdownText.code(kubernetes.namespace)); "
                    + "\(MarkdownText.code("kubectl kustomize \(overlay)")) shows them.",
                "differences": differences.isEmpty ? false : differences.map { "- " + $0 }.joined(separator: "\n"),
            ]
        }
    }

    // MARK: Open questions

    private func openQuestions() -> String? {
        guard !architecture.openQuestions.isEmpty else { return nil }
        return architecture.openQuestions.map { "- " + question($0) }.joined(separator: "\n")
    }

    private func question(_ question: OpenQuestion) -> String {
        var text = MarkdownText.inline(question.text)
        var about: [String] = []
        if let environment = question.environment { about.append(environmentName(environment)) }
        if let owner = question.owner { about.append("to be answered by \(MarkdownText.inline(owner))") }
        if !about.isEmpty { text += " (\(about.joined(separator: "; ")))" }
        return text
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.joinedAsProse
    }
}
