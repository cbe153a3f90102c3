import ArchdocModel
import ArchdocViews
import Foundation

/// c4-diagrams (pip, a Python C4 DSL) on a synthetic model: `python3` running
/// `bench/c4_diagrams_peer.py` on the model's spec, written as JSON.
struct C4DiagramsPeer {
    /// Why the peer cannot run (no python3, no c4-diagrams): its rows are skipped.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static let script = "bench/c4_diagrams_peer.py"
    var python: String
    var version: String
    var specPath: String

    /// Writes the spec and checks that c4-diagrams imports.
    init(spec: SyntheticSpec, work: String) throws {
        guard let python = Processes.which("python3") else { throw Unavailable(description: "no python3") }
        let probe = try Processes.run(python, ["-c", "import c4; print(c4.__version__)"])
        guard probe.status == 0 else {
            throw Unavailable(description: "c4-diagrams is not installed (pip install c4-diagrams==0.7.1)")
        }
        self.python = python
        version = probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        specPath = "\(work)/spec-\(spec.containers.count).json"
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: specPath))
    }

    /// The arguments of one build and both exports, for whole-process timing.
    var once: [String] { [Self.script, specPath, "--once"] }
}

/// archdoc's diagram renderers and c4-diagrams' exports of the same views, in
/// turns, run for run, in the same minutes: a slow spell of a shared machine
/// lasts minutes, and timed minutes apart the Mermaid ratio moved from 8.7x to
/// 17x between two runs of the bench with the same code.
///
/// In each turn a side runs twice and its second run is timed: the first
/// finds the caches full of the other side's data, which cost our 3 ms
/// renderers up to 1.7 ms a run and c4-diagrams' 50 ms exports next to nothing.
/// The full run starts this stage on one CPU (`taskset -c 0`), so both sides
/// run on it: on two, one side could share its core with a busy neighbour
/// while the other did not, and the ratio moved from 9x to 18x.
struct PeerTurns {
    var work: String
    var size = 1_000
    /// Rounds after the warm-up round; each takes about 0.35 s at 1,000 containers.
    var rounds = 21

    /// Runs `body` twice and returns the second run's time.
    private static func warm(_ body: @escaping () throws -> Double) -> () throws -> Double {
        {
            _ = try body()
            return try body()
        }
    }

    /// The rows of one language's pair: our renderer, and c4-diagrams' export.
    static func ours(_ language: String) -> String { "archdoc: \(language) export" }
    static func theirs(_ language: String) -> String { "peer c4-diagrams: \(language) export" }
    static let theirBuild = "peer c4-diagrams: build model"

    /// The CPUs this process may run on, as `/proc/self/status` lists them (`0`, `0-1`).
    private static func allowedCPUs() -> String? {
        let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        return status?.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
    }

    func run() throws -> [Measurement] {
        let cpus = Self.allowedCPUs()
        let pinned = cpus.map { !$0.contains(",") && !$0.contains("-") } ?? false
        let spec = SyntheticSpec(containers: size)
        let model = ArchitectureModel(SyntheticModel.architecture(spec))
        let views = SizeStages.peerViews(ViewBuilder(model: model).defaultViews())
        let clock = ContinuousClock()
        let ours = SizeStages.diagramRenderers.map { language, renderer in
            (stage: Self.ours(language), body: {
                let start = clock.now
                consume(views.map(renderer.render))
                return Measure.milliseconds(clock.now - start)
            } as () throws -> Double)
        }
        let peer: C4DiagramsPeer
        do {
            peer = try C4DiagramsPeer(spec: spec, work: work)
        } catch let unavailable as C4DiagramsPeer.Unavailable {
            // Ours alone, and the peer's rows skipped with the reason.
            let alone = try Measure.inTurns(runs: rounds, ours.map { Self.warm($0.body) })
            return zip(ours, alone).map { measurement($0.stage, $1, note: "c4-diagrams skipped") }
                + [Self.theirBuild, Self.theirs("C4-PlantUML"), Self.theirs("Mermaid")].map {
                    .skipped($0, size: size, note: "\(unavailable); peer skipped")
                }
        }
        let session = try LineSession(peer.python, [C4DiagramsPeer.script, peer.specPath, "--turns"], errorLog: "\(work)/c4-diagrams-\(size).log")
        let header = try JSONSerialization.jsonObject(with: Data(try session.readLine().utf8)) as? [String: Any] ?? [:]
        let about = "c4-diagrams \(peer.version), \(header["views"] ?? "?") views"
        func theirs(_ command: String) -> () throws -> Double {
            {
                let answer = try session.ask(command)
                guard let ms = Double(answer) else { throw BenchError("c4-diagrams \(command): \(answer)") }
                return ms
            }
        }
        var pairs: [(stage: String, command: String)] = [(Self.theirs("C4-PlantUML"), "plantuml"), (Self.theirBuild, "build")]
        var skipped: [Measurement] = []
        if let error = header["mermaid_error"] {
            skipped.append(.skipped(Self.theirs("Mermaid"), size: size, note: "c4-diagrams \(peer.version) failed: \(error)"))
        } else {
            pairs.insert((Self.theirs("Mermaid"), "mermaid"), at: 1)
        }
        let stages = ours.map(\.stage) + pairs.map(\.stage)
        let timings = try Measure.inTurns(runs: rounds, (ours.map(\.body) + pairs.map { theirs($0.command) }).map(Self.warm))
        let note = "in turns with the other, the second of two runs a turn\(pinned ? ", both on CPU \(cpus ?? "")" : ""); \(about)"
        return zip(stages, timings).map { measurement($0, $1, note: note) } + skipped
    }

    private func measurement(_ stage: String, _ timing: (median: Double, min: Double), note: String) -> Measurement {
        Measurement(stage: stage, size: size, medianMs: timing.median, minMs: timing.min, runs: rounds, peakMiB: nil, note: note)
    }
}
