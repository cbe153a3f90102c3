/// A deployment environment, generated as a compose profile: `dev`, `prod`.
public struct Profile: Codable, Hashable, Sendable {
    /// The compose profile name.
    public var id: String
    /// The environment's display name, such as `"Development"`.
    public var name: String
    /// What the environment is for.
    public var description: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a profile.
    ///
    /// ```swift
    /// Profile("dev", "Development", description: "Local testing with hot reload")
    /// ```
    public init(
        _ id: String,
        _ name: String? = nil,
        description: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.id = id
        self.name = name ?? id
        self.description = description
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// What differs for one service in one profile.
public struct ProfileSettings: Codable, Hashable, Sendable {
    /// The profile these settings apply to.
    public var profile: String
    /// The command run in this profile instead of the service's command.
    public var command: String?
    /// The image used in this profile instead of the service's image.
    public var image: String?
    /// The number of replicas in this profile.
    public var replicas: Int?
    /// Variables added to, or replacing, the service's environment.
    public var environment: [String: String]
    /// The technology shown for the deployed instance, when it differs.
    public var technology: String?
    /// The description shown for the deployed instance, when it differs.
    public var description: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Creates profile settings. Use ``Service/profile(_:command:image:replicas:environment:technology:description:file:line:column:)``.
    public init(
        profile: String,
        command: String? = nil,
        image: String? = nil,
        replicas: Int? = nil,
        environment: [String: String] = [:],
        technology: String? = nil,
        description: String? = nil,
        location: SourceLocation
    ) {
        self.profile = profile
        self.command = command
        self.image = image
        self.replicas = replicas
        self.environment = environment
        self.technology = technology
        self.description = description
        self.location = location
    }
}
