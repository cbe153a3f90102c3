import Foundation

/// One measured stage at one size.
struct Measurement: Codable {
    var stage: String
    var size: Int
    /// Median wall time, milliseconds.
    var medianMs: Double?
    var minMs: Double?
    var runs: Int
    /// Peak resident memory of the process during the stage, MiB (VmHWM, reset
    /// before the stage when the kernel allows it; else the process high-water mark).
    var peakMiB: Double?
    var note: String?

    /// A stage that did not run, and why.
    static func skipped(_ stage: String, size: Int, note: String) -> Measurement {
        Measurement(stage: stage, size: size, medianMs: nil, minMs: nil, runs: 0, peakMiB: nil, note: note)
    }
}

/// Wall time and peak memory.
enum Measure {
    /// Per stage and size, the measurement of the round with the lowest
    /// median (a skipped stage stays skipped), in the order of the first round.
    static func fastestRounds(_ rounds: [[Measurement]]) -> [Measurement] {
        var best: [String: Measurement] = [:]
        var order: [String] = []
        for measurement in rounds.joined() {
            let key = "\(measurement.size) \(measurement.stage)"
            guard let kept = best[key] else {
                best[key] = measurement
                order.append(key)
                continue
            }
            if let median = measurement.medianMs, median < kept.medianMs ?? .infinity { best[key] = measurement }
        }
        return order.compactMap { best[$0] }
    }

    /// Whether `/proc/self/clear_refs` can reset the peak RSS, so each stage's peak is its own.
    nonisolated(unsafe) static var resettablePeak = resetPeak()

    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// Peak RSS in MiB: VmHWM from /proc, else ru_maxrss.
    static func peakMiB() -> Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
            return kb / 1024
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // KiB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
        #endif
    }

    /// Runs `body` at least `runs` times and for at least `minimumMs` in all (at
    /// most `maximumRuns`; fewer if the runs exceed `budgetMs`), after one warm-up
    /// run when it is cheap, and returns the median.
    static func run<Output>(_ stage: String, size: Int, runs: Int = 7, budgetMs: Double = 20_000, note: String? = nil,
                            _ body: () throws -> Output) rethrows -> Measurement {
        let (measurement, output) = try measure(stage, size: size, runs: runs, budgetMs: budgetMs, note: note, body)
        consume(output)
        return measurement
    }

    /// As ``run(_:size:runs:budgetMs:note:_:)``, and also returns the last run's output.
    ///
    /// A stage's time is the time to produce its output. Releasing it is not
    /// timed, and the previous run's output is released before the next run
    /// starts: `generate` makes each output once and never holds two, and on a
    /// 10,000-container model two copies of the views made views 20% slower.
    static func measure<Output>(_ stage: String, size: Int, runs: Int = 7, minimumMs: Double = 500, maximumRuns: Int = 51,
                                budgetMs: Double = 20_000, note: String? = nil,
                                _ body: () throws -> Output) rethrows -> (measurement: Measurement, output: Output) {
        if resettablePeak { resetPeak() }
        var times: [Double] = []
        let clock = ContinuousClock()
        var output: Output?
        func timed() throws -> Double {
            output = nil
            let start = clock.now
            let produced = try body()
            let elapsed = clock.now - start
            output = produced
            return milliseconds(elapsed)
        }
        // The first run pays for first-touch allocations and cold caches; it
        // only counts when it is too slow to repeat cheaply.
        let first = try timed()
        if first >= 1_000 { times.append(first) }
        func enough() -> Bool {
            let total = times.reduce(0, +)
            return total > budgetMs || times.count >= maximumRuns || (times.count >= runs && total >= minimumMs)
        }
        while !enough() {
            times.append(try timed())
        }
        let sorted = times.sorted()
        var text = note
        if times.count < 5 { text = [note, "only \(times.count) run\(times.count == 1 ? "" : "s"): too slow"].compactMap { $0 }.joined(separator: "; ") }
        let measurement = Measurement(stage: stage, size: size, medianMs: sorted[sorted.count / 2], minMs: sorted[0], runs: times.count,
                                      peakMiB: peakMiB(), note: text)
        return (measurement, output!)
    }
}

extension Measure {
    /// Runs each body once per round, in turns, for `runs` rounds after a
    /// warm-up round, and returns each body's median and fastest time. Each
    /// body times itself (a process is timed from outside) and returns ms.
    static func inTurns(runs: Int, _ bodies: [() throws -> Double]) throws -> [(median: Double, min: Double)] {
        for body in bodies { _ = try body() }
        var times = bodies.map { _ in [Double]() }
        for _ in 0..<runs {
            for (index, body) in bodies.enumerated() { times[index].append(try body()) }
        }
        return times.map { list in
            let sorted = list.sorted()
            return (sorted[sorted.count / 2], sorted[0])
        }
    }

    /// A duration in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// Keeps a result alive so the optimizer cannot drop the work.
@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }
