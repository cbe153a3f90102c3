import ArchdocGeneration
import ArgumentParser
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a starting architecture from an existing compose file.",
        discussion: """
            Reads a docker compose file and writes architecture/main.swift: a \
            Container for each service (its kind, icon and technology guessed from \
            the image), one SoftwareSystem named after the project, a relationship \
            for each depends_on, and a Deployment with the profiles, volumes, \
            networks and a Service for each compose service, carrying its image or \
            build, command, ports, environment, env files, volumes, networks, health \
            check, restart policy, replicas, dependencies and profiles.

            The container ids are the compose service names, unchanged, so \
            `archdoc generate` writes back an equivalent compose file: the same \
            services, images, ports, dependencies and profiles. What the file \
            cannot know is left as a TODO: what each container does, and what each \
            relationship is for.

            Examples:
              archdoc import compose.yaml
              archdoc import docker/compose.prod.yaml -o architecture/main.swift --force
              archdoc import compose.yaml --name "Task Platform"

            Then review the TODOs and run `archdoc generate`.

            Exit codes: 0 success, 64 bad command line, 65 the file cannot be read, \
            is not valid YAML or is not a compose file (the message gives file, \
            line and problem), 73 the output file exists (pass --force to replace \
            it) or cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("The compose file to import.", valueName: "compose-file"))
    var composeFile: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The Swift file to write.", valueName: "path"))
    var output = "architecture/main.swift"

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Option(help: ArgumentHelp(
        "The architecture's name (default: the compose file's `name:`, or else its folder's name).", valueName: "name"))
    var name: String?

    func run() throws {
        let report: ImportReport
        switch ImportPipeline(composeFile: composeFile, output: output, force: force, name: name).run() {
        case .failed(let message, let exitCode):
            Terminal.error(message)
            throw ExitCode(exitCode.rawValue)
        case .imported(let imported):
            report = imported
        }
        report.notes.forEach(Terminal.error)
        if URL(fileURLWithPath: output).lastPathComponent != "main.swift" {
            Terminal.error("warning: archdoc reads an architecture from main.swift; rename \(output) to main.swift before running archdoc generate")
        }
        print("Imported \(Self.count(report.containers, "service"))\(report.profiles == 0 ? "" : ", \(Self.count(report.profiles, "profile"))") from \(composeFile) into \(output)")
        print("Review the TODO descriptions, then run \(nextCommand)")
    }

    /// `archdoc generate`, with `-a` when the file is not the default entry file.
    private var nextCommand: String {
        let folder = URL(fileURLWithPath: output).deletingLastPathComponent()
        let standard = URL(fileURLWithPath: "architecture").standardizedFileURL
        let isDefault = folder.standardizedFileURL.path == standard.path && URL(fileURLWithPath: output).lastPathComponent == "main.swift"
        if isDefault { return "archdoc generate" }
        let relative = (output as NSString).deletingLastPathComponent
        return "archdoc generate -a \(relative.isEmpty ? "." : relative)"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
