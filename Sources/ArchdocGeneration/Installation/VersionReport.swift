import ArchdocBasics
import ArchdocLoading

/// What `archdoc --version` prints: the version, and where this archdoc finds
/// the DSL library that architectures compile against, so that a user can see
/// at once which installation runs.
package enum VersionReport {
    /// The version line, then `DSL library: <folder>` (or where it was looked for).
    ///
    /// - Parameter detail: Shown in parentheses after the version, such as the allocator.
    package static func text(detail: String) -> String {
        let library: String
        do {
            library = try DSLLibrary.locate().libraryDirectory
        } catch {
            library = "not found; run `make install` or set ARCHDOC_DSL_PATH"
        }
        return "\(ArchdocVersion.current) (\(detail))\nDSL library: \(library)"
    }
}
