import Foundation
import Testing

/// `archdoc serve` as a user runs it: a real process on a free port, spoken to with curl.
@Suite(.serialized) struct ServeCommandTests {
    /// A running `archdoc serve`; stopped with SIGINT on deinit.
    final class RunningServer {
        let process = Process()
        let output: URL
        let port: Int

        init(project: TemporaryProject, arguments: [String] = []) throws {
            output = project.root.appendingPathComponent("serve.log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = ArchdocProcess.binary
            process.arguments = ["serve", "--port", "0"] + arguments
            process.currentDirectoryURL = project.root
            var environment = ProcessInfo.processInfo.environment
            environment["ARCHDOC_CACHE_DIR"] = ArchdocProcess.cacheFolder
            process.environment = environment
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            var found: Int?
            let deadline = Date().addingTimeInterval(30)
            while found == nil && Date() < deadline && process.isRunning {
                let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                if let range = log.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                    found = Int(log[range].dropFirst("http://127.0.0.1:".count).dropLast())
                }
                usleep(20_000)
            }
            guard let found else {
                process.terminate()
                throw ServeError(log: (try? String(contentsOf: output, encoding: .utf8)) ?? "")
            }
            port = found
        }

        var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// `curl --path-as-is`, so that `..` reaches the server unnormalised.
        func get(_ path: String) throws -> (status: Int, type: String, body: String) {
            let result = try Tools.run("/usr/bin/env", [
                "curl", "--silent", "--path-as-is", "--max-time", "5", "--output", "-", "--write-out", "\n%{http_code} %{content_type}",
                "http://127.0.0.1:\(port)\(path)",
            ])
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
            let status = lines.last.map { String($0) } ?? ""
            let parts = status.split(separator: " ", maxSplits: 1).map(String.init)
            return (Int(parts.first ?? "") ?? 0, parts.count > 1 ? parts[1] : "", lines.dropLast().joined(separator: "\n"))
        }

        /// A request with curl's own arguments; the status line and every response header.
        func request(_ path: String, _ arguments: [String] = []) throws -> (status: Int, headers: String) {
            let result = try Tools.run("/usr/bin/env", ["curl", "--silent", "--max-time", "5", "--output", "/dev/null", "--dump-header", "-"]
                + arguments + ["http://127.0.0.1:\(port)\(path)"])
            let status = result.output.split(separator: "\n").first.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
            return (status, result.output.lowercased())
        }

        /// Stops the server with Ctrl-C, as a user would; whether it stopped within 10 s.
        @discardableResult
        func stop() -> Bool {
            guard process.isRunning else { return true }
            process.interrupt()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                return false
            }
            return true
        }

        deinit { stop() }
    }

    struct ServeError: Error, CustomStringConvertible {
        var log: String
        var description: String { "archdoc serve did not start:\n\(log)" }
    }

    /// Follows `/_archdoc/events` in the background, collecting what arrives.
    final class EventListener {
        let process = Process()
        let output: URL

        init(port: Int, folder: URL) throws {
            output = folder.appendingPathComponent("events-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["curl", "--silent", "--no-buffer", "--max-time", "60", "http://127.0.0.1:\(port)/_archdoc/events"]
            process.standardOutput = try FileHandle(forWritingTo: output)
            try process.run()
        }

        var received: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Waits until the stream contains `text`; returns how long that took.
        func wait(for text: String, seconds: Double = 20) -> Duration? {
            let clock = ContinuousClock()
            let start = clock.now
            while clock.now - start < .seconds(seconds) {
                if received.contains(text) { return clock.now - start }
                usleep(5_000)
            }
            return nil
        }

        deinit { process.terminate() }
    }

    func servedProject() throws -> TemporaryProject {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture()])
        #expect(try ArchdocProcess.run(["generate", "--quiet"], in: project.root).status == 0)
        return project
    }

    @Test func servesFilesWithContentTypes() throws {
        let project = try servedProject()
        let server = try RunningServer(project: project, arguments: ["--no-watch"])
        let puml = try server.get("/diagrams/context.puml")
        #expect(puml.status == 200)
        #expect(puml.type.hasPrefix("text/plain"))
        #expect(puml.body.contains("@startuml context"))
        let svg = try server.get("/diagrams/context.svg")
        #expect(svg.status == 200 || svg.status == 404, "the SVG pictures arrive with the site")
        if svg.status == 200 { #expect(svg.type == "image/svg+xml") }
        #expect(try server.get("/diagrams/missing.puml").status == 404)
    }

    @Test(arguments: [
        "/../../../../etc/passwd",
        "/diagrams/../../compose.yaml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/diagrams/..%2f..%2fcompose.yaml",
        "/..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/%00",
        "/diagrams/context.puml%00.html",
    ])
    func pathsThatLeaveTheSiteAre404(path: String) throws {
        let project = try servedProject()
        let server = try RunningServer(project: project, arguments: ["--no-watch"])
        let response = try server.get(path)
        #expect(response.status == 404, "\(path) → \(response.status)")
        #expect(!response.body.contains("root:"))
        #expect(!response.body.contains("services:"))
    }

    @Test func everyResponseCarriesTheSecurityHeaders() throws {
        let project = try servedProject()
        let server = try RunningServer(project: project, arguments: ["--no-watch"])
        for path in ["/index.html", "/diagrams/context.puml", "/missing.html", "/_archdoc/live-reload.js"] {
            let response = try server.request(path)
            #expect(response.headers.contains("x-content-type-options: nosniff"), "\(path): \(response.headers)")
            #expect(response.headers.contains("content-security-policy: default-src 'self'; script-src 'self';"), "\(path)")
            #expect(response.headers.contains("frame-ancestors 'none'") && response.headers.contains("x-frame-options: deny"), "\(path)")
            #expect(response.headers.contains("referrer-policy: no-referrer"), "\(path)")
        }
        // The live-reload script is a file of the server, so pages need no inline script.
        let page = try server.get("/index.html")
        #expect(page.body.contains("<script id=\"archdoc-live-reload\" src=\"/_archdoc/live-reload.js\"></script>"))
        #expect(try server.get("/_archdoc/live-reload.js").body.contains("new EventSource(\"/_archdoc/events\")"))
    }

    @Test func anotherHostNameGets421UnlessAllowed() throws {
        let project = try servedProject()
        let server = try RunningServer(project: project, arguments: ["--no-watch", "--allow-host", "docs.internal"])
        #expect(try server.request("/index.html", ["-H", "Host: evil.example"]).status == 421)
        #expect(try server.request("/index.html", ["-H", "Host: evil.example:\(server.port)"]).status == 421)
        #expect(try server.request("/index.html", ["-H", "Host: localhost:\(server.port)"]).status == 200)
        #expect(try server.request("/index.html", ["-H", "Host: docs.internal"]).status == 200)
        #expect(try server.request("/index.html").status == 200)
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    func otherMethodsGet405WithAllow(method: String) throws {
        let project = try servedProject()
        let server = try RunningServer(project: project, arguments: ["--no-watch"])
        let response = try server.request("/index.html", ["-X", method])
        #expect(response.status == 405, "\(method): \(response.headers)")
        #expect(response.headers.contains("allow: get, head"))
    }

    @Test func bindingBeyondLoopbackWarns() throws {
        let project = try servedProject()
        let log = project.root.appendingPathComponent("serve-all.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = ArchdocProcess.binary
        process.arguments = ["serve", "--host", "0.0.0.0", "--port", "0", "--no-watch"]
        process.currentDirectoryURL = project.root
        process.environment = ProcessInfo.processInfo.environment.merging(["ARCHDOC_CACHE_DIR": ArchdocProcess.cacheFolder]) { _, new in new }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(30)
        var text = ""
        while Date() < deadline, !text.contains("Serving") {
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            usleep(20_000)
        }
        process.interrupt()
        process.waitUntilExit()
        #expect(text.contains("warning: serving on 0.0.0.0, which other machines may reach"), "\(text)")
    }

    @Test func hiddenFilesAndTemporariesAreNotServed() throws {
        let project = try servedProject()
        try Data("half a page".utf8).write(to: URL(fileURLWithPath: project.path("site/.index.html.4242.tmp")))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: project.path("site/.env")))
        let server = try RunningServer(project: project, arguments: ["--no-watch"])
        #expect(try server.get("/.index.html.4242.tmp").status == 404)
        #expect(try server.get("/.env").status == 404)
        #expect(try server.get("/index.html").status == 200)
    }

    @Test func symbolicLinksOutOfTheSiteAre404() throws {
        let project = try servedProject()
        try FileManager.default.createSymbolicLink(atPath: project.path("site/escape"), withDestinationPath: "/etc")
        let server = try RunningServer(project: project, arguments: ["--no-watch"])
        #expect(try server.get("/escape/passwd").status == 404)
    }

    @Test func liveReloadAfterAChangeAndErrorsInThePage() throws {
        let project = try servedProject()
        let server = try RunningServer(project: project)
        let events = try EventListener(port: server.port, folder: project.root)
        #expect(events.wait(for: "retry: 500") != nil, "no event stream: \(server.log)")

        // A change to the model: rebuild, then a reload event.
        let changed = shopArchitecture(extra: "    user.uses(db, \"Reads reports from\", technology: \"SQL\")")
        try changed.write(toFile: project.path("architecture/main.swift"), atomically: true, encoding: .utf8)
        #expect(events.wait(for: "event: reload") != nil, "no reload: \(server.log)")
        #expect(try server.get("/diagrams/container-shop.puml").body.contains("Reads reports from"))

        // A syntax error: the error goes to the page and the terminal; the last good site stays.
        try (changed + "\nlet broken = (\n").write(toFile: project.path("architecture/main.swift"), atomically: true, encoding: .utf8)
        #expect(events.wait(for: "event: build-error") != nil, "no build error: \(server.log)")
        #expect(events.received.contains("main.swift:"))
        #expect(server.log.contains("build failed; keeping the last good output"))
        #expect(try server.get("/diagrams/container-shop.puml").body.contains("Reads reports from"))
        #expect(server.stop(), "serve did not stop on Ctrl-C while a page was connected")
    }
}
