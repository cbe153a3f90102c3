/// A secret the deployment declares (compose's top-level `secrets`), which
/// services read as a file under `/run/secrets/`.
///
/// ```swift
/// Secret("db_password", file: "./secrets/db_password.txt")
/// Secret("api_token", environment: "API_TOKEN")
/// Service(db, image: "postgres:17").container(secrets: ["db_password"])
/// ```
public struct Secret: Codable, Hashable, Sendable {
    /// The name services use.
    public var name: String
    /// `file`: the file that holds it, relative to the compose file.
    public var file: String?
    /// `environment`: the variable of the shell running compose that holds it.
    public var environment: String?
    /// `external`: created outside the project.
    public var external: Bool
    /// `name`: its name on the engine, instead of `<project>_<name>`.
    public var customName: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a secret: from a file, from an environment variable, or external.
    public init(
        _ name: String, file: String? = nil, environment: String? = nil, external: Bool = false, customName: String? = nil,
        sourceFile: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.name = name
        self.file = file
        self.environment = environment
        self.external = external
        self.customName = customName
        self.location = SourceLocation(file: sourceFile, line: line, column: column)
    }
}

/// A configuration file the deployment declares (compose's top-level
/// `configs`), which services read at a path of their own choosing.
///
/// ```swift
/// ConfigFile("nginx_conf", file: "./nginx/nginx.conf")
/// Service(proxy, image: "nginx:1.27").container(configs: ["nginx_conf:/etc/nginx/nginx.conf"])
/// ```
public struct ConfigFile: Codable, Hashable, Sendable {
    /// The name services use.
    public var name: String
    /// `file`: the file that holds it, relative to the compose file.
    public var file: String?
    /// `environment`: the variable of the shell running compose that holds it.
    public var environment: String?
    /// `content`: the text itself, inline.
    public var content: String?
    /// `external`: created outside the project.
    public var external: Bool
    /// `name`: its name on the engine, instead of `<project>_<name>`.
    public var customName: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a configuration file: from a file, a variable or inline content, or external.
    public init(
        _ name: String, file: String? = nil, environment: String? = nil, content: String? = nil, external: Bool = false, customName: String? = nil,
        sourceFile: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.name = name
        self.file = file
        self.environment = environment
        self.content = content
        self.external = external
        self.customName = customName
        self.location = SourceLocation(file: sourceFile, line: line, column: column)
    }
}
