/// A service that serves the documentation site archdoc builds.
///
/// It brings its own container, which appears in deployment views but in no
/// software system. By default it runs only in the `dev` profile.
///
/// ```swift
/// DocsServer(profiles: ["dev"])
/// ```
public struct DocsServer: Sendable {
    /// The service that serves the site.
    public var service: Service

    /// Declares the docs server.
    ///
    /// - Parameters:
    ///   - id: The id of the server's container and compose service.
    ///   - name: The name shown in deployment views.
    ///   - technology: What serves the files.
    ///   - description: What the server is for, in the deployment view.
    ///   - image: The image that serves the files.
    ///   - command: The command the image runs, when not its own.
    ///   - sitePath: The built site, relative to the compose file.
    ///   - siteMount: Where the server reads the site inside its container.
    ///   - port: The port mapping; nginx inside listens on port 80.
    ///   - profiles: The compose profiles it runs in; `nil` for all.
    ///   - file: Where it is declared; the default, the caller's file, is right.
    ///   - line: The line of the declaration; leave the default.
    ///   - column: The column of the declaration; leave the default.
    public init(
        _ id: String = "docs",
        _ name: String = "Documentation Server",
        technology: String = "nginx",
        description: String = "Serves the architecture documentation built by archdoc",
        image: String = "nginx:1.27-alpine",
        command: String? = nil,
        port: Port = "8000:80",
        sitePath: String = "./site",
        siteMount: String = "/usr/share/nginx/html",
        profiles: [String]? = ["dev"],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        let container = Container(
            id, name, kind: .webApp, technology: technology, description: description, icon: .book,
            file: file, line: line, column: column
        )
        var service = Service(
            container, image: image, command: command, ports: [port],
            volumes: [VolumeMount(source: sitePath, target: siteMount, readOnly: true)],
            profiles: profiles, file: file, line: line, column: column
        )
        service.standaloneContainer = container
        self.service = service
    }
}
