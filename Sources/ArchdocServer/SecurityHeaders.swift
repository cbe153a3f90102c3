import Hummingbird

/// What `serve` adds to and checks on every request: it is a local preview
/// server, so it answers only to the names of the address it is bound to,
/// serves only GET and HEAD, and tells the browser to run nothing but the
/// site's own scripts and never to frame the pages.
struct SecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The `Host` names (without the port) the server answers to.
    let allowedHosts: Set<String>

    /// A middleware for a server bound to `host`, answering also to the names of `--allow-host`.
    init(boundTo host: String, allowing extra: [String]) {
        allowedHosts = LocalPreviewPolicy.allowedHosts(boundTo: host, extra: extra)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        let host = request.head.authority ?? ""
        if !allowedHosts.contains(LocalPreviewPolicy.hostName(host)) {
            // A page on another name (DNS rebinding) must not read the docs.
            response = Self.text(.misdirectedRequest, "421 Misdirected Request: this server answers to \(allowedHosts.sorted().joined(separator: ", ")); start it with --allow-host NAME to add one\n")
        } else if request.method != .get && request.method != .head {
            response = Self.text(.methodNotAllowed, "405 Method Not Allowed\n")
            response.headers[.allow] = "GET, HEAD"
        } else {
            response = try await next(request, context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] = LocalPreviewPolicy.contentSecurityPolicy
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        return response
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// The rules of a local preview server that do not depend on the request
/// context: which `Host` names it answers to and the pages' security policy.
enum LocalPreviewPolicy {
    /// The policy every page of the generated site passes: its scripts and
    /// styles are files of the site (plus inline `style` attributes in pictures);
    /// live reload's script is `/_archdoc/live-reload.js`.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The allowed names for a bound address: the address, `localhost` and the
    /// loopback addresses, and what `--allow-host` adds. Binding to every
    /// interface (`0.0.0.0`, `::`) allows no more names than that.
    static func allowedHosts(boundTo host: String, extra: [String]) -> Set<String> {
        Set(["localhost", "127.0.0.1", "[::1]", "::1", host.lowercased()] + extra.map { $0.lowercased() })
    }

    /// The host name of a `Host` header: without its port, lower-cased (`[::1]:8000` → `[::1]`).
    static func hostName(_ header: String) -> String {
        let value = header.lowercased()
        if value.hasPrefix("[") { return value.split(separator: "]", maxSplits: 1).first.map { $0 + "]" } ?? value }
        return value.split(separator: ":", maxSplits: 1).first.map(String.init) ?? value
    }
}
