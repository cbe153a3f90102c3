import ArchdocKit
import ArgumentParser
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate every diagram from the architecture.",
        discussion: """
            Compiles the architecture (or reuses the cached model when no file \
            changed), validates it, and writes diagrams/<view>.puml and \
            diagrams/<view>.mmd under the output folder. Only files whose content \
            changed are rewritten. With a Deployment, it also writes a docker \
            compose file (compose.yaml) with a service per deployed container and a \
            profile per environment.

            Exit codes: 0 success, 65 the architecture does not compile or is \
            invalid (nothing is written), 69 the DSL library or compiler is missing, \
            73 a file cannot be written.
            """
    )

    @OptionGroup var options: ArchitectureOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the documentation into.", valueName: "folder"))
    var output = "site"

    @Option(help: ArgumentHelp("The compose file to write.", valueName: "path"))
    var compose = "compose.yaml"

    @Flag(help: "Do not write a compose file.")
    var noCompose = false

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let model = try options.loadValidModel()
        let configuration = GeneratorConfiguration(siteDirectory: output, composeFile: noCompose ? nil : compose)
        let files: [GeneratedFile]
        do {
            files = try Generator(configuration: configuration).files(for: model)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(ArchdocExitCode.dataError.rawValue)
        }
        let summary: OutputWriter.Summary
        do {
            summary = try OutputWriter(root: ".").write(files)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(ArchdocExitCode.cannotCreate.rawValue)
        }
        let elapsed = clock.now - start
        let written = summary.count(.created) + summary.count(.updated)
        guard !options.quiet else { return }
        let composeNote = files.contains { $0.path == configuration.composeFile } ? " and \(compose)" : ""
        print("Generated \(files.count) files in \(output)/\(composeNote) (\(written) written, \(summary.count(.unchanged)) unchanged) in \(elapsed.formattedSeconds)")
    }
}
