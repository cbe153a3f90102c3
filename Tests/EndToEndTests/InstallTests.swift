import Foundation
import Testing

/// `make install` and the README's "Use archdoc in your repository", run as the
/// README writes them: installed into a temporary prefix, used in a temporary git
/// repository outside this checkout.
@Suite struct InstallTests {
    static let heading = "## Use archdoc in your repository"

    /// The `sh` code blocks of the README section under `heading`, in order.
    static func readmeBlocks(under heading: String) throws -> [String] {
        let readme = try String(contentsOf: ArchdocProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "\n\(heading)\n") else { return [] }
        let rest = readme[start.upperBound...]
        let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
        var blocks: [String] = [], current: [Substring]?
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sh" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// A bash script started in `directory`, its output collected in a file the test can read while it runs.
    final class Script {
        let process = Process()
        let log: URL

        init(_ script: String, in directory: URL, environment: [String: String], log: URL) throws {
            self.log = log
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-euo", "pipefail", "-c", script]
            process.currentDirectoryURL = directory
            process.environment = environment
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Waits for the script to end, at most `seconds`; its exit status, or nil.
        func wait(seconds: Double) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { return nil }
            return process.terminationStatus
        }

        /// Waits until the output matches `pattern`, at most `seconds`; the match.
        func waitFor(_ pattern: String, seconds: Double) -> String? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let text = output
                if let range = text.range(of: pattern, options: .regularExpression) { return String(text[range]) }
                if !process.isRunning { return nil }
                usleep(50_000)
            }
            return nil
        }

        func kill() {
            // The script's children first (archdoc serve), then bash itself.
            _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/pkill"), arguments: ["-KILL", "-P", "\(process.processIdentifier)"]).waitUntilExit()
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        }
    }

    @Test(.timeLimit(.minutes(20))) func theReadmeStepsWorkInARepositoryOutsideTheCheckout() throws {
        let blocks = try Self.readmeBlocks(under: Self.heading)
        try #require(blocks.count == 2, "the README section \"\(Self.heading)\" has an install block and a repository block")
        let (install, use) = (blocks[0], blocks[1])
        #expect(install.contains("make install PREFIX=~/.local"))
        try #require(use.split(separator: "\n").last?.hasPrefix("archdoc serve") == true, "the repository block ends with archdoc serve")

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-install-\(UUID().uuidString)")
        let home = scratch.appendingPathComponent("home"), repository = scratch.appendingPathComponent("my-repository")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = home.appendingPathComponent(".local")

        // `~` is the temporary home, so `PREFIX=~/.local` installs there. Git keeps
        // the real global configuration (it maps package URLs to the local mirror).
        var environment = ProcessInfo.processInfo.environment
        let realHome = environment["HOME"] ?? NSHomeDirectory()
        environment["HOME"] = home.path
        if environment["GIT_CONFIG_GLOBAL"] == nil, FileManager.default.fileExists(atPath: "\(realHome)/.gitconfig") {
            environment["GIT_CONFIG_GLOBAL"] = "\(realHome)/.gitconfig"
        }
        // `swift test` holds the build folder's lock while the tests run; the
        // release build `make install` asks for is done by then (make test builds it first).
        environment["SWIFT_FLAGS"] = "--explicit-target-dependency-import-check error --ignore-lock"
        environment["ARCHDOC_PORT"] = "0"
        environment["ARCHDOC_CACHE_DIR"] = scratch.appendingPathComponent("cache").path
        for variable in ["ARCHDOC_DSL_PATH", "ARCHDOC_TEST_CACHE_DIR", "MAKEFLAGS", "MAKELEVEL"] { environment[variable] = nil }

        let git = try Tools.run("/usr/bin/env", ["git", "init", "--quiet", repository.path])
        try #require(git.status == 0, "\(git.output)")

        // The install block in the checkout, then the repository block in the new
        // repository, in one shell so that the install block's PATH holds.
        let script = install + "\ncd \"$ARCHDOC_TEST_REPOSITORY\"\n" + use
        environment["ARCHDOC_TEST_REPOSITORY"] = repository.path
        let run = try Script(script, in: ArchdocProcess.packageRoot, environment: environment, log: scratch.appendingPathComponent("steps.log"))
        defer { run.kill() }
        let serving = run.waitFor(#"at http://127\.0\.0\.1:\d+/"#, seconds: 15 * 60)
        try #require(serving != nil, "archdoc serve did not start:\n\(run.output)")
        let output = run.output

        // Installed where the README says, and found there with no help from the checkout.
        for path in ["bin/archdoc", "lib/archdoc/libArchitectureDescription.so", "lib/archdoc/Modules/ArchitectureDescription.swiftmodule",
                     "share/archdoc/Templates/arc42"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) is not installed")
        }
        #expect(output.contains("DSL library: \(prefix.path)/lib/archdoc"), "archdoc --version names the installed library:\n\(output)")
        // init, generate and check did their work in the repository.
        for path in ["architecture/main.swift", ".github/workflows/architecture.yml", "site/index.html", ".gitignore"] {
            #expect(FileManager.default.fileExists(atPath: repository.appendingPathComponent(path).path), "\(path) is missing")
        }
        let lint = try Tools.run(try Tools.path("ACTIONLINT"), [repository.appendingPathComponent(".github/workflows/architecture.yml").path])
        #expect(lint.status == 0, "\(lint.output)")

        // The served site answers, and Ctrl-C stops serve cleanly.
        let address = String(serving!.dropFirst("at ".count))
        let page = try Tools.run("/usr/bin/env", ["curl", "--silent", "--fail", "--max-time", "10", address])
        #expect(page.status == 0 && page.output.contains("<html"), "\(page.output)")
        // Ctrl-C reaches serve: bash runs a script's last command in its own
        // process (exec), so serve is the script's process or its child.
        let children = try Tools.run("/usr/bin/pkill", ["-INT", "-P", "\(run.process.processIdentifier)"])
        if children.status != 0 { kill(run.process.processIdentifier, SIGINT) }
        #expect(run.wait(seconds: 20) == 0, "the steps did not end cleanly:\n\(run.output)")

        // make uninstall takes it all away again.
        let uninstall = try Tools.run("/usr/bin/env", ["make", "-C", ArchdocProcess.packageRoot.path, "uninstall", "PREFIX=\(prefix.path)"], environment: environment)
        #expect(uninstall.status == 0, "\(uninstall.output)")
        for path in ["bin/archdoc", "lib/archdoc", "share/archdoc"] {
            #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) is still there after make uninstall")
        }
    }
}
