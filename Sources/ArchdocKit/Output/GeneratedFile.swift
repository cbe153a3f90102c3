/// A file archdoc generates: a path relative to the output folder and its text.
public struct GeneratedFile: Hashable, Sendable {
    /// The path relative to the output folder, with `/` separators.
    public var path: String
    /// The full contents.
    public var contents: String

    /// Creates a generated file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
