internal import Foundation
import Synchronization

/// Writes the architectures a program creates to the path given after
/// `--archdoc-output`, when the program exits, the way a package manifest
/// writes itself out for SwiftPM.
enum ArchitectureExport {
    /// The command-line flag archdoc passes to the compiled architecture program.
    static let outputFlag = "--archdoc-output"

    private struct State {
        var document = ArchitectureDocument(architectures: [])
        var exitHandlerInstalled = false
    }

    private static let state = Mutex(State())

    static func register(_ architecture: Architecture, extraDeployments: [SourceLocation]) {
        guard outputPath != nil else { return }
        let needsHandler = state.withLock { state in
            state.document.architectures.append(architecture)
            state.document.extraDeployments += extraDeployments
            defer { state.exitHandlerInstalled = true }
            return !state.exitHandlerInstalled
        }
        if needsHandler {
            atexit { ArchitectureExport.write() }
        }
    }

    private static var outputPath: String? {
        let arguments = CommandLine.arguments
        guard let index = arguments.firstIndex(of: outputFlag), arguments.indices.contains(index + 1) else { return nil }
        return arguments[index + 1]
    }

    private static func write() {
        guard let path = outputPath else { return }
        let document = state.withLock { $0.document }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(document)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("error: could not write the architecture to \(path): \(error)\n".utf8))
            exit(70)
        }
    }
}
