import ArchdocAllocator
import Foundation

// archdoc-bench: `make bench`. With no stage argument, runs every size in a process
// of its own (for clean peak memory), the fixed-input stages, the whole-process
// runs and the peers, then prints the table and writes bench-results.json.
// The options are in `usage`; besides them, `--stage size --size N`,
// `--stage fixed`, `--stage peer-turns` and `--stage instructions --size N` are
// internal (the children of the full run, JSON on stdout).

let usage = """
    archdoc-bench: make bench. Runs every stage at 100, 1,000 and 10,000 containers, the
    fixed inputs, archdoc generate as a whole process, the peers (c4-diagrams, cmark) and
    archdoc serve under wrk; prints the table, the ratios and the targets, and writes JSON.

      archdoc-bench [--sizes 100,1000,10000] [--rounds 3] [--out bench-results.json] [--work .build/bench-work]
      archdoc-bench --stage whole --size N              (only archdoc generate as a whole process)
      archdoc-bench --stage serve [--archdoc PATH]      (only the serve latency and load test)
      archdoc-bench --stage compile [--archdoc PATH]    (only the compile time of README-style architectures)
      archdoc-bench --stage dot --size N --work DIR     (DOT files of the views, to profile Graphviz)
      archdoc-bench --stage profile --what dsl|indexing|views|validation|plantuml|mermaid|dot|compose|arc42|chapter|drift|site|pages --size N [--seconds S]
                                                         (one stage in a loop, for perf or callgrind)
    """

ProcessAllocator.configure()  // as archdoc does

if CommandLine.arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
    print(usage)
    exit(0)
}

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    return arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

func emit(_ measurements: [Measurement]) throws {
    FileHandle.standardOutput.write(try JSONEncoder().encode(measurements))
}

func log(_ text: String) { FileHandle.standardError.write(Data("bench: \(text)\n".utf8)) }

let work = URL(fileURLWithPath: option("--work") ?? ".build/bench-work").standardizedFileURL.path
/// The archdoc binary the whole-process and serve stages run.
let archdoc = URL(fileURLWithPath: option("--archdoc") ?? ".build/release/archdoc").standardizedFileURL.path
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
// Models compiled for the bench are cached here, so a second `make bench` skips compiling.
setenv("ARCHDOC_CACHE_DIR", "\(work)/cache", 0)

do {
    switch option("--stage") {
    case "size":
        try emit(try SizeStages(size: Int(option("--size") ?? "") ?? 1_000, work: work).run())
    case "dot":
        // For profiling layout by hand: the DOT of the 30-element view and of every view at --size.
        try FixedStages.dumpDOT(size: Int(option("--size") ?? "") ?? 100, to: "\(work)/dot")
        log("wrote \(work)/dot")
    case "profile":
        // For perf/callgrind: one stage in a loop, nothing else (e.g. --what plantuml).
        try Profiling.loop(option("--what") ?? "plantuml", size: Int(option("--size") ?? "") ?? 1_000, seconds: Double(option("--seconds") ?? "") ?? 5)
    case "whole":
        var peers = Peers(work: work, archdoc: archdoc)
        let spec = SyntheticSpec(containers: Int(option("--size") ?? "") ?? 1_000)
        var measurements: [Measurement] = []
        if let (project, first) = try peers.archdocProject(spec: spec, timeout: 600) {
            measurements = [first] + [try peers.archdocGenerate(in: project, size: spec.containers.count)].compactMap { $0 }
        }
        print(Report.table([["stage", "median ms", "peak MiB", "note"]] + measurements.map {
            [$0.stage, $0.medianMs.map { String(format: "%.1f", $0) } ?? "-", $0.peakMiB.map { String(format: "%.1f", $0) } ?? "-", $0.note ?? ""]
        }).joined(separator: "\n"))
        peers.notes.forEach { log($0) }
    case "compile":
        var compile = CompileTime(work: work, archdoc: archdoc)
        let measurements = try compile.run()
        print(Report.table([["stage", "size", "compile ms", "peak MiB", "note"]] + measurements.map {
            [$0.stage, "\($0.size)", $0.medianMs.map { String(format: "%.0f", $0) } ?? "-", $0.peakMiB.map { String(format: "%.0f", $0) } ?? "-", $0.note ?? ""]
        }).joined(separator: "\n"))
        print(Report.compileTargets(measurements).joined(separator: "\n"))
        compile.notes.forEach { log($0) }
    case "serve":
        var serve = ServeLoad(work: work, archdoc: archdoc)
        let measurements = try serve.run()
        print(Report.table([["stage", "median ms", "note"]] + measurements.map { [$0.stage, $0.medianMs.map { String(format: "%.1f", $0) } ?? "-", $0.note ?? ""] }).joined(separator: "\n"))
        serve.notes.forEach { log($0) }
    case "fixed":
        try emit(try FixedStages(work: work).run())
    case "peer-turns":
        try emit(try PeerTurns(work: work).run())
    case "instructions":
        try InstructionCounts.runChild(size: Int(option("--size") ?? "") ?? 1_000)
    default:
        let sizes = (option("--sizes") ?? "100,1000,10000").split(separator: ",").compactMap { Int($0) }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        /// Runs a stage in a process of its own; `oneCPU` pins it and what it starts to CPU 0.
        func child(_ arguments: [String], oneCPU: Bool = false) throws -> [Measurement] {
            let taskset = oneCPU ? Processes.which("taskset") : nil
            let command = taskset.map { ($0, ["-c", "0", me]) } ?? (me, [])
            let result = try Processes.run(command.0, command.1 + arguments + ["--work", work])
            guard result.status == 0 else { throw BenchError("archdoc-bench \(arguments.joined(separator: " ")) failed: \(result.stderr.suffix(1_000))") }
            return try JSONDecoder().decode([Measurement].self, from: Data(result.stdout.utf8))
        }
        var peers = Peers(work: work, archdoc: archdoc)
        let spec = SyntheticSpec(containers: 1_000)
        var fixed: [Measurement] = []
        log("archdoc generate as a whole process, 1,000 containers (the first run compiles the model: about 3 min, up to 10)")
        /// The architecture folder for the whole-process rounds, and its size; its first run goes in the table.
        func generateFolder(_ spec: SyntheticSpec, timeout: Int) throws -> (project: String, size: Int)? {
            guard let (project, first) = try peers.archdocProject(spec: spec, timeout: timeout) else { return nil }
            fixed.append(first)
            return (project, spec.containers.count)
        }
        var generating = try generateFolder(spec, timeout: 600)
        if generating == nil {
            log("archdoc generate as a whole process, 100 containers instead")
            generating = try generateFolder(SyntheticSpec(containers: 100), timeout: 150)
        }
        // Each size runs in a few rounds, interleaved (100, 1,000, 10,000, then
        // again), and each stage keeps its faster round: a slow spell of a
        // shared machine lasts minutes, and would otherwise decide a growth
        // factor. `archdoc generate` as a whole process follows each round.
        let rounds = max(1, Int(option("--rounds") ?? "") ?? 3)
        var measured: [[Measurement]] = []
        var wholeRounds: [Measurement] = []
        for round in 1...rounds {
            for size in sizes {
                log("in-process stages, \(size) containers (round \(round) of \(rounds))")
                measured.append(try child(["--stage", "size", "--size", "\(size)"]))
            }
            if let (project, size) = generating {
                log("archdoc generate as a whole process (round \(round) of \(rounds))")
                wholeRounds += [try peers.archdocGenerate(in: project, size: size)].compactMap { $0 }
            }
        }
        let scaling = Measure.fastestRounds(measured)
        if var fastest = Measure.fastestRounds(wholeRounds.map { [$0] }).first {
            let medians = wholeRounds.compactMap(\.medianMs).map { String(format: "%.0f", $0) }.joined(separator: ", ")
            fastest.note = [fastest.note, "the fastest of \(wholeRounds.count) rounds, one after each round of the sizes (\(medians) ms)"]
                .compactMap { $0 }.joined(separator: "; ")
            fixed.append(fastest)
        }
        var notes: [String] = []
        log("instructions of each stage at every size, counted by callgrind (one to two minutes)")
        let instructions = try InstructionCounts.measure(sizes: sizes, executable: me, work: work, notes: &notes)
        log("fixed-input stages (30-element SVG, 1,000 pages beside the cmark tool, cached load)")
        fixed += try child(["--stage", "fixed"])
        log("c4-diagrams peer: its exports in turns with our renderers, 1,000 containers; then as a whole process")
        fixed += try child(["--stage", "peer-turns"], oneCPU: true)
        fixed += try peers.c4DiagramsWholeProcess(spec: spec)
        log("compile time of README-style architectures, 100, 400 and 1,000 containers, and a one-line edit of a split one (about 2 min)")
        var compile = CompileTime(work: work, archdoc: archdoc)
        fixed += try compile.run()
        notes += compile.notes
        log("archdoc serve: save-to-reload latency and wrk load with a rebuild midway")
        var serve = ServeLoad(work: work, archdoc: archdoc)
        fixed += try serve.run()
        notes += peers.notes + serve.notes
        if !Measure.resettablePeak { notes.append("peak memory is the process high-water mark (clear_refs unavailable)") }
        notes.append("in-process stages run in one process per size; MiB = that stage's peak RSS (VmHWM reset before each stage), model included")
        notes.append("allocator of archdoc and of the in-process stages: \(ProcessAllocator.name)")
        notes.append("in-process stages ran in \(rounds) round\(rounds == 1 ? "" : "s") per size, interleaved; each stage shows its round with the lower median")
        notes.append("archdoc renders 3 deployment views besides the context and container views; the c4-diagrams peer renders only the context and container views")
        let report = Report(scaling: scaling, fixed: fixed, instructions: instructions, sizes: sizes, notes: notes)
        print(report.text())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let out = option("--out") ?? "bench-results.json"
        try encoder.encode(Results(scaling: scaling, fixed: fixed, instructions: instructions, everyRound: Array(measured.joined()))).write(to: URL(fileURLWithPath: out))
        print("\nwrote \(out)")
    }
} catch {
    log("error: \(error)")
    exit(1)
}
