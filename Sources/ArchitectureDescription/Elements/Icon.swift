/// A sprite from the PlantUML standard library, drawn inside an element.
///
/// Use one of the predefined icons, or name any stdlib sprite:
///
/// ```swift
/// let icon = Icon(sprite: "go", include: "tupadr3/devicons/go")
/// ```
public struct Icon: Codable, Hashable, Sendable {
    /// The sprite name used in `$sprite="…"`.
    public var sprite: String
    /// The stdlib path included with `!include <…>`.
    public var include: String

    /// Creates an icon from a PlantUML standard-library sprite.
    public init(sprite: String, include: String) {
        self.sprite = sprite
        self.include = include
    }
}

extension Icon {
    public static let python = Icon(sprite: "python", include: "tupadr3/devicons/python")
    public static let postgresql = Icon(sprite: "postgresql", include: "tupadr3/devicons/postgresql")
    public static let redis = Icon(sprite: "redis", include: "tupadr3/devicons/redis")
    public static let rabbitmq = Icon(sprite: "rabbitmq_original", include: "tupadr3/devicons2/rabbitmq_original")
    public static let swift = Icon(sprite: "swift", include: "tupadr3/devicons/swift")
    public static let nginx = Icon(sprite: "nginx", include: "tupadr3/devicons/nginx")
    public static let docker = Icon(sprite: "docker", include: "tupadr3/devicons/docker")
    public static let server = Icon(sprite: "server", include: "tupadr3/font-awesome/server")
    public static let database = Icon(sprite: "database", include: "tupadr3/font-awesome/database")
    public static let cogs = Icon(sprite: "cogs", include: "tupadr3/font-awesome/cogs")
    public static let book = Icon(sprite: "book", include: "tupadr3/font-awesome/book")
    public static let clock = Icon(sprite: "clock", include: "tupadr3/font-awesome-6/clock")
    public static let storage = Icon(sprite: "storage", include: "tupadr3/material/storage")
    public static let user = Icon(sprite: "user", include: "tupadr3/font-awesome/user")
}
