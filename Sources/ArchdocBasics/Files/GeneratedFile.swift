/// A file archdoc generates: a path relative to the output folder and its text.
package struct GeneratedFile: Hashable, Sendable {
    /// The path relative to the output folder, with `/` separators.
    package var path: String
    /// The full contents.
    package var contents: String

    /// Creates a generated file.
    package init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
