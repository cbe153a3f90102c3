import Foundation
import Testing
import TestSupport

/// Bounded runs of the failure modes a user meets: malformed and hostile
/// compose files, `kill -9` in the middle of a generate, and requests to
/// `serve` while it rebuilds. Each part takes seconds, not minutes.
@Suite(.serialized) struct ReliabilityTests {
    /// A small, valid compose file; the malformed inputs are made from it.
    static let validCompose = """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["8080:80"]
            depends_on:
              db:
                condition: service_healthy
            environment:
              DATABASE_URL: postgres://db/shop
          db:
            image: postgres:17
            healthcheck:
              test: ["CMD-SHELL", "pg_isready"]
              interval: 5s
            volumes: ["data:/var/lib/postgresql/data"]
        volumes:
          data: {}

        """

    /// At least 100 inputs: every truncation point of the valid file by line,
    /// bytes flipped by a fixed generator, and a file per hostile payload.
    static var malformedInputs: [(name: String, bytes: [UInt8])] {
        var inputs: [(String, [UInt8])] = []
        let valid = Array(validCompose.utf8)
        let lineEnds = valid.indices.filter { valid[$0] == UInt8(ascii: "\n") }
        for (index, end) in lineEnds.enumerated() {
            inputs.append(("cut-at-line-\(index + 1)", Array(valid[..<end]) + Array("\n  - [\n".utf8)))
        }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed ^= seed << 13
            seed ^= seed >> 7
            seed ^= seed << 17
            return seed
        }
        let specials: [UInt8] = Array(":-[]{}\"'\t\n#&*!|>%@`".utf8) + [0x00, 0x01, 0x1B, 0x7F, 0xC3, 0xFF]
        for index in 0..<40 {
            var bytes = valid
            for _ in 0..<(1 + index % 4) {
                bytes[Int(next() % UInt64(bytes.count))] = specials[Int(next() % UInt64(specials.count))]
            }
            inputs.append(("flipped-\(index)", bytes))
        }
        for (index, payload) in HostilePayloads.all.enumerated() {
            let quoted = payload.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\"": "\\\""
                case "\\": "\\\\"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029:
                    String(format: "\\u%04X", scalar.value)
                default: String(scalar)
                }
            }.joined()
            let text = "services:\n  web:\n    image: \"\(quoted)\"\n    restart: \"\(quoted)\"\n    command: \"\(quoted)\"\n"
            inputs.append(("payload-\(index)", Array(text.utf8)))
        }
        return inputs
    }

    @Test func malformedComposeFilesNeverCrashAndNameTheirPlace() throws {
        let inputs = Self.malformedInputs
        #expect(inputs.count >= 100)
        let project = try TemporaryProject(files: [:])
        var refused = 0
        for (name, bytes) in inputs {
            let file = project.root.appendingPathComponent("\(name).yaml")
            try Data(bytes).write(to: file)
            let output = "out/\(name)/main.swift"
            for arguments in [["import", file.lastPathComponent, "-o", output], ["check", "--quiet", "-f", file.lastPathComponent]] {
                let started = Date()
                let result = try ArchdocProcess.run(arguments, in: project.root)
                #expect(Date().timeIntervalSince(started) < 20, "\(arguments[0]) \(name) took too long")
                if arguments[0] == "import" {
                    #expect([0, 65].contains(result.status), "import \(name) exited \(result.status): \(result.error)")
                    if result.status == 65 {
                        refused += 1
                        #expect(result.error.hasPrefix("\(name).yaml"), "import \(name): \(result.error.prefix(200))")
                        #expect(!project.exists(output), "import \(name) wrote a file and failed")
                    }
                } else {
                    // No architecture here: check fails on the model, or on the file, never by crashing.
                    #expect([1, 65, 69].contains(result.status), "check \(name) exited \(result.status): \(result.error)")
                }
            }
        }
        #expect(refused >= 20, "only \(refused) inputs were refused; the corpus is too tame")
    }

    /// Files under `folder`, by path relative to it, without temporary files.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let paths = FileManager.default.subpaths(atPath: folder.path) ?? []
        for path in paths where !URL(fileURLWithPath: path).lastPathComponent.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func killDashNineDuringGenerateLeavesEveryFileOldOrNew() throws {
        let versions = ["Sells things", "Sells things, now with a longer description that changes every page"]
        let sources = versions.map { shopArchitecture().replacingOccurrences(of: "description: \"Sells things\"", with: "description: \"\($0)\"") }
        let project = try TemporaryProject(files: ["main.swift": sources[0]])
        let main = project.path("architecture/main.swift")
        var references: [[String: Data]] = []
        for source in sources {
            try source.write(toFile: main, atomically: true, encoding: .utf8)
            let generated = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
            try #require(generated.status == 0, "\(generated.error)")
            references.append(try Self.snapshot(project.root.appendingPathComponent("site")))
        }
        #expect(references[0] != references[1])
        var seed: UInt64 = 42
        for trial in 0..<20 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            try sources[trial % 2].write(toFile: main, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = ArchdocProcess.binary
            process.arguments = ["generate", "--quiet"]
            process.currentDirectoryURL = project.root
            process.environment = ProcessInfo.processInfo.environment.merging(["ARCHDOC_CACHE_DIR": ArchdocProcess.cacheFolder]) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(seed >> 33) % 250_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (path, data) in try Self.snapshot(project.root.appendingPathComponent("site")) {
                #expect(data == references[0][path] || data == references[1][path], "trial \(trial): site/\(path) is neither the old nor the new file")
            }
        }
        let final = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(final.status == 0, "\(final.error)")
        let temporaries = (FileManager.default.subpaths(atPath: project.path("site")) ?? []).filter { $0.hasSuffix(".tmp") }
        #expect(temporaries.isEmpty, "\(temporaries)")
        let checked = try ArchdocProcess.run(["check", "--quiet"], in: project.root)
        #expect(checked.status == 0, "\(checked.output)\(checked.error)")
    }

    @Test func serveAnswersEveryRequestDuringRebuilds() throws {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture(), "docs/notes.md": "# Notes\n\nFirst.\n"])
        #expect(try ArchdocProcess.run(["generate", "--quiet"], in: project.root).status == 0)
        let server = try ServeCommandTests.RunningServer(project: project)
        let events = try ServeCommandTests.EventListener(port: server.port, folder: project.root)
        defer { events.process.terminate() }
        // 3,000 requests on one keep-alive connection, while the page is edited 10 times.
        let count = 3_000
        let urls = (0..<count).map { "http://127.0.0.1:\(server.port)/\(["index.html", "docs/notes.html", "diagrams/context.puml"][$0 % 3])" }
        let load = Process()
        load.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        load.arguments = ["curl", "--silent", "--max-time", "120", "--write-out", "%{http_code}\\n"] + urls.flatMap { ["--output", "/dev/null", $0] }
        let codes = project.root.appendingPathComponent("codes.txt")
        _ = FileManager.default.createFile(atPath: codes.path, contents: nil)
        load.standardOutput = try FileHandle(forWritingTo: codes)
        try load.run()
        var reloads = 0
        for edit in 1...10 {
            try "# Notes\n\nEdit \(edit).\n".write(toFile: project.path("architecture/docs/notes.md"), atomically: true, encoding: .utf8)
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline, events.received.components(separatedBy: "event: reload").count - 1 < edit { usleep(10_000) }
            if events.received.components(separatedBy: "event: reload").count - 1 >= edit { reloads += 1 }
        }
        let rebuildsEndedWhileLoading = load.isRunning
        load.waitUntilExit()
        let statuses = try String(contentsOf: codes, encoding: .utf8).split(separator: "\n")
        #expect(statuses.count == count, "\(statuses.count) responses of \(count)")
        #expect(rebuildsEndedWhileLoading, "the load ended before the rebuilds; make it longer")
        #expect(statuses.allSatisfy { $0 == "200" }, "\(Set(statuses))")
        #expect(reloads == 10, "\(reloads) reloads of 10")
    }
}
