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
    /// The python icon: the `python` sprite of `tupadr3/devicons/python`.
    public static let python = Icon(sprite: "python", include: "tupadr3/devicons/python")
    /// The postgresql icon: the `postgresql` sprite of `tupadr3/devicons/postgresql`.
    public static let postgresql = Icon(sprite: "postgresql", include: "tupadr3/devicons/postgresql")
    /// The redis icon: the `redis` sprite of `tupadr3/devicons/redis`.
    public static let redis = Icon(sprite: "redis", include: "tupadr3/devicons/redis")
    /// The rabbitmq icon: the `rabbitmq_original` sprite of `tupadr3/devicons2/rabbitmq_original`.
    public static let rabbitmq = Icon(sprite: "rabbitmq_original", include: "tupadr3/devicons2/rabbitmq_original")
    /// The swift icon: the `swift` sprite of `tupadr3/devicons/swift`.
    public static let swift = Icon(sprite: "swift", include: "tupadr3/devicons/swift")
    /// The nginx icon: the `nginx` sprite of `tupadr3/devicons/nginx`.
    public static let nginx = Icon(sprite: "nginx", include: "tupadr3/devicons/nginx")
    /// The docker icon: the `docker` sprite of `tupadr3/devicons/docker`.
    public static let docker = Icon(sprite: "docker", include: "tupadr3/devicons/docker")
    /// The server icon: the `server` sprite of `tupadr3/font-awesome/server`.
    public static let server = Icon(sprite: "server", include: "tupadr3/font-awesome/server")
    /// The database icon: the `database` sprite of `tupadr3/font-awesome/database`.
    public static let database = Icon(sprite: "database", include: "tupadr3/font-awesome/database")
    /// The cogs icon: the `cogs` sprite of `tupadr3/font-awesome/cogs`.
    public static let cogs = Icon(sprite: "cogs", include: "tupadr3/font-awesome/cogs")
    /// The book icon: the `book` sprite of `tupadr3/font-awesome/book`.
    public static let book = Icon(sprite: "book", include: "tupadr3/font-awesome/book")
    /// The clock icon: the `clock` sprite of `tupadr3/font-awesome-6/clock`.
    public static let clock = Icon(sprite: "clock", include: "tupadr3/font-awesome-6/clock")
    /// The storage icon: the `storage` sprite of `tupadr3/material/storage`.
    public static let storage = Icon(sprite: "storage", include: "tupadr3/material/storage")
    /// The user icon: the `user` sprite of `tupadr3/font-awesome/user`.
    public static let user = Icon(sprite: "user", include: "tupadr3/font-awesome/user")
}
