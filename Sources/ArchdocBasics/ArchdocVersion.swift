/// archdoc's own version.
package enum ArchdocVersion {
    /// The version string printed by `archdoc --version` and in the site's footer.
    package static let current = "0.1.0"
}
