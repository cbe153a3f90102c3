import Foundation

/// What `make bench` writes to `bench-results.json`.
struct Results: Codable {
    /// Per stage and size, the round with the lowest median.
    var scaling: [Measurement]
    /// Fixed inputs, whole processes and peers.
    var fixed: [Measurement]
    var instructions: [InstructionCount]
    /// Every round of ``scaling``.
    var everyRound: [Measurement]
}

/// The table, the ratios against the peers, and the targets of DESIGN.md.
struct Report {
    var scaling: [Measurement]  // per size
    var fixed: [Measurement]    // fixed inputs and peers
    var instructions: [InstructionCount]
    var sizes: [Int]
    var notes: [String]

    func text() -> String {
        var lines: [String] = []
        let header = ["stage"] + sizes.map { "\($0.formatted()) ms (MiB)" } + growthHeaders() + ["note"]
        let rows = Self.inOrder(scaling.map(\.stage)).map { stage in
            let cells = sizes.map { size in scaling.first { $0.stage == stage && $0.size == size } }
            return [stage] + cells.map { cell in cell.flatMap(Self.cell) ?? "skipped" } + Self.growth(cells.map { $0?.medianMs })
                + [cells.compactMap { $0?.note }.first ?? ""]
        }
        lines += Self.table([header] + rows)
        lines.append("")
        if !instructions.isEmpty {
            lines += instructionTable()
            lines.append("")
        }
        lines += Self.table([["fixed input / whole process / peer", "size", "median ms", "peak MiB", "note"]] + fixed.map {
            [$0.stage, "\($0.size)", $0.medianMs.map { String(format: "%.2f", $0) } ?? "skipped", $0.peakMiB.map { String(format: "%.1f", $0) } ?? "-", $0.note ?? ""]
        })
        lines.append("")
        lines += ratios().map { "ratio: " + $0 }
        lines.append("")
        lines += targets()
        lines += notes.map { "note: " + $0 }
        return lines.joined(separator: "\n")
    }

    /// Instructions per stage and size, in millions, and their growth.
    private func instructionTable() -> [String] {
        let header = ["instructions (callgrind, one run)"] + sizes.map { "\($0.formatted()) (M)" } + growthHeaders()
        let rows = Self.inOrder(instructions.map(\.stage)).map { stage in
            let counts = sizes.map { size in instructions.first { $0.stage == stage && $0.size == size }.map { Double($0.instructions) } }
            return [stage] + counts.map { $0.map { String(format: "%.1f", $0 / 1e6) } ?? "-" } + Self.growth(counts)
        }
        return Self.table([header] + rows)
    }

    /// Each stage once, in the order of its first appearance.
    private static func inOrder(_ stages: [String]) -> [String] {
        var seen: Set<String> = []
        return stages.filter { seen.insert($0).inserted }
    }

    /// The growth from each size to the next ("-" where a value is missing).
    private static func growth(_ values: [Double?]) -> [String] {
        zip(values, values.dropFirst()).map { a, b in
            guard let a, let b, a > 0 else { return "-" }
            return String(format: "%.1fx", b / a)
        }
    }

    /// The stage whose value grows most from 1,000 to 10,000 containers.
    private static func worstGrowth(_ values: [(stage: String, size: Int, value: Double?)]) -> (stage: String, factor: Double)? {
        values.filter { $0.size == 10_000 }.compactMap { big -> (String, Double)? in
            guard let b = big.value, let a = values.first(where: { $0.stage == big.stage && $0.size == 1_000 })?.value, a > 0 else { return nil }
            return (big.stage, b / a)
        }.max { $0.1 < $1.1 }
    }

    private func growthHeaders() -> [String] {
        zip(sizes, sizes.dropFirst()).map { "\($0.formatted())→\($1.formatted())" }
    }

    private static func cell(_ m: Measurement) -> String? {
        guard let ms = m.medianMs else { return nil }
        return String(format: ms < 10 ? "%.2f" : "%.0f", ms) + (m.peakMiB.map { String(format: " (%.0f)", $0) } ?? "")
    }

    func value(_ stage: String, _ size: Int? = nil) -> Measurement? {
        (scaling + fixed).first { $0.stage == stage && (size == nil || $0.size == size) }
    }

    func ratios() -> [String] {
        var out: [String] = []
        for (language, ours, theirs) in Self.peerPairs {
            if let a = value(ours)?.medianMs, let b = value(theirs)?.medianMs {
                out.append(String(format: "%@ export at 1,000 (same 21 views, in turns): archdoc %.2f ms vs c4-diagrams %.1f ms in process = %.1fx faster (target ≥ 10x)",
                                  language, a, b, b / a))
            }
        }
        if let a = value(Peers.wholeProcessStage)?.medianMs, let b = value("peer c4-diagrams: whole process (build + both exports)")?.medianMs {
            out.append(String(format: "whole process at 1,000: archdoc generate (every artifact) %.0f ms vs c4-diagrams (two exports) %.0f ms = %.2fx", a, b, b / a))
        }
        if let site = value("site build (1,000 pages, 10-container model)")?.medianMs, let cmark = value("peer cmark tool (1,000 pages, one process)")?.medianMs {
            out.append(String(format: "site of 1,000 pages %.0f ms vs cmark tool %.0f ms = %.2fx cmark's time (target ≤ 2x)", site, cmark, site / cmark))
            if let render = value("CommonMark.render (1,000 pages)")?.medianMs {
                out.append(String(format: "CommonMark.render of the 1,000 pages alone %.0f ms = %.2fx cmark's time", render, render / cmark))
            }
        }
        return out
    }

    /// Our renderer on the views c4-diagrams draws, and c4-diagrams' export.
    /// Each pair ran in turns, run for run, in one child (``PeerTurns``).
    static let peerPairs = SizeStages.diagramRenderers.map { language, _ in
        (language: language, ours: PeerTurns.ours(language), theirs: PeerTurns.theirs(language))
    }

    /// One target's line: MET, MISSED, or n/a when it was not measured.
    private static func check(_ label: String, _ ok: Bool?) -> String { "target \(ok.map { $0 ? "MET   " : "MISSED" } ?? "n/a   ") \(label)" }

    func targets() -> [String] {
        let check = Self.check
        var out: [String] = []
        let whole = value(Peers.wholeProcessStage)
        let wholeSize = whole.map { "\($0.size.formatted())" } ?? "1,000"
        // Measured at fewer containers only when 1,000 did not finish: then the target is missed.
        let unfinished = notes.contains { $0.contains("did not finish") }
        let wholeOK: Bool? = unfinished ? false : whole?.medianMs.map { $0 < 200 }
        out.append(check(String(format: "every artifact for 1,000 containers < 200 ms as a whole process: %.0f ms (measured at %@ containers)", whole?.medianMs ?? .nan, wholeSize), wholeOK))
        out.append(check(String(format: "… and < 150 MB peak: %.0f MiB (at %@ containers)", whole?.peakMiB ?? .nan, wholeSize), unfinished ? nil : whole?.peakMiB.map { $0 * 1.048576 < 150 }))
        for stage in ["render C4-PlantUML (all views)", "render Mermaid (all views)", "render compose", "render arc42"] {
            let ms = value(stage, 1_000)?.medianMs
            out.append(check(String(format: "%@ < 2 ms per 100 containers (< 20 ms at 1,000): %.2f ms", stage, ms ?? .nan), ms.map { $0 < 20 }))
        }
        let worst = Self.worstGrowth(scaling.map { ($0.stage, $0.size, $0.medianMs) })
        out.append(check(String(format: "growth 1,000→10,000 ≤ 12x: worst %.1fx (%@)", worst?.1 ?? .nan, worst?.0 ?? "-"), worst.map { $0.1 <= 12 }))
        if let (stage, factor) = Self.worstGrowth(instructions.map { ($0.stage, $0.size, Double($0.instructions)) }) {
            out.append(String(format: "                instructions 1,000→10,000 (callgrind, unmoved by slow spells): worst %.1fx (%@)", factor, stage))
        }
        for (language, ours, theirs) in Self.peerPairs {
            let ratio = value(ours)?.medianMs.flatMap { a in value(theirs)?.medianMs.map { $0 / a } }
            out.append(check(String(format: "%@ export ≥ 10x faster than c4-diagrams' in process: %.1fx", language, ratio ?? .nan), ratio.map { $0 >= 10 }))
        }
        let svg = value("SVG layout (one view)")?.medianMs
        out.append(check(String(format: "SVG of a ~30-element view < 50 ms: %.1f ms", svg ?? .nan), svg.map { $0 < 50 }))
        let load = value("model load (cached)", 1_000)?.medianMs
        out.append(check(String(format: "cached load of the architecture < 50 ms: %.1f ms at 1,000 containers", load ?? .nan), load.map { $0 < 50 }))
        if let site = value("site build (1,000 pages, 10-container model)")?.medianMs, let cmark = value("peer cmark tool (1,000 pages, one process)")?.medianMs {
            out.append(check(String(format: "site build ≤ 2x cmark: %.2fx", site / cmark), site / cmark <= 2))
        }
        let reload = value("serve: save Markdown page → reload event")?.medianMs
        out.append(check(String(format: "save Markdown page → reload event < 300 ms: %.0f ms", reload ?? .nan), reload.map { $0 < 300 }))
        let swiftReload = value("serve: save main.swift → reload event")?.medianMs
        out.append(check(String(format: "save main.swift → reload event < 2 s: %.0f ms", swiftReload ?? .nan), swiftReload.map { $0 < 2_000 }))
        out += Self.compileTargets(fixed)
        let serveLoad = value("serve: index.html under wrk (2 threads, 16 connections, 8 s)")
        out.append(check("serve under load with a rebuild: no errors (\(serveLoad?.note ?? "not measured"))",
                         serveLoad?.note.map { $0.contains(" 0 errors") && $0.hasSuffix("yes") }))
        return out
    }

    /// The compile-time targets of the issue "The DSL at scale and in the editor".
    static func compileTargets(_ measurements: [Measurement]) -> [String] {
        let check = Self.check
        func row(_ size: Int) -> Measurement? { measurements.first { $0.stage == CompileTime.stage && $0.size == size } }
        let small = row(100), large = row(1_000)
        let edit = measurements.first { $0.stage == CompileTime.editStage }
        let growth = large?.medianMs.flatMap { l in small?.medianMs.map { l / $0 } }
        return [
            check(String(format: "cold compile of 1,000 README-style containers ≤ 15 s: %.1f s", (large?.medianMs ?? .nan) / 1000), large?.medianMs.map { $0 <= 15_000 }),
            check(String(format: "… and ≤ 4 GB peak: %.0f MiB", large?.peakMiB ?? .nan), large?.peakMiB.map { $0 * 1.048576 <= 4_000 }),
            check(String(format: "compile growth 100→1,000 ≤ 12x: %.1fx", growth ?? .nan), growth.map { $0 <= 12 }),
            check(String(format: "cold compile of 100 README-style containers ≤ 2 s: %.2f s", (small?.medianMs ?? .nan) / 1000), small?.medianMs.map { $0 <= 2_000 }),
            check(String(format: "one-line edit in one of 10 files of 1,000 containers → reload ≤ 2 s: %.2f s", (edit?.medianMs ?? .nan) / 1000),
                  edit?.medianMs.map { $0 <= 2_000 }),
        ]
    }

    static func table(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return rows.enumerated().flatMap { index, row in
            let line = row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: " | ")
            return index == 0 ? [line, widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-")] : [line]
        }
    }
}
