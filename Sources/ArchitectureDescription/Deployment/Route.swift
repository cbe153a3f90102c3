/// A path a reverse proxy forwards to a service, such as `/api/*` to the backend.
///
/// ```swift
/// Service(nginx, image: "nginx:1.27", ports: ["80:80"],
///         routes: [Route("/api/*", to: backend, port: 12000), Route("/", to: frontend, port: 12001)])
/// ```
public struct Route: Codable, Hashable, Sendable {
    /// The request path pattern.
    public var path: String
    /// The id of the container requests are forwarded to.
    public var containerID: String
    /// The port on the destination service.
    public var port: Int?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a route to a container's service.
    public init(_ path: String, to container: Container, port: Int? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        self.path = path
        self.containerID = container.id
        self.port = port
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}
