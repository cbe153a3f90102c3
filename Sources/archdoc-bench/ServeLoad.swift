import Foundation

/// `archdoc serve` measured from outside, as a browser and a load generator see
/// it: the time from saving a Markdown page to the reload event on the page's
/// event stream, and requests per second under `wrk` with a rebuild in the
/// middle of the run (no request may fail).
struct ServeLoad {
    var work: String
    var archdoc: String  // the release archdoc binary
    var notes: [String] = []

    /// A small architecture with one Markdown page, served on a free port.
    private func project() throws -> (root: String, page: String) {
        let root = "\(work)/serve-project"
        try FileManager.default.createDirectory(atPath: "\(root)/architecture/docs", withIntermediateDirectories: true)
        try FixedStages.tinyArchitecture.write(toFile: "\(root)/architecture/main.swift", atomically: true, encoding: .utf8)
        let page = "\(root)/architecture/docs/notes.md"
        try "# Notes\n\nWhat the team keeps in mind.\n".write(toFile: page, atomically: true, encoding: .utf8)
        return (root, page)
    }

    mutating func run() throws -> [Measurement] {
        let (root, page) = try project()
        let server = try BackgroundProcess(archdoc, ["serve", "--port", "0"], in: root, log: "\(work)/serve.log")
        defer { server.stop() }
        guard let port = server.waitFor(#"http://127\.0\.0\.1:(\d+)/"#, seconds: 180).flatMap({ Int($0) }) else {
            notes.append("archdoc serve did not start: \(server.output.suffix(400))")
            return []
        }
        let base = "http://127.0.0.1:\(port)"
        guard let curl = Processes.which("curl") else {
            notes.append("curl is not installed; serve stages skipped")
            return []
        }
        let events = try BackgroundProcess(curl, ["--silent", "--no-buffer", "\(base)/_archdoc/events"], in: root, log: "\(work)/events.log")
        defer { events.stop() }
        guard events.waitFor("(retry): ", seconds: 10) != nil else {
            notes.append("no event stream at \(base)/_archdoc/events")
            return []
        }

        // A save appends a line, as an editor would. A Markdown page is only
        // rendered again; a changed main.swift is compiled again first.
        var out: [Measurement] = []
        if let markdown = try Self.reloadLatency("serve: save Markdown page → reload event", runs: 7, timeout: .seconds(10),
                                                 note: "inotify, 60 ms debounce, rebuild, server-sent event", events: events, notes: &notes,
                                                 save: { try Self.append("\nEdit \($0).\n", to: page) }) {
            out.append(markdown)
        }
        let main = "\(root)/architecture/main.swift"
        if let swift = try Self.reloadLatency("serve: save main.swift → reload event", runs: 3, timeout: .seconds(60),
                                              note: "the model is compiled again (swiftc), then the site rebuilt", events: events, notes: &notes,
                                              save: { try Self.append("\n// Edit \($0) at \(Date().timeIntervalSince1970)\n", to: main) }) {
            out.append(swift)
        }
        if let load = try loadTest(base: base, page: page, events: events) { out.append(load) }
        return out
    }

    /// Saves a file `runs` times (`save(run)`) and times each save until the
    /// next reload event; `nil` (and a note) when a save gets none in `timeout`.
    static func reloadLatency(
        _ stage: String, runs: Int, timeout: Duration, note: String, events: BackgroundProcess, notes: inout [String],
        save: (Int) throws -> Void
    ) throws -> Measurement? {
        let clock = ContinuousClock()
        var latencies: [Double] = []
        for run in 0..<runs {
            let before = events.count(of: "event: reload")
            let start = clock.now
            try save(run)
            while events.count(of: "event: reload") == before, clock.now - start < timeout { usleep(500) }
            guard events.count(of: "event: reload") > before else {
                notes.append("\(stage): no reload event within \(timeout) of a save")
                break
            }
            latencies.append(Measure.milliseconds(clock.now - start))
            usleep(300_000)
        }
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        return Measurement(stage: stage, size: 1, medianMs: sorted[sorted.count / 2], minMs: sorted[0], runs: sorted.count, peakMiB: nil, note: note)
    }

    /// `wrk` for 8 s on the overview page; a rebuild is triggered 3 s in.
    private mutating func loadTest(base: String, page: String, events: BackgroundProcess) throws -> Measurement? {
        guard let wrk = Processes.which("wrk") else {
            notes.append("wrk is not installed (apt-get install wrk); serve load test skipped")
            return nil
        }
        let before = events.count(of: "event: reload")
        let load = try BackgroundProcess(wrk, ["--threads", "2", "--connections", "16", "--duration", "8s", "--latency", "\(base)/index.html"],
                                         in: work, log: "\(work)/wrk.log")
        usleep(3_000_000)
        try Self.append("\nEdited under load.\n", to: page)
        load.waitForExit(seconds: 30)
        let report = load.output
        let rebuilt = events.count(of: "event: reload") > before
        func number(after label: String) -> Double? {
            guard let range = report.range(of: label) else { return nil }
            return Double(report[range.upperBound...].drop { $0 == " " }.prefix { !$0.isWhitespace }.filter { $0.isNumber || $0 == "." })
        }
        guard let perSecond = number(after: "Requests/sec:") else {
            notes.append("wrk gave no figures: \(report.suffix(300))")
            return nil
        }
        let non2xx = number(after: "Non-2xx or 3xx responses:") ?? 0
        var socketErrors = 0.0
        if let range = report.range(of: "Socket errors:") {
            socketErrors = report[range.upperBound...].prefix { $0 != "\n" }.split(separator: ",")
                .compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
        }
        let p50 = report.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("50%") }
            .flatMap { line in line.split(separator: " ").last.map(String.init) }
        return Measurement(
            stage: "serve: index.html under wrk (2 threads, 16 connections, 8 s)", size: 1, medianMs: p50.flatMap(Self.wrkMilliseconds),
            minMs: nil, runs: 1, peakMiB: nil,
            note: String(format: "%.0f requests/s, %.0f errors (non-2xx %.0f, socket %.0f), rebuild during the run: %@",
                         perSecond, non2xx + socketErrors, non2xx, socketErrors, rebuilt ? "yes" : "NO"))
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// `850.00us`, `1.20ms`, `2.00s` → milliseconds.
    private static func wrkMilliseconds(_ text: String) -> Double? {
        for (suffix, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return nil
    }
}

/// A process whose output goes to a log file, read while it runs.
final class BackgroundProcess {
    private let process = Process()
    private let log: String

    init(_ executable: String, _ arguments: [String], in directory: String, log: String, environment: [String: String]? = nil) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        if let environment { process.environment = environment }
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    func count(of text: String) -> Int { output.components(separatedBy: text).count - 1 }

    /// The first capture group of `pattern` once the output matches it.
    func waitFor(_ pattern: String, seconds: Double) -> String? {
        let expression = try? NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = output
            if let match = expression?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let range = Range(match.range(at: 1), in: text) {
                return String(text[range])
            }
            if !process.isRunning { return nil }
            usleep(10_000)
        }
        return nil
    }

    func waitForExit(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
    }

    /// Ctrl-C, then a kill if it lingers.
    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        waitForExit(seconds: 5)
        if process.isRunning { process.terminate() }
    }
}
