import ArchdocServer
import ArgumentParser
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the docs site with live reload.",
        discussion: """
            Builds the site, serves it on http://127.0.0.1:8000 (--port, or \
            ARCHDOC_PORT) and rebuilds after \
            every change to the architecture, templates or Markdown pages; open pages \
            reload by themselves. When the architecture fails to build, the error is \
            shown in the terminal and over the page, and the last good site stays \
            served. Stop with Ctrl-C.

            serve is a preview server for your own machine: it answers GET and HEAD \
            only, to its own address and localhost only (--allow-host adds a name), \
            and sends nosniff, a Content-Security-Policy and no-framing headers. To \
            publish the docs, serve site/ with a web server of your choice.

            Examples:
              archdoc serve
              archdoc serve --port 9000
              archdoc serve --host 0.0.0.0 --allow-host docs.example.internal
            """
    )

    @OptionGroup var options: ArchitectureOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one. Default: $ARCHDOC_PORT, else 8000.")
    var port = Serve.defaultPort

    /// `ARCHDOC_PORT` when it holds a port number, so that a shell or a test can
    /// move every `archdoc serve` off 8000 without changing the command line.
    static var defaultPort: Int {
        ProcessInfo.processInfo.environment["ARCHDOC_PORT"].flatMap { Int($0) }.flatMap { (0...65535).contains($0) ? $0 : nil } ?? 8000
    }

    @Option(name: .customLong("allow-host"), help: ArgumentHelp(
        "Also answer requests for this host name (repeatable); others get 421.",
        discussion: "The server answers only to its address, localhost and the loopback addresses, so that a web page on another name (DNS rebinding) cannot read the docs.",
        valueName: "name"))
    var allowedHosts: [String] = []

    @Flag(help: "Serve without watching for changes.")
    var noWatch = false

    @Flag(help: "Poll for changes instead of using inotify.")
    var poll = false

    func run() async throws {
        let session = RebuildSession(options: options, output: output)
        let hub = LiveReloadHub()
        if case .failed(let message, _) = session.rebuild(reason: nil) { hub.buildFailed(message) }
        if !DocsServer.isLoopback(host) {
            Terminal.error("warning: serving on \(host), which other machines may reach; serve is a preview server without authentication (use 127.0.0.1 to keep it local)")
        }
        let server = DocsServer(host: host, port: port, siteDirectory: output.output, hub: hub, allowedHosts: allowedHosts)
        let watcher = noWatch ? nil : session.watcher(forcePolling: poll)
        let watching = Task.detached {
            guard let watcher else { return }
            for await changed in watcher.changes() {
                switch session.rebuild(reason: changed) {
                case .succeeded: hub.reload()
                case .failed(let message, _): hub.buildFailed(message)
                }
            }
        }
        defer {
            watcher?.stop()
            watching.cancel()
        }
        let host = self.host
        try await server.run { port in
            // Written unbuffered: tools that start `serve` wait for this line.
            FileHandle.standardOutput.write(Data("Serving \(output.output)/ at http://\(host):\(port)/\n".utf8))
        }
    }
}
