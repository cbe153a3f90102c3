import ArchdocBasics
import Foundation
import Testing

/// The compiled architecture is the user's own code: it runs under a time
/// limit and a memory limit, in a process group that ends with archdoc, and
/// what it says about its own errors names the user's file.
@Suite(.serialized) struct ModelProgramLimitTests {
    /// An architecture whose program writes its pid to `marker`, ignores
    /// SIGTERM, and then never finishes.
    static func stubbornArchitecture(marker: String) -> String {
        """
        import ArchitectureDescription
        import Foundation

        try! String(getpid()).write(toFile: \(String(reflecting: marker)), atomically: true, encoding: .utf8)
        signal(SIGTERM, SIG_IGN)
        while true { usleep(10_000) }
        let architecture = Architecture("Never") {}
        """
    }

    /// Waits up to `seconds` for `condition`, polling.
    static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    @Test func aProgramThatIgnoresSIGTERMIsKilledAtTheTimeLimit() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-pid-\(UUID().uuidString)").path
        let project = try TemporaryProject(files: ["main.swift": Self.stubbornArchitecture(marker: marker)])
        let started = Date()
        let result = try ArchdocProcess.run(["generate", "--quiet", "--timeout", "2"], in: project.root)
        #expect(result.status == 65, "\(result.error)")
        #expect(result.error.contains("did not finish within 2 s"), "\(result.error)")
        #expect(result.error.contains("--timeout") && result.error.contains("ARCHDOC_MODEL_TIMEOUT"), "\(result.error)")
        let pid = try #require(Int32(try String(contentsOfFile: marker, encoding: .utf8)))
        #expect(processHasEnded(pid), "the model program \(pid) survived")
        // Compiling takes a few seconds; the limit and the grace add four more, not forever.
        #expect(Date().timeIntervalSince(started) < 120)
        #expect(!project.exists("site"), "nothing is written")
    }

    @Test func theModelProgramDiesWithArchdoc() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-pid-\(UUID().uuidString)").path
        let project = try TemporaryProject(files: ["main.swift": Self.stubbornArchitecture(marker: marker)])
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-kill-cache-\(UUID().uuidString)").path
        let archdoc = Process()
        archdoc.executableURL = ArchdocProcess.binary
        archdoc.arguments = ["generate", "--quiet", "--timeout", "600"]
        archdoc.currentDirectoryURL = project.root
        archdoc.environment = ProcessInfo.processInfo.environment.merging(["ARCHDOC_CACHE_DIR": cache]) { _, new in new }
        archdoc.standardOutput = FileHandle.nullDevice
        archdoc.standardError = FileHandle.nullDevice
        try archdoc.run()
        let started = Self.eventually(180) { FileManager.default.fileExists(atPath: marker) }
        try #require(started, "the model program never started")
        let pid = try #require(Self.eventually(5) { (try? String(contentsOfFile: marker, encoding: .utf8)).flatMap { Int32($0) } != nil }
            ? Int32(try String(contentsOfFile: marker, encoding: .utf8)) : nil)
        kill(archdoc.processIdentifier, SIGKILL)
        archdoc.waitUntilExit()
        #expect(Self.eventually(10) { processHasEnded(pid) }, "the model program \(pid) outlived a killed archdoc")
        // The killed run's build folder is removed by the next run.
        let builds = "\(cache)/build"
        #expect(try !FileManager.default.contentsOfDirectory(atPath: builds).isEmpty, "the killed run left no build folder to test with")
        try shopArchitecture().write(toFile: project.path("architecture/main.swift"), atomically: true, encoding: .utf8)
        let next = try ArchdocProcess.run(["generate", "--quiet"], in: project.root, environment: ["ARCHDOC_CACHE_DIR": cache])
        #expect(next.status == 0, "\(next.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: builds).isEmpty, "a killed run's build folder stays")
    }

    @Test func aRuntimeErrorNamesTheUsersFileAndLine() throws {
        let project = try TemporaryProject(files: ["main.swift": """
            import ArchitectureDescription

            let names: [String] = []
            precondition(!names.isEmpty, "the architecture needs a name")
            let architecture = Architecture(names[0]) {}
            """])
        let result = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(result.status == 65)
        #expect(!result.error.contains("ArchitectureProgram/"), "\(result.error)")
        #expect(result.error.contains("main.swift:4"), "\(result.error)")
    }

    @Test func aModelOverTheSizeLimitIsRefusedWithTheExactLimit() throws {
        let project = try TemporaryProject(files: ["main.swift": """
            import ArchitectureDescription

            let architecture = Architecture("Big") {
                Person("user", "User", description: String(repeating: "x", count: 2_000_000))
            }
            """])
        let result = try ArchdocProcess.run(["generate", "--quiet"], in: project.root, environment: ["ARCHDOC_MODEL_SIZE_MB": "1"])
        #expect(result.status == 65)
        #expect(result.error.contains("over the limit of 1048576 bytes (1 MiB)"), "\(result.error)")
        #expect(result.error.contains("ARCHDOC_MODEL_SIZE_MB"))
    }
}
