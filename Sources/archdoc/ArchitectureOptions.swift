import ArchdocKit
import ArgumentParser
import Foundation

/// The options every command that reads an architecture shares.
struct ArchitectureOptions: ParsableArguments {
    @Option(
        name: [.customShort("a"), .long],
        help: ArgumentHelp("The folder with the architecture's Swift files; its entry file is main.swift.", valueName: "folder"))
    var architecture = "architecture"

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    /// Loads the model (compiling it when the cache has no copy). Throws the
    /// right exit code, after saying why, when it cannot be loaded.
    func loadModel() throws -> ArchitectureModel {
        do {
            return try ArchitectureLoader().load(from: architecture) { files in
                if !quiet { Terminal.progress("Compiling \(architecture)/ (\(files) Swift file\(files == 1 ? "" : "s"))…") }
            }.model
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode.rawValue)
        }
    }

    /// Loads and validates the model, printing diagnostics to standard error.
    /// Throws the right exit code when loading fails or the model has errors.
    func loadValidModel() throws -> ArchitectureModel {
        let model = try loadModel()
        let diagnostics = Validator().validate(model)
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error {
            Terminal.error(diagnostic.description)
        }
        if diagnostics.containsErrors {
            let count = diagnostics.filter { $0.severity == .error }.count
            Terminal.error("error: the architecture has \(count) error\(count == 1 ? "" : "s"); nothing was written")
            throw ExitCode(ArchdocExitCode.dataError.rawValue)
        }
        return model
    }
}
