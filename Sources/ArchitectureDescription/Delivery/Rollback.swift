/// How a bad release is undone: the method, what triggers it, the recovery
/// objectives, and the procedure step by step.
///
/// ```swift
/// Rollback(method: "Redeploy the previous image tag",
///          triggers: ["Health checks fail within 5 minutes of a deploy"],
///          recoveryTime: .minutes(10), recoveryPoint: .minutes(15),
///          procedure: ["Set IMAGE_TAG to the previous release", "Record the incident"])
/// ```
public struct Rollback: Codable, Hashable, Sendable {
    /// How to roll back.
    public var method: String
    /// What makes the team roll back.
    public var triggers: [String]
    /// The recovery time objective: how long until the service is back.
    public var recoveryTime: TimeSpan?
    /// The recovery point objective: how much data may be lost.
    public var recoveryPoint: TimeSpan?
    /// Why the recovery point holds, such as "WAL archived every 15 minutes".
    public var recoveryPointBasis: String?
    /// The steps, in order.
    public var procedure: [String]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares the rollback.
    public init(
        method: String,
        triggers: [String] = [],
        recoveryTime: TimeSpan? = nil,
        recoveryPoint: TimeSpan? = nil,
        recoveryPointBasis: String? = nil,
        procedure: [String] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.method = method
        self.triggers = triggers
        self.recoveryTime = recoveryTime
        self.recoveryPoint = recoveryPoint
        self.recoveryPointBasis = recoveryPointBasis
        self.procedure = procedure
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}
