import ArchdocComposeFiles
import ArchitectureDescription

/// What an imported container probably is, guessed from its compose service:
/// the kind, an icon and a readable technology, from well-known images.
package struct ContainerGuess: Sendable, Equatable {
    /// The container kind: `.database` for PostgreSQL, `.queue` for RabbitMQ, …
    package var kind: ContainerKind
    /// The name of one of ``Icon``'s predefined icons, such as `"postgresql"`.
    package var icon: String?
    /// The technology, such as `"PostgreSQL 17"` or `"Built from ./backend"`.
    package var technology: String?

    /// Guesses from an image reference, a build context and the service name.
    /// A build wins over the image for the technology (the image is then only
    /// the tag the build produces); the image decides kind and icon.
    package init(image: String?, buildContext: String? = nil, serviceName: String = "") {
        let product = image.flatMap { Product.matching(ImageReference($0).repository) }
        kind = product?.kind ?? .service
        icon = product?.icon ?? Self.iconFromName(serviceName)
        if let buildContext {
            technology = "Built from \(buildContext)"
        } else if let image {
            let reference = ImageReference(image)
            technology = product.map { product in reference.version.map { "\(product.name) \($0)" } ?? product.name } ?? image
        } else {
            technology = nil
        }
    }

    /// Icons for services built from source, from words in their names.
    private static func iconFromName(_ name: String) -> String? {
        let words = Set(name.lowercased().split { !$0.isLetter })
        if !words.isDisjoint(with: ["worker", "workers", "consumer"]) { return "cogs" }
        if !words.isDisjoint(with: ["beat", "scheduler", "cron"]) { return "clock" }
        if !words.isDisjoint(with: ["docs", "documentation"]) { return "book" }
        return nil
    }
}

/// The parts of an image reference such as `ghcr.io/acme/api:1.4@sha256:…`.
struct ImageReference: Equatable {
    /// The last path component of the repository, lower-cased: `api`.
    var repository: String
    /// The tag, if any: `1.4`.
    var tag: String?

    init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") { rest = rest[..<at] }
        let lastComponent = rest.split(separator: "/", omittingEmptySubsequences: false).last ?? rest
        if let colon = lastComponent.lastIndex(of: ":") {
            tag = String(lastComponent[lastComponent.index(after: colon)...])
            repository = String(lastComponent[..<colon]).lowercased()
        } else {
            tag = nil
            repository = String(lastComponent).lowercased()
        }
    }

    /// The version at the start of the tag: `17` of `17-alpine`, `8.1` of
    /// `8.1-alpine`, `3.1` of `v3.1`; `nil` for `latest`, a missing tag or a variable.
    var version: String? {
        guard var tag = tag?[...] else { return nil }
        if tag.first == "v" || tag.first == "V" { tag = tag.dropFirst() }
        var version = String(tag.prefix { $0.isNumber || $0 == "." })
        while version.hasSuffix(".") { version.removeLast() }
        return version.first?.isNumber == true ? version : nil
    }
}

/// Well-known images.
struct Product: Sendable {
    var keywords: [String]
    var name: String
    var kind: ContainerKind
    var icon: String?

    static let all: [Product] = [
        Product(keywords: ["postgres", "postgis", "timescaledb"], name: "PostgreSQL", kind: .database, icon: "postgresql"),
        Product(keywords: ["mysql"], name: "MySQL", kind: .database, icon: "database"),
        Product(keywords: ["mariadb"], name: "MariaDB", kind: .database, icon: "database"),
        Product(keywords: ["mongo"], name: "MongoDB", kind: .database, icon: "database"),
        Product(keywords: ["redis"], name: "Redis", kind: .database, icon: "redis"),
        Product(keywords: ["valkey"], name: "Valkey", kind: .database, icon: "redis"),
        Product(keywords: ["memcached"], name: "Memcached", kind: .database, icon: "database"),
        Product(keywords: ["duckdb"], name: "DuckDB", kind: .database, icon: "database"),
        Product(keywords: ["rabbitmq"], name: "RabbitMQ", kind: .queue, icon: "rabbitmq"),
        Product(keywords: ["kafka"], name: "Kafka", kind: .queue, icon: nil),
        Product(keywords: ["nats"], name: "NATS", kind: .queue, icon: nil),
        Product(keywords: ["activemq"], name: "ActiveMQ", kind: .queue, icon: nil),
        Product(keywords: ["minio"], name: "MinIO", kind: .objectStore, icon: "storage"),
        Product(keywords: ["seaweedfs"], name: "SeaweedFS", kind: .objectStore, icon: "storage"),
        Product(keywords: ["nginx"], name: "nginx", kind: .service, icon: "nginx"),
        Product(keywords: ["caddy"], name: "Caddy", kind: .service, icon: "server"),
        Product(keywords: ["traefik"], name: "Traefik", kind: .service, icon: "server"),
        Product(keywords: ["haproxy"], name: "HAProxy", kind: .service, icon: "server"),
        Product(keywords: ["python"], name: "Python", kind: .service, icon: "python"),
        Product(keywords: ["swift"], name: "Swift", kind: .service, icon: "swift"),
    ]

    /// The product whose keyword starts one of the repository's words
    /// (`postgresql`, `cp-kafka`, `redis-stack-server`).
    static func matching(_ repository: String) -> Product? {
        let words = repository.split { !$0.isLetter && !$0.isNumber }
        return all.first { product in
            product.keywords.contains { keyword in words.contains { $0.hasPrefix(keyword) } }
        }
    }
}
