import Yams

/// Reads `.gitlab-ci.yml`: `stages:`, and every job (a top-level key that is
/// not a keyword or a hidden `.template`) with its `stage:` (default `test`),
/// its `only:` or `rules:` conditions and `when: manual`.
struct GitLabCIReader {
    let path: String

    /// Top-level keys that are settings, not jobs.
    static let keywords: Set<String> = [
        "stages", "variables", "default", "include", "workflow", "image", "services", "cache", "before_script", "after_script", "types", "pages:deploy",
    ]

    func read(_ root: Node.Mapping, rootLine: Int) -> CIDefinition {
        let stagesEntry = root.entry("stages")
        let declared = stagesEntry?.value.sequence?.compactMap { node in node.string.map { CIStage(name: $0, line: CIFileReader.line(node)) } }
        // GitLab's default stages when the file declares none.
        let stages = declared ?? [".pre", "build", "test", "deploy", ".post"].map { CIStage(name: $0, line: rootLine) }
        var jobs: [CIJob] = []
        for (key, value) in root {
            guard let name = key.string, !name.hasPrefix("."), !Self.keywords.contains(name), let job = value.mapping else { continue }
            let stage = job.entry("stage")?.value.string ?? "test"
            jobs.append(CIJob(
                name: name, stage: stage, line: CIFileReader.line(key), refs: refs(of: job),
                isManual: isManual(job), needs: job.entry("needs")?.value.sequence?.compactMap { $0.string ?? $0.mapping?.entry("job")?.value.string } ?? []))
        }
        return CIDefinition(path: path, stages: stages, jobs: jobs, stagesLine: stagesEntry.map { CIFileReader.line($0.key) } ?? rootLine,
                            declaresStages: declared != nil)
    }

    /// `only: [main, tags]`, `only: {refs: [...]}`, or the `if:` of each rule.
    private func refs(of job: Node.Mapping) -> CIRefs? {
        if let only = job.entry("only") {
            let names = only.value.mapping?.entry("refs")?.value.strings ?? only.value.strings
            var refs = CIRefs(branches: [], tags: [], line: CIFileReader.line(only.key))
            for name in names {
                switch name {
                case "tags": refs.tags.insert("*")
                case "branches": refs.branches.insert("*")
                case "merge_requests", "pushes", "schedules", "web", "api", "triggers", "pipelines", "external": break
                case _ where name.hasPrefix("/"): refs.branches.insert(CIConditions.glob(fromRegex: name))
                default: refs.branches.insert(name)
                }
            }
            return refs
        }
        if let rules = job.entry("rules"), let list = rules.value.sequence {
            var refs = CIRefs(branches: [], tags: [], line: CIFileReader.line(rules.key))
            for rule in list {
                guard let condition = rule.mapping?.entry("if")?.value.string, rule.mapping?.entry("when")?.value.string != "never" else { continue }
                let found = CIConditions.refs(in: condition)
                refs.branches.formUnion(found.branches)
                refs.tags.formUnion(found.tags)
            }
            return refs.branches.isEmpty && refs.tags.isEmpty ? nil : refs
        }
        return nil
    }

    private func isManual(_ job: Node.Mapping) -> Bool {
        if job.entry("when")?.value.string == "manual" { return true }
        return job.entry("rules")?.value.sequence?.contains { $0.mapping?.entry("when")?.value.string == "manual" } ?? false
    }
}
