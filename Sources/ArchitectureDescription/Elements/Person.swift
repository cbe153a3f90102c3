/// A person who uses the software: a user, an operator, an administrator.
public struct Person: Element, Codable, Hashable {
    /// The id: unique in the architecture; diagrams, file names and compose services use it.
    public var id: String
    /// The name shown in diagrams and documents.
    public var name: String
    /// What the person does with the system.
    public var description: String?
    /// Whether the person is outside the organisation that owns the system.
    public var isExternal: Bool
    /// Free-form tags, for styling and filtering.
    public var tags: [String]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a person.
    ///
    /// ```swift
    /// let user = Person("user", "User", description: "Uses the web app")
    /// ```
    public init(
        _ id: String,
        _ name: String,
        description: String? = nil,
        isExternal: Bool = false,
        tags: [String] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.isExternal = isExternal
        self.tags = tags
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}
