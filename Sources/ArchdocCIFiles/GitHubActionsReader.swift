import Yams

/// Reads a GitHub Actions workflow: each job under `jobs:` is a stage of its
/// own, in file order, with its `needs:`, the branches and tags of its `if:`
/// (or else of the workflow's `on: push`), and whether it waits for an
/// environment's approval is not in the file, so manual stays `false`.
struct GitHubActionsReader {
    let path: String

    func read(_ root: Node.Mapping, rootLine: Int) throws(CIFileError) -> CIDefinition {
        guard let jobsEntry = root.entry("jobs"), let jobsMapping = jobsEntry.value.mapping else {
            throw CIFileError(path: path, line: rootLine, message: "has no `jobs:`; a workflow needs at least one job")
        }
        var jobs: [CIJob] = []
        for (key, value) in jobsMapping {
            guard let name = key.string, let job = value.mapping else { continue }
            var refs: CIRefs?
            if let condition = job.entry("if") {
                let found = CIConditions.refs(in: condition.value.string ?? "")
                if !found.branches.isEmpty || !found.tags.isEmpty {
                    refs = CIRefs(branches: found.branches, tags: found.tags, line: CIFileReader.line(condition.key))
                }
            }
            jobs.append(CIJob(name: name, stage: name, line: CIFileReader.line(key), refs: refs, isManual: false,
                              needs: job.entry("needs")?.value.strings ?? []))
        }
        return CIDefinition(path: path, stages: jobs.map { CIStage(name: $0.name, line: $0.line) }, jobs: jobs,
                            stagesLine: CIFileReader.line(jobsEntry.key))
    }
}
