import ArchdocCIFiles
import ArchdocModel
import ArchitectureDescription

/// Compares the model's ``Pipeline`` with the CI definition file it names:
/// the stages (on one side only, or in another order), the jobs that belong
/// to each stage (a stage with no `jobs:` in the model expects one job named
/// like it), and each job's branch and tag conditions and manual start.
/// Every finding names the CI file's line, and the model's declaration.
package struct PipelineDrift: Sendable {
    let pipeline: Pipeline

    /// Creates a comparison of the model's pipeline.
    package init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    /// The platform whose reader reads the pipeline's file, or `nil` for a platform `check` cannot read.
    package var platform: CIFileReader.Platform? {
        switch pipeline.platform {
        case .gitLabCI: .gitLabCI
        case .gitHubActions: .gitHubActions
        case .other: nil
        }
    }

    /// The differences between the model and `definition`.
    package func findings(against definition: CIDefinition) -> [Finding] {
        let file = definition.path
        var findings: [Finding] = []
        let modelStages = pipeline.stages.map(\.id)
        let fileStages = definition.stages.map(\.name).filter { !$0.hasPrefix(".") }
        let jobsByStage = Dictionary(grouping: definition.jobs, by: \.stage)

        // Stages on one side only. Without a `stages:` list, a stage of the file
        // counts when a job uses it (GitLab has `build`, `test` and `deploy` then).
        // A stage missing from each side at once is taken for one renamed.
        let modelOnly = pipeline.stages.filter { !fileStages.contains($0.id) }
        let fileOnly = definition.stages.filter { !$0.name.hasPrefix(".") && !modelStages.contains($0.name) && (definition.declaresStages || jobsByStage[$0.name] != nil) }
        for (stage, other) in zip(modelOnly, fileOnly) {
            findings.append(Finding(.stageRenamed, "the model's stage \(stage.id.quoted) is not in \(file), which has the stage \(other.name.quoted) in its place",
                                    file: file, line: other.line, model: stage.location))
        }
        for stage in modelOnly.dropFirst(fileOnly.count) {
            findings.append(Finding(.stageNotInCI, "the model's stage \(stage.id.quoted) is not a stage of \(file)", file: file, line: definition.stagesLine, model: stage.location))
        }
        for stage in fileOnly.dropFirst(modelOnly.count) {
            findings.append(Finding(.stageNotInModel, "\(file) has the stage \(stage.name.quoted), which the model's pipeline does not list", file: file, line: stage.line,
                                    model: pipeline.location))
        }
        // The order of the stages both sides have.
        let common = modelStages.filter(fileStages.contains)
        let fileOrder = fileStages.filter(modelStages.contains)
        if common != fileOrder, let first = zip(common, fileOrder).first(where: { $0 != $1 }) {
            let stage = definition.stages.first { $0.name == first.1 }
            findings.append(Finding(.stageOrder, "\(file) runs the stages in the order \(fileOrder.joined(separator: ", ")); the model has \(common.joined(separator: ", "))",
                                    file: file, line: stage?.line ?? definition.stagesLine, model: pipeline.location))
        }

        // The jobs of each stage both sides have. A job the model expects in
        // another stage is reported there, once, as in the wrong stage.
        let expectedAnywhere = Set(pipeline.stages.flatMap { $0.jobs.isEmpty ? [$0.id] : $0.jobs })
        for stage in pipeline.stages where fileStages.contains(stage.id) {
            let expected = stage.jobs.isEmpty ? [stage.id] : stage.jobs
            let actual = jobsByStage[stage.id] ?? []
            let missing = expected.filter { name in !actual.contains { $0.name == name } }
            let extra = actual.filter { !expected.contains($0.name) && !expectedAnywhere.contains($0.name) }
            // A job missing and an unlisted one in the same stage: taken for one renamed.
            for (name, job) in zip(missing, extra) {
                findings.append(Finding(.jobRenamed, "the job \(name.quoted) of the model's stage \(stage.id.quoted) is not in \(file), which has the job \(job.name.quoted) in its place",
                                        file: file, line: job.line, model: stage.location))
            }
            for name in missing.dropFirst(extra.count) {
                let elsewhere = definition.jobs.first { $0.name == name }
                let message = elsewhere.map { "the job \(name.quoted) of the model's stage \(stage.id.quoted) is in the stage \($0.stage.quoted) of \(file)" }
                    ?? "the model's stage \(stage.id.quoted) has the job \(name.quoted), which \(file) does not define"
                findings.append(Finding(.jobNotInCI, message, file: file, line: elsewhere?.line ?? definition.stages.first { $0.name == stage.id }?.line,
                                        model: stage.location))
            }
            for job in extra.dropFirst(missing.count) {
                findings.append(Finding(.jobNotInModel, "\(file) has the job \(job.name.quoted) in the stage \(stage.id.quoted), which the model does not list; add it to the stage's jobs:",
                                        file: file, line: job.line, model: stage.location))
            }
            for job in actual where expected.contains(job.name) {
                findings += conditionFindings(stage: stage, job: job, file: file)
            }
        }
        return findings
    }

    /// Branch, tag and manual conditions of one job against its stage's.
    private func conditionFindings(stage: Stage, job: CIJob, file: String) -> [Finding] {
        var branches: Set<String> = [], tags: Set<String> = []
        var manual = false
        for condition in stage.conditions {
            switch condition {
            case .branch(let branch): branches.insert(branch)
            case .tag(let pattern): tags.insert(pattern)
            case .manualApproval: manual = true
            case .automatic, .optional, .planned: break
            }
        }
        var findings: [Finding] = []
        let fileBranches = job.refs?.branches ?? [], fileTags = job.refs?.tags ?? []
        if branches != fileBranches || tags != fileTags {
            findings.append(Finding(.pipelineCondition,
                                    "the job \(job.name.quoted) runs \(Self.describe(fileBranches, fileTags)) in \(file); the model's stage \(stage.id.quoted) runs \(Self.describe(branches, tags))",
                                    file: file, line: job.refs?.line ?? job.line, model: stage.location))
        }
        // A planned stage is not in place yet: whether it is manual is not compared.
        if manual != job.isManual, !stage.conditions.contains(.planned) {
            findings.append(Finding(.pipelineCondition,
                                    "the job \(job.name.quoted) \(job.isManual ? "starts by hand" : "starts automatically") in \(file); the model's stage \(stage.id.quoted) \(manual ? "needs a manual approval" : "starts automatically")",
                                    file: file, line: job.line, model: stage.location))
        }
        return findings
    }

    /// "on every branch and tag", "only on main and on tags v*".
    static func describe(_ branches: Set<String>, _ tags: Set<String>) -> String {
        if branches.isEmpty && tags.isEmpty { return "on every pipeline" }
        let parts = branches.sorted().map { "on \($0)" } + tags.sorted().map { $0 == "*" ? "on every tag" : "on tags \($0)" }
        return "only " + parts.joined(separator: " and ")
    }
}
