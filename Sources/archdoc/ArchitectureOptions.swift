import ArgumentParser
import Foundation

/// The options every command that reads an architecture shares.
struct ArchitectureOptions: ParsableArguments {
    @Option(
        name: [.customShort("a"), .long],
        help: ArgumentHelp("The folder with the architecture's Swift files; its entry file is main.swift.", valueName: "folder"))
    var architecture = "architecture"

    @Option(help: ArgumentHelp(
        "How long the compiled architecture may run before it is stopped (default: $ARCHDOC_MODEL_TIMEOUT, else 60).",
        valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    /// Says that a compilation starts (it takes seconds), unless `--quiet`.
    func reportCompiling(files: Int) {
        if !quiet { Terminal.progress("Compiling \(architecture)/ (\(files) Swift file\(files == 1 ? "" : "s"))…") }
    }
}
