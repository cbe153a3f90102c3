/// When the container engine restarts a service's container.
public enum RestartPolicy: String, Codable, Hashable, Sendable {
    /// Never restart (compose's default).
    case no
    /// Always restart.
    case always
    /// Restart when the container exits with a non-zero code.
    case onFailure = "on-failure"
    /// Always restart, unless the container was stopped by hand.
    case unlessStopped = "unless-stopped"
}
