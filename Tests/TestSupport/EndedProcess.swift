import Foundation

/// Processes for tests of what archdoc does with files of runs that died.
package enum EndedProcess {
    /// The id of a process that has run and exited: a writer that died, as
    /// far as a temporary file or a scratch folder that names it can tell.
    package static func id() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
