/// The place in an architecture file where a declaration was written.
///
/// Every initialiser in this library captures its caller's `#filePath`, `#line`
/// and `#column`, so that archdoc can point its diagnostics at the user's source.
public struct SourceLocation: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The absolute path of the file.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int

    /// Creates a source location.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
