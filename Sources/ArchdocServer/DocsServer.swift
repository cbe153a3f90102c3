import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves the generated site on localhost, with live reload.
///
/// Every file under the site folder is served with its content type; a
/// folder serves its `index.html`; any path that would leave the folder gets
/// a 404. HTML pages get a small script that keeps a server-sent-events
/// connection to `/_archdoc/events` and reloads after each rebuild.
package struct DocsServer: Sendable {
    /// The address to listen on.
    package var host: String
    /// The port; 0 picks a free one.
    package var port: Int
    /// The folder served.
    package var siteDirectory: String
    /// Where rebuild events come from.
    package var hub: LiveReloadHub
    /// Further `Host` names to answer to, besides the bound address and `localhost`.
    package var allowedHosts: [String]

    /// Creates a server.
    package init(
        host: String = "127.0.0.1", port: Int = 8000, siteDirectory: String, hub: LiveReloadHub = LiveReloadHub(), allowedHosts: [String] = []
    ) {
        self.host = host
        self.port = port
        self.siteDirectory = siteDirectory
        self.hub = hub
        self.allowedHosts = allowedHosts
    }

    /// Whether an address is a loopback one, reachable only from this machine.
    package static func isLoopback(_ host: String) -> Bool {
        ["localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Runs until the process gets SIGINT or SIGTERM. `onRunning` gets the
    /// port actually bound.
    package func run(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        router.add(middleware: SecurityMiddleware(boundTo: host, allowing: allowedHosts))
        let site = SitePath(root: siteDirectory)
        let hub = self.hub
        router.get(RouterPath(LiveReloadScript.eventsPath)) { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", .connection: "keep-alive"],
                body: ResponseBody(asyncSequence: hub.subscribe()))
        }
        router.get(RouterPath(LiveReloadScript.scriptPath)) { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReloadScript.script)))
        }
        let serveFile: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            Self.response(for: request.uri.path, site: site)
        }
        router.get("/", use: serveFile)
        router.get("**", use: serveFile)
        router.head("**", use: serveFile)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "archdoc"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: Self.quietLogger())
        // Services shut down in reverse order: the event streams close first,
        // so the server's graceful shutdown does not wait for them forever.
        let group = ServiceGroup(configuration: .init(
            services: [app, EventStreamCloser(hub: hub)], gracefulShutdownSignals: [.sigterm, .sigint], logger: Self.quietLogger()))
        try await group.run()
    }

    static func response(for path: String, site: SitePath) -> Response {
        guard let file = site.file(for: path), let data = FileManager.default.contents(atPath: file.path) else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "404 Not Found\n")))
        }
        let type = ContentTypes.type(forPath: file.path)
        var buffer: ByteBuffer
        if type.hasPrefix("text/html") {
            buffer = ByteBuffer(string: LiveReloadScript.inject(into: String(decoding: data, as: UTF8.self)))
        } else {
            buffer = ByteBuffer(bytes: data)
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: ResponseBody(byteBuffer: buffer))
    }

    /// Closes the event streams when the server shuts down gracefully (Ctrl-C).
    private struct EventStreamCloser: Service {
        let hub: LiveReloadHub

        func run() async throws {
            try? await gracefulShutdown()
            hub.closeAll()
        }
    }

    private static func quietLogger() -> Logger {
        var logger = Logger(label: "archdoc.serve")
        logger.logLevel = .warning
        return logger
    }
}
