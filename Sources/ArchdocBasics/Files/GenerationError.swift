/// Why generation failed, for reasons other than the model: a broken template.
package struct GenerationError: Error, Sendable, CustomStringConvertible {
    /// A `file:line:column: error: …` message.
    package var description: String

    /// Creates an error with a ready message.
    package init(_ description: String) {
        self.description = description
    }
}
