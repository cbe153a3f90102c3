import CArchdocProcess
import Foundation

/// Runs a program to completion and captures what it prints.
///
/// The program runs in a process group of its own, under an optional time
/// limit (SIGTERM to the group, then SIGKILL after ``terminationGrace``) and
/// an optional memory limit (`RLIMIT_AS`). On Linux it is killed when archdoc
/// dies, and archdoc's signal handlers (``installCleanupHandlers()``) end the
/// group on Ctrl-C or SIGTERM, so no compiler or model program outlives it.
///
/// Output goes to temporary files rather than pipes, so a chatty program can
/// never block on a full pipe buffer.
package struct ProcessRunner {
    /// What a finished program left behind.
    package struct Result {
        /// The exit status, or the number of the signal that ended the program.
        package var status: Int32
        package var standardOutput: String
        package var standardError: String
        /// Whether the time limit ended the program.
        package var timedOut: Bool
        /// The signal that ended the program, if one did.
        package var signal: Int32?

        /// Both streams, standard error first (where compilers write).
        package var combinedOutput: String { standardError + standardOutput }
    }

    /// Why a program could not be started.
    package struct LaunchError: Error, CustomStringConvertible {
        package var executable: String
        package var reason: String
        package var description: String { "cannot run \(executable): \(reason)" }
    }

    /// How long a program that got SIGTERM at its time limit has before SIGKILL.
    package static let terminationGrace: TimeInterval = 2

    /// Makes SIGINT, SIGTERM and SIGHUP end every running program's process
    /// group before archdoc ends. Call once, early in `main`.
    package static func installCleanupHandlers() {
        archdoc_install_cleanup_handlers()
    }

    /// Runs `executable` with `arguments` and this process's environment.
    /// `environment` is added to this process's own.
    package static func run(
        _ executable: String, _ arguments: [String], timeout: TimeInterval? = nil, memoryLimit: Int? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        let scratch = try ScratchFolder.create(prefix: "archdoc-run", in: FileManager.default.temporaryDirectory.path)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = "\(scratch)/stdout", errPath = "\(scratch)/stderr"
        let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let err = open(errPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            if out >= 0 { close(out) }
            if err >= 0 { close(err) }
        }
        guard out >= 0, err >= 0 else { throw LaunchError(executable: executable, reason: String(cString: strerror(errno))) }

        let pid = try spawn(executable, arguments, environment: environment, out: out, err: err, memoryLimit: memoryLimit ?? 0)
        archdoc_track(pid)
        defer { archdoc_forget(pid) }
        var timedOut = false
        var status: Int32 = 0
        if let timeout, !wait(pid, until: Date().addingTimeInterval(timeout), status: &status) {
            timedOut = true
            kill(-pid, SIGTERM)
            if !wait(pid, until: Date().addingTimeInterval(terminationGrace), status: &status) {
                kill(-pid, SIGKILL)
                _ = wait(pid, until: nil, status: &status)
            }
        } else if timeout == nil {
            _ = wait(pid, until: nil, status: &status)
        }
        // What the program left running in its group (a compiler's frontends) goes with it.
        kill(-pid, SIGKILL)
        let signal = status & 0x7F
        return Result(
            status: signal == 0 ? (status >> 8) & 0xFF : signal,
            standardOutput: FileText.read(atPath: outPath) ?? "",
            standardError: FileText.read(atPath: errPath) ?? "",
            timedOut: timedOut,
            signal: signal == 0 ? nil : signal)
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], out: Int32, err: Int32, memoryLimit: Int
    ) throws -> pid_t {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let pid = archdoc_spawn(executable, argv, envp, out, err, Int64(memoryLimit))
        guard pid > 0 else { throw LaunchError(executable: executable, reason: String(cString: strerror(errno))) }
        return pid
    }

    /// Waits for `pid` to exit, until `deadline` (`nil`: for good). Returns whether it exited.
    private static func wait(_ pid: pid_t, until deadline: Date?, status: inout Int32) -> Bool {
        while true {
            let result = waitpid(pid, &status, deadline == nil ? 0 : WNOHANG)
            if result == pid { return true }
            if result < 0 && errno != EINTR { return true }
            if let deadline, Date() >= deadline { return false }
            if deadline != nil { usleep(2_000) }
        }
    }

    /// The absolute path of a program on `PATH`, if there is one.
    package static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
