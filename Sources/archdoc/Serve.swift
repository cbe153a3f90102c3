import ArchdocServer
import ArgumentParser
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the docs site with live reload.",
        discussion: """
            Builds the site, serves it on http://127.0.0.1:8000 and rebuilds after \
            every change to the architecture, templates or Markdown pages; open pages \
            reload by themselves. When the architecture fails to build, the error is \
            shown in the terminal and over the page, and the last good site stays \
            served. Stop with Ctrl-C.

            Examples:
              archdoc serve
              archdoc serve --port 9000 --host 0.0.0.0
            """
    )

    @OptionGroup var options: ArchitectureOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8000

    @Flag(help: "Serve without watching for changes.")
    var noWatch = false

    @Flag(help: "Poll for changes instead of using inotify.")
    var poll = false

    func run() async throws {
        let session = RebuildSession(options: options, output: output)
        let hub = LiveReloadHub()
        if case .failed(let message, _) = session.rebuild(reason: nil) { hub.buildFailed(message) }
        let server = DocsServer(host: host, port: port, siteDirectory: output.output, hub: hub)
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
