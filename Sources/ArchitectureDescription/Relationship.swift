/// A use of one element by another, drawn as an arrow.
///
/// Create relationships with ``Element/uses(_:_:technology:tags:file:line:column:)``
/// so that both ends are checked by the compiler.
public struct Relationship: Codable, Hashable, Sendable {
    /// The id of the element that uses.
    public var sourceID: String
    /// The id of the element that is used.
    public var destinationID: String
    /// What the use is, as a short verb phrase.
    public var description: String
    /// The protocol or technology of the interaction.
    public var technology: String?
    /// Free-form tags, for styling and filtering.
    public var tags: [String]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Creates a relationship between two element ids. Prefer
    /// ``Element/uses(_:_:technology:tags:file:line:column:)``, which takes
    /// element values.
    public init(
        sourceID: String,
        destinationID: String,
        description: String,
        technology: String? = nil,
        tags: [String] = [],
        location: SourceLocation
    ) {
        self.sourceID = sourceID
        self.destinationID = destinationID
        self.description = description
        self.technology = technology
        self.tags = tags
        self.location = location
    }
}
