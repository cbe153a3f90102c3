/// A model element that relationships can point at: a person, a software system
/// or a container.
///
/// Relationships take element values rather than identifiers, so the compiler
/// checks every reference.
public protocol Element: Sendable {
    /// The stable identifier. It becomes the PlantUML alias, the Mermaid node id
    /// and, for containers, the compose service name.
    var id: String { get }
    /// The human-readable name shown in diagrams.
    var name: String { get }
    /// Where the element was declared.
    var location: SourceLocation { get }
}

extension Element {
    /// Declares that this element uses another one.
    ///
    /// ```swift
    /// user.uses(proxy, "Opens the web app", technology: "HTTPS")
    /// ```
    ///
    /// - Parameters:
    ///   - destination: The element being used.
    ///   - description: What the use is, as a short verb phrase.
    ///   - technology: The protocol or technology of the interaction.
    ///   - tags: Free-form tags, for styling and filtering.
    ///   - file: Where the use is declared; the default, the caller's file, is right.
    ///   - line: The line of the declaration; leave the default.
    ///   - column: The column of the declaration; leave the default.
    public func uses(
        _ destination: some Element,
        _ description: String,
        technology: String? = nil,
        tags: [String] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) -> Relationship {
        Relationship(
            sourceID: id,
            destinationID: destination.id,
            description: description,
            technology: technology,
            tags: tags,
            location: SourceLocation(file: file, line: line, column: column)
        )
    }
}
