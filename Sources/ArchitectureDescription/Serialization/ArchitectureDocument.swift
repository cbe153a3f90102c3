/// The versioned JSON document an architecture program writes, and archdoc reads.
///
/// Like a package manifest's serialised form, it is the contract between the
/// DSL and the tool: a tool refuses a document whose ``schemaVersion`` it does
/// not know.
public struct ArchitectureDocument: Codable, Hashable, Sendable {
    /// The schema version this library writes: 2 added environments, the
    /// pipeline, promotion, rollback, operations, configuration and open questions.
    public static let currentSchemaVersion = 2

    /// The version of the document's schema.
    public var schemaVersion: Int
    /// The architectures the program created, in order. A valid program creates one.
    public var architectures: [Architecture]
    /// Where further `Deployment` blocks were declared in one architecture
    /// (only one is allowed).
    public var extraDeployments: [SourceLocation]

    /// Creates a document.
    public init(
        schemaVersion: Int = ArchitectureDocument.currentSchemaVersion,
        architectures: [Architecture],
        extraDeployments: [SourceLocation] = []
    ) {
        self.schemaVersion = schemaVersion
        self.architectures = architectures
        self.extraDeployments = extraDeployments
    }
}
