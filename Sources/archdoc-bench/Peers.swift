import Foundation

/// The whole processes: c4-diagrams (Python), and `archdoc generate` on a
/// 1,000-container architecture folder. (The peers' in-process figures run in
/// turns with ours: c4-diagrams in ``PeerTurns``, `cmark` in ``FixedStages``.)
struct Peers {
    var work: String
    var archdoc: String  // the release archdoc binary
    var notes: [String] = []

    /// c4-diagrams building the same 1,000-container model and exporting it to
    /// both languages, as whole processes (median of 5). Its in-process exports
    /// run in turns with our renderers, in ``PeerTurns``.
    mutating func c4DiagramsWholeProcess(spec: SyntheticSpec) throws -> [Measurement] {
        let peer: C4DiagramsPeer
        do {
            peer = try C4DiagramsPeer(spec: spec, work: work)
        } catch let unavailable as C4DiagramsPeer.Unavailable {
            notes.append("c4-diagrams whole process skipped: \(unavailable)")
            return []
        }
        guard let whole = try Processes.medianMs(peer.python, peer.once) else {
            notes.append("c4-diagrams \(peer.version) failed as a whole process (see above)")
            return []
        }
        let peak = try Processes.peakMiB(peer.python, peer.once)
        return [Measurement(stage: "peer c4-diagrams: whole process (build + both exports)", size: spec.containers.count, medianMs: whole.median, minMs: nil,
                            runs: 5, peakMiB: peak, note: "c4-diagrams \(peer.version)")]
    }

    /// An architecture folder of `spec` for `archdoc generate`, and the first
    /// run in it (which compiles the model, or finds it cached). `nil` when that
    /// run fails or does not finish within `timeout` seconds.
    mutating func archdocProject(spec: SyntheticSpec, timeout: Int) throws -> (project: String, firstRun: Measurement)? {
        let size = spec.containers.count
        let project = "\(work)/project-\(size)"
        try FileManager.default.createDirectory(atPath: "\(project)/architecture", withIntermediateDirectories: true)
        let source = SyntheticSource.mainSwift(spec)
        let mainPath = "\(project)/architecture/main.swift"
        if (try? String(contentsOfFile: mainPath, encoding: .utf8)) != source {
            try source.write(toFile: mainPath, atomically: true, encoding: .utf8)
        }
        let first = try Processes.run("/usr/bin/timeout", ["\(timeout)", archdoc, "generate"], in: project)
        if first.status == 124 {
            notes.append("archdoc generate on \(size) containers did not finish in \(timeout) s (compile + SVG layout of every view)")
            return nil
        }
        guard first.status == 0 else {
            notes.append("archdoc generate failed on the \(size)-container folder: \(first.stderr.suffix(600))")
            return nil
        }
        return (project, Measurement(stage: "archdoc generate: first run (compile or cache)", size: size, medianMs: first.wallMs, minMs: nil, runs: 1, peakMiB: nil, note: "one run"))
    }

    static let wholeProcessStage = "archdoc generate: whole process, cached"

    /// One round of `archdoc generate` as a whole process in `project` (after
    /// ``archdocProject(spec:timeout:)``, so the model and pictures are cached):
    /// the median of 5 runs with hyperfine when it is installed, and the peak memory of one.
    mutating func archdocGenerate(in project: String, size: Int) throws -> Measurement? {
        let peak = try Processes.peakMiB(archdoc, ["generate"], in: project)
        if let hyperfine = Processes.which("hyperfine") {
            let json = "\(work)/hyperfine.json"
            let run = try Processes.run(hyperfine, ["-N", "--warmup", "0", "--runs", "5", "--export-json", json, "\(archdoc) generate"], in: project)
            if run.status == 0, let data = FileManager.default.contents(atPath: json),
               let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
               let result = (object["results"] as? [[String: Any]])?.first, let median = result["median"] as? Double {
                return Measurement(stage: Self.wholeProcessStage, size: size, medianMs: median * 1000, minMs: (result["min"] as? Double).map { $0 * 1000 },
                                   runs: 5, peakMiB: peak, note: "hyperfine")
            }
            notes.append("hyperfine failed (\(run.stderr.suffix(200))); timed with the bench's own loop")
        }
        guard let result = try Processes.medianMs(archdoc, ["generate"], in: project, runs: 7) else { return nil }
        return Measurement(stage: Self.wholeProcessStage, size: size, medianMs: result.median, minMs: nil, runs: 7, peakMiB: peak, note: "own loop")
    }
}
