import Foundation
import ArchdocModel
import ArchitectureDescription

/// Why an architecture could not be loaded. Each case says what to do about it.
package enum LoadError: Error, Sendable, CustomStringConvertible {
    /// The architecture folder does not exist.
    case missingDirectory(path: String)
    /// The folder has no `main.swift`.
    case missingEntryFile(directory: String, found: [String])
    /// The DSL library is not next to archdoc.
    case libraryNotBuilt(searched: [String])
    /// `swiftc` is not on the `PATH`.
    case compilerNotFound
    /// The DSL library was built by another Swift version than `swiftc`.
    case toolchainMismatch(library: String, compiler: String, compilerPath: String)
    /// The user's Swift does not compile; the compiler's own output.
    case compilationFailed(output: String)
    /// The compiled program crashed or exited with an error.
    case programFailed(status: Int32, signal: Int32?, memoryLimit: Int, output: String)
    /// The compiled program ran too long.
    case programTimedOut(seconds: Int)
    /// The program wrote a model larger than the limit.
    case modelTooLarge(bytes: Int, limit: Int)
    /// The program wrote something that is not an architecture document.
    case invalidDocument(reason: String)
    /// The document has a schema version this archdoc cannot read.
    case unsupportedSchema(found: Int, supported: Int)
    /// `main.swift` ran but created no `Architecture`.
    case noArchitecture(entryFile: String)
    /// More than one `Architecture` was created.
    case multipleArchitectures([SourceLocation])
    /// A file archdoc needs could not be read or written.
    case io(path: String, reason: String)

    /// The exit code archdoc ends with for this error.
    package var exitCode: ArchdocExitCode {
        switch self {
        case .libraryNotBuilt, .compilerNotFound, .toolchainMismatch: .unavailable
        case .io: .cannotCreate
        default: .dataError
        }
    }

    package var description: String {
        switch self {
        case .missingDirectory(let path):
            return "error: no architecture folder at \(path); create it with an architecture/main.swift, or pass the folder with --architecture"
        case .missingEntryFile(let directory, let found):
            let listing = found.isEmpty ? "it has no .swift files" : "it has \(found.joined(separator: ", "))"
            return "error: \(directory) has no main.swift (\(listing)); the architecture's entry file must be named main.swift"
        case .libraryNotBuilt(let searched):
            return """
                error: the ArchitectureDescription library is not built (looked in \(searched.joined(separator: ", "))).
                note: `swift run archdoc` builds only the executable; run `swift build` (which builds the dynamic library too), or set ARCHDOC_DSL_PATH to the folder that holds libArchitectureDescription.so
                """
        case .compilerNotFound:
            return "error: swiftc was not found on PATH; install Swift 6 or set ARCHDOC_SWIFTC to the compiler"
        case .toolchainMismatch(let library, let compiler, let path):
            return """
                error: the ArchitectureDescription library was built by \(library), but \(path) is \(compiler).
                note: the library and the compiler must come from the same toolchain; rebuild archdoc with this toolchain (`swift build`), or set ARCHDOC_SWIFTC to the compiler that built it
                """
        case .compilationFailed(let output):
            return output
        case .programFailed(let status, let signal, let memoryLimit, let output):
            let ending = signal.map { "was ended by signal \($0)" } ?? "exited with status \(status)"
            // A failed allocation ends the program with one of these, or says so.
            let outOfMemory = signal.map { [SIGKILL, SIGSEGV, SIGABRT].contains($0) } == true
                || output.localizedCaseInsensitiveContains("alloc") || output.localizedCaseInsensitiveContains("memory")
            let memory = outOfMemory ? "; if it ran out of memory, the limit is \(memoryLimit >> 20) MiB: set ARCHDOC_MODEL_MEMORY_MB to raise it" : ""
            return output + (output.hasSuffix("\n") || output.isEmpty ? "" : "\n")
                + "error: the architecture program \(ending) before writing the model; see its output above\(memory)"
        case .programTimedOut(let seconds):
            return "error: the architecture program did not finish within \(seconds) s and was stopped; look for an endless loop in architecture/*.swift, or raise the limit with --timeout SECONDS or ARCHDOC_MODEL_TIMEOUT"
        case .modelTooLarge(let bytes, let limit):
            return "error: the architecture program wrote a model of \(bytes) bytes, over the limit of \(limit) bytes (\(limit >> 20) MiB); look for a generated string that grows without end, or raise the limit with ARCHDOC_MODEL_SIZE_MB"
        case .invalidDocument(let reason):
            return "error: the architecture program wrote an unreadable model: \(reason); rebuild archdoc and its library together with `swift build`"
        case .unsupportedSchema(let found, let supported):
            return "error: the model has schema version \(found), but this archdoc reads version \(supported); rebuild archdoc and its library together with `swift build`"
        case .noArchitecture(let entryFile):
            return """
                \(entryFile):1:1: error: [no-architecture] running the architecture created no Architecture
                note: declare it at the top level of main.swift: `let architecture = Architecture("Name") { … }`; globals in other files are lazy and only run when used
                """
        case .multipleArchitectures(let locations):
            return locations.dropFirst().map {
                "\($0): error: [multiple-architectures] an architecture is already declared at \(locations[0].shortDescription); declare exactly one Architecture"
            }.joined(separator: "\n")
        case .io(let path, let reason):
            return "error: \(path): \(reason)"
        }
    }
}
