import Foundation
import Testing

/// The editor setup that `archdoc generate` writes, used by the real
/// `sourcekit-lsp` of the toolchain over stdio, as VS Code or Neovim would.
@Suite struct SourceKitLSPTests {
    /// A language server process and the messages it sent, spoken to with JSON-RPC.
    final class LanguageServer: @unchecked Sendable {
        private let process = Process()
        private let input = Pipe(), output = Pipe()
        private let lock = NSLock()
        private var buffer = Data()
        private var messages: [[String: Any]] = []
        private var nextID = 0

        init(executable: String, directory: URL) throws {
            process.executableURL = URL(fileURLWithPath: executable)
            process.currentDirectoryURL = directory
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                self?.received(handle.availableData)
            }
            try process.run()
        }

        deinit { stop() }

        func stop() {
            output.fileHandleForReading.readabilityHandler = nil
            if process.isRunning { process.terminate() }
        }

        /// Splits what arrived into `Content-Length` framed messages.
        private func received(_ data: Data) {
            lock.lock()
            defer { lock.unlock() }
            buffer.append(data)
            while let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
                let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
                guard let lengthLine = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                      let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) else { buffer.removeAll(); return }
                guard buffer.distance(from: headerEnd.upperBound, to: buffer.endIndex) >= length else { return }
                let body = buffer[headerEnd.upperBound..<buffer.index(headerEnd.upperBound, offsetBy: length)]
                if let message = try? JSONSerialization.jsonObject(with: body) as? [String: Any] { messages.append(message) }
                buffer = Data(buffer[buffer.index(headerEnd.upperBound, offsetBy: length)...])
            }
        }

        private func send(_ message: [String: Any]) throws {
            var message = message
            message["jsonrpc"] = "2.0"
            let body = try JSONSerialization.data(withJSONObject: message)
            input.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
        }

        func notify(_ method: String, _ params: [String: Any]) throws {
            try send(["method": method, "params": params])
        }

        /// Sends a request and waits for its response, at most `seconds`.
        func request(_ method: String, _ params: [String: Any], seconds: Double = 30) throws -> Any? {
            lock.lock()
            nextID += 1
            let id = nextID
            lock.unlock()
            try send(["id": id, "method": method, "params": params])
            let response = waitFor(seconds: seconds) { ($0["id"] as? Int) == id && $0["method"] == nil }
            return response?["result"]
        }

        /// The first message, old or new, that matches, waiting at most `seconds` (polling, not sleeping blind).
        func waitFor(seconds: Double, _ matches: ([String: Any]) -> Bool) -> [String: Any]? {
            let deadline = Date().addingTimeInterval(seconds)
            repeat {
                lock.lock()
                let found = messages.first(where: matches)
                lock.unlock()
                if let found { return found }
                usleep(20_000)
            } while Date() < deadline && process.isRunning
            return nil
        }
    }

    /// `sourcekit-lsp` beside the `swiftc` archdoc compiles with.
    static func sourceKitLSP() throws -> String {
        let which = try Tools.run("/usr/bin/env", ["which", ProcessInfo.processInfo.environment["ARCHDOC_SWIFTC"] ?? "swiftc"])
        let swiftc = URL(fileURLWithPath: which.output.trimmingCharacters(in: .whitespacesAndNewlines)).resolvingSymlinksInPath()
        return swiftc.deletingLastPathComponent().appendingPathComponent("sourcekit-lsp").path
    }

    @Test(.timeLimit(.minutes(3))) func completionDiagnosticsAndDefinitionWorkOnTheTaskPlatformExample() throws {
        let example = try String(
            contentsOf: ArchdocProcess.packageRoot.appendingPathComponent("architecture/examples/task-platform/main.swift"), encoding: .utf8)
        let project = try TemporaryProject(files: ["main.swift": example])
        defer { try? FileManager.default.removeItem(at: project.root) }
        let generated = try ArchdocProcess.run(["generate", "--quiet", "--no-compose"], in: project.root)
        try #require(generated.status == 0, "\(generated.error)")
        try #require(project.exists(".sourcekit-lsp/config.json") && project.exists("architecture/compile_commands.json"))

        let server = try LanguageServer(executable: try Self.sourceKitLSP(), directory: project.root)
        defer { server.stop() }
        let root = project.root.standardizedFileURL
        let initialized = try server.request("initialize", [
            "processId": Int(ProcessInfo.processInfo.processIdentifier), "rootUri": root.absoluteString,
            "capabilities": ["textDocument": ["completion": ["completionItem": ["snippetSupport": false]], "publishDiagnostics": [:]]],
        ], seconds: 60)
        try #require(initialized != nil, "sourcekit-lsp did not answer initialize")
        try server.notify("initialized", [:])

        // The example, with a member access to complete and a deliberate type error at the end.
        var lines = example.components(separatedBy: "\n")
        let completionLine = lines.count, errorLine = lines.count + 1
        lines += ["_ = caddy.", #"let broken: Int = "not a number""#]
        let uri = root.appendingPathComponent("architecture/main.swift").absoluteString
        try server.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "swift", "version": 1, "text": lines.joined(separator: "\n")]])

        // 1. The type error is an error diagnostic on its line. Semantic
        // diagnostics need the compile command, so this also waits until it is used.
        let diagnostics = server.waitFor(seconds: 90) { message in
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                  let params = message["params"] as? [String: Any], params["uri"] as? String == uri,
                  let list = params["diagnostics"] as? [[String: Any]] else { return false }
            return list.contains { ($0["message"] as? String)?.contains("Cannot convert value of type 'String'") == true }
        }
        let published = try #require((diagnostics?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]], "no type error diagnostic")
        let typeError = try #require(published.first { ($0["message"] as? String)?.contains("'String'") == true })
        #expect(typeError["severity"] as? Int == 1)
        #expect(((typeError["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == errorLine)

        // 2. Completion after `caddy.` offers `uses`.
        let completion = try server.request("textDocument/completion", [
            "textDocument": ["uri": uri], "position": ["line": completionLine, "character": "_ = caddy.".count],
        ])
        let items = (completion as? [String: Any])?["items"] as? [[String: Any]] ?? completion as? [[String: Any]] ?? []
        let labels = items.compactMap { $0["label"] as? String }
        #expect(labels.contains { $0.hasPrefix("uses(") }, "completion offered \(labels)")

        // 3. Go to definition on `Container(` lands in the DSL's source.
        let declaration = try #require(lines.firstIndex { $0.contains("= Container(") })
        let column = try #require(lines[declaration].range(of: "Container(")).lowerBound.utf16Offset(in: lines[declaration]) + 2
        let definition = try server.request("textDocument/definition", [
            "textDocument": ["uri": uri], "position": ["line": declaration, "character": column],
        ])
        let locations = definition as? [[String: Any]] ?? (definition as? [String: Any]).map { [$0] } ?? []
        let targets = locations.compactMap { $0["uri"] as? String }
        #expect(!targets.isEmpty && targets.allSatisfy { $0.contains("ArchitectureDescription") }, "definition went to \(targets)")
    }
}
