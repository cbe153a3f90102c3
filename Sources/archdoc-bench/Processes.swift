import Foundation

/// Runs other programs and times them as whole processes.
enum Processes {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var wallMs: Double
    }

    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        // Read both pipes while the process runs so neither fills up.
        nonisolated(unsafe) var errData = Data()
        let errRead = DispatchSemaphore(value: 0)
        let reader = Thread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            errRead.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errRead.wait()
        // Both pipes are closed: the process has exited. The clock stops here,
        // not after `waitUntilExit`, which polls every 50 ms in corelibs
        // Foundation: in a busy process that put a 40 ms cmark run at 100 ms.
        let ms = Measure.milliseconds(clock.now - start)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), wallMs: ms)
    }

    /// The full path of a command on PATH, if it is installed.
    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Median wall time of `runs` runs of a command, in ms; nil if it fails.
    static func medianMs(_ executable: String, _ arguments: [String], in directory: String? = nil, runs: Int = 5) throws -> (median: Double, last: Result)? {
        var times: [Double] = []
        var last: Result?
        for _ in 0..<runs {
            let result = try run(executable, arguments, in: directory)
            guard result.status == 0 else {
                FileHandle.standardError.write(Data("bench: \(executable) \(arguments.joined(separator: " ")) failed: \(result.stderr.suffix(800))\n".utf8))
                return nil
            }
            times.append(result.wallMs)
            last = result
        }
        return (times.sorted()[times.count / 2], last!)
    }

    /// Peak RSS of one run, MiB, from `/usr/bin/time -v`.
    static func peakMiB(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let result = try run("/usr/bin/time", ["-v", executable] + arguments, in: directory)
        guard let line = result.stderr.split(separator: "\n").first(where: { $0.contains("Maximum resident set size") }),
              let kb = Double(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") else { return nil }
        return kb / 1024
    }
}
