import Foundation

/// Where archdoc's own files are, found from the running executable.
///
/// A SwiftPM build folder keeps everything beside the binary. `make install`
/// puts the binary in `<prefix>/bin`, the DSL library in `<prefix>/lib/archdoc`
/// and the default templates in `<prefix>/share/archdoc`, so an installed
/// archdoc needs neither the checkout nor an environment variable.
package enum InstallLayout {
    /// The folder of the running executable, symbolic links resolved (so a
    /// link in `~/bin` to an installed archdoc still finds its prefix).
    package static var executableDirectory: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// `<prefix>/lib/archdoc`: the installed DSL library and its module files.
    package static var libraryDirectory: String { standardized("\(executableDirectory)/../lib/archdoc") }

    /// `<prefix>/share/archdoc`: the installed default templates.
    package static var sharedDirectory: String { standardized("\(executableDirectory)/../share/archdoc") }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
