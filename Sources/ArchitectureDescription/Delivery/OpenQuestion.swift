/// A question the architecture has not answered yet. Chapter 7 and chapter 11
/// list every one; none is hidden.
///
/// ```swift
/// OpenQuestion("Production hosting provider and region", about: production)
/// ```
public struct OpenQuestion: Codable, Hashable, Sendable {
    /// The question.
    public var text: String
    /// The id of the environment it is about; `nil` for the whole system.
    public var environment: String?
    /// Who is to answer it.
    public var owner: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares an open question.
    public init(
        _ text: String,
        about environment: Environment? = nil,
        owner: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.text = text
        self.environment = environment?.id
        self.owner = owner
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}
