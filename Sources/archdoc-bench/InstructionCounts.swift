import ArchdocComposeFiles
import ArchdocGeneration
import ArchdocModel
import ArchdocRenderers
import ArchdocViews
import ArchitectureDescription
import Foundation

/// One stage's instructions at one size, counted by callgrind.
struct InstructionCount: Codable {
    var stage: String
    var size: Int
    var instructions: Int
}

/// The instructions each in-process stage executes, counted by valgrind's
/// callgrind: unlike wall time, the count does not move with a shared
/// machine's slow spells, so its growth from 1,000 to 10,000 containers shows
/// whether the code's work is linear, apart from what caches and memory add.
///
/// The parent runs `--stage instructions --size N` under callgrind, which
/// writes a dump as each ``counted(_:)`` call starts (`--dump-before`): dump
/// 1 is everything before the first stage, dump k + 1 is stage k, and a last
/// empty call closes the last stage. The child prints the stages' names in order.
enum InstructionCounts {
    /// The stages, in the order the child runs them: the names of ``SizeStages``.
    static func stages(size: Int) -> [(name: String, body: () throws -> Void)] {
        let spec = SyntheticSpec(containers: size)
        let architecture = SyntheticModel.architecture(spec)
        let model = ArchitectureModel(architecture)
        let views = ViewBuilder(model: model).defaultViews()
        let diagrams = SizeStages.diagramSources(of: views)
        let configuration = GeneratorConfiguration(templatesDirectory: "/nonexistent", docsDirectory: "/nonexistent")
        return [
            ("dsl build (in process)", { consume(SyntheticModel.architecture(spec)) }),
            ("model indexing", { consume(ArchitectureModel(architecture)) }),
            ("validation", { consume(Validator().validate(model)) }),
            ("views", { consume(ViewBuilder(model: model).defaultViews()) }),
        ] + SizeStages.diagramRenderers.map { language, renderer in
            ("render \(language) (all views)", { consume(views.map(renderer.render)) })
        } + [
            ("render compose", { consume(ComposeRenderer().render(model)) }),
            ("render arc42", { consume(try Arc42Generator(layout: configuration.layout).files(for: model, views: views, diagrams: diagrams)) }),
        ]
    }

    /// The child: each stage once on a 100-container model first, uncounted, so
    /// that one-time costs (lazy globals, caches of the runtime) fall outside
    /// the counts; then each stage once at `size`, counted. Prints the names.
    static func runChild(size: Int) throws {
        for (_, body) in stages(size: 100) { try body() }
        let stages = stages(size: size)
        for (_, body) in stages { try counted(body) }
        counted {}
        FileHandle.standardOutput.write(try JSONEncoder().encode(stages.map(\.name)))
    }

    /// The function callgrind dumps before.
    @inline(never)
    static func counted(_ body: () throws -> Void) rethrows {
        try body()
    }

    /// Runs the child under callgrind at each size; `nil` with a note when
    /// valgrind or strip is missing. Valgrind cannot read the debug information
    /// Swift writes, so the child is a copy of this binary without it.
    static func measure(sizes: [Int], executable: String, work: String, notes: inout [String]) throws -> [InstructionCount] {
        guard let valgrind = Processes.which("valgrind"), let strip = Processes.which("strip") else {
            notes.append("instruction counts skipped: valgrind or strip is not installed (apt-get install valgrind binutils)")
            return []
        }
        let folder = "\(work)/callgrind"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stripped = "\(folder)/archdoc-bench"
        let copy = try Processes.run(strip, ["-g", "-o", stripped, executable])
        guard copy.status == 0 else { throw BenchError("strip failed: \(copy.stderr.suffix(400))") }
        var out: [InstructionCount] = []
        for size in sizes {
            let prefix = "\(folder)/\(size).out"
            let run = try Processes.run(valgrind, [
                "--tool=callgrind", "--callgrind-out-file=\(prefix)",
                "--dump-before=*InstructionCounts*counted*",
                stripped, "--stage", "instructions", "--size", "\(size)", "--work", work,
            ])
            guard run.status == 0, let names = try? JSONDecoder().decode([String].self, from: Data(run.stdout.utf8)) else {
                throw BenchError("callgrind at \(size) containers failed: \(run.stderr.suffix(800))")
            }
            for (index, name) in names.enumerated() {
                let dump = "\(prefix).\(index + 2)"
                guard let instructions = try totalInstructions(in: dump) else {
                    throw BenchError("callgrind wrote no total to \(dump)")
                }
                out.append(InstructionCount(stage: name, size: size, instructions: instructions))
            }
        }
        return out
    }

    /// The `totals:` (or `summary:`) line of a callgrind dump.
    private static func totalInstructions(in path: String) throws -> Int? {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n").reversed() where line.hasPrefix("totals:") || line.hasPrefix("summary:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
