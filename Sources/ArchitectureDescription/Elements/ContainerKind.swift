/// What sort of container a container is. It selects the shape of the
/// container in diagrams (a cylinder for a database, a pipe for a queue).
public enum ContainerKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// A process that serves requests or does work: an API, a worker, a proxy.
    case service
    /// A web application or single-page app that people open in a browser.
    case webApp
    /// A store of structured data: PostgreSQL, DuckDB, Valkey.
    case database
    /// A message broker or queue: RabbitMQ, Kafka.
    case queue
    /// A store of files or blobs: MinIO, S3.
    case objectStore
}
