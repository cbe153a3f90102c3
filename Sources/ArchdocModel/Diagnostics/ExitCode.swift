/// The process exit codes archdoc uses, following `sysexits.h` where it has one.
package enum ArchdocExitCode: Int32, Sendable {
    /// Everything worked.
    case success = 0
    /// `check` found differences.
    case findings = 1
    /// The command line was wrong.
    case usage = 64
    /// The user's input is wrong: it does not compile, or fails validation.
    case dataError = 65
    /// Something archdoc needs is missing, such as the DSL library.
    case unavailable = 69
    /// An internal error.
    case software = 70
    /// A file could not be written.
    case cannotCreate = 73
}
