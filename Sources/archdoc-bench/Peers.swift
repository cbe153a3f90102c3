import Foundation

/// The c4-diagrams peer (Python), and `archdoc generate` as a whole process on a
/// 1,000-container architecture folder. (The `cmark` peer runs in turns with the
/// site build, in ``FixedStages``.)
struct Peers {
    var work: String
    var archdoc: String  // the release archdoc binary
    var notes: [String] = []

    /// c4-diagrams on the same 1,000-container model: in process (median of 5, inside
    /// Python) and as whole processes.
    mutating func c4Diagrams(spec: SyntheticSpec) throws -> [Measurement] {
        let specPath = "\(work)/spec-\(spec.containers.count).json"
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: specPath))
        guard let python = Processes.which("python3") else { notes.append("c4-diagrams: no python3"); return [] }
        let script = "bench/c4_diagrams_peer.py"
        let probe = try Processes.run(python, ["-c", "import c4; print(c4.__version__)"])
        guard probe.status == 0 else {
            notes.append("c4-diagrams is not installed (pip install c4-diagrams==0.7.1); peer skipped")
            return []
        }
        let version = probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try Processes.run(python, [script, specPath])
        guard result.status == 0, let figures = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            notes.append("c4-diagrams \(version) failed: \(result.stderr.suffix(400))")
            return []
        }
        let size = spec.containers.count
        func m(_ stage: String, _ key: String) -> Measurement? {
            (figures[key] as? Double).map { Measurement(stage: stage, size: size, medianMs: $0, minMs: nil, runs: 5, peakMiB: nil, note: "c4-diagrams \(version), \(figures["views"] ?? "?") views") }
        }
        var out = [m("peer c4-diagrams: build model", "build_ms"), m("peer c4-diagrams: C4-PlantUML export", "plantuml_ms"), m("peer c4-diagrams: Mermaid export", "mermaid_ms")].compactMap { $0 }
        if let error = figures["mermaid_error"] { notes.append("c4-diagrams Mermaid export failed: \(error)") }
        if let whole = try Processes.medianMs(python, [script, specPath, "--once"]) {
            let peak = try Processes.peakMiB(python, [script, specPath, "--once"])
            out.append(Measurement(stage: "peer c4-diagrams: whole process (build + both exports)", size: size, medianMs: whole.median, minMs: nil, runs: 5, peakMiB: peak, note: nil))
        }
        return out
    }

    /// `archdoc generate` as a whole process on a 1,000-container architecture folder
    /// (model cached after the first run), with hyperfine when it is installed.
    /// `nil` when the first run does not finish within `timeout` seconds.
    mutating func archdocGenerate(spec: SyntheticSpec, timeout: Int) throws -> [Measurement]? {
        let project = "\(work)/project-\(spec.containers.count)"
        try FileManager.default.createDirectory(atPath: "\(project)/architecture", withIntermediateDirectories: true)
        let source = SyntheticSource.mainSwift(spec)
        let mainPath = "\(project)/architecture/main.swift"
        if (try? String(contentsOfFile: mainPath, encoding: .utf8)) != source {
            try source.write(toFile: mainPath, atomically: true, encoding: .utf8)
        }
        let first = try Processes.run("/usr/bin/timeout", ["\(timeout)", archdoc, "generate"], in: project)
        if first.status == 124 {
            notes.append("archdoc generate on \(spec.containers.count) containers did not finish in \(timeout) s (compile + SVG layout of every view)")
            return nil
        }
        guard first.status == 0 else {
            notes.append("archdoc generate failed on the \(spec.containers.count)-container folder: \(first.stderr.suffix(600))")
            return nil
        }
        let size = spec.containers.count
        var out = [Measurement(stage: "archdoc generate: first run (compile or cache)", size: size, medianMs: first.wallMs, minMs: nil, runs: 1, peakMiB: nil, note: "one run")]
        let peak = try Processes.peakMiB(archdoc, ["generate"], in: project)
        if let hyperfine = Processes.which("hyperfine") {
            let json = "\(work)/hyperfine.json"
            let run = try Processes.run(hyperfine, ["-N", "--warmup", "0", "--runs", "5", "--export-json", json, "\(archdoc) generate"], in: project)
            if run.status == 0, let data = FileManager.default.contents(atPath: json),
               let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
               let result = (object["results"] as? [[String: Any]])?.first, let median = result["median"] as? Double {
                out.append(Measurement(stage: "archdoc generate: whole process, cached", size: size, medianMs: median * 1000, minMs: (result["min"] as? Double).map { $0 * 1000 },
                                       runs: 5, peakMiB: peak, note: "hyperfine"))
                return out
            }
            notes.append("hyperfine failed (\(run.stderr.suffix(200))); timed with the bench's own loop")
        }
        if let result = try Processes.medianMs(archdoc, ["generate"], in: project, runs: 7) {
            out.append(Measurement(stage: "archdoc generate: whole process, cached", size: size, medianMs: result.median, minMs: nil, runs: 7, peakMiB: peak, note: "own loop"))
        }
        return out
    }
}
