import ArchdocGeneration
import ArchdocModel
import ArgumentParser
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the docs, the generated files, the compose files and the CI file match the model.",
        discussion: """
            Runs four checks in one pass and reports every finding:
              • the model is valid (as in generate);
              • every file generate would write exists and is up to date, and the \
            site folder holds nothing else;
              • the compose files (-f, merged like docker compose; default: the \
            generated compose.yaml) match the model's deployment: services, image, \
            build, command, ports, volumes, networks, profiles, restart, replicas, \
            depends_on, environment and health checks. Variables are interpolated \
            from .env and the environment. Equivalent forms are not findings: key \
            order, quoting, short and long syntax, list and map forms, x vs x:latest;
              • the CI file the model's Pipeline names (.gitlab-ci.yml or a GitHub \
            workflow) has the model's stages in order, the jobs of each stage, and \
            the same branch, tag and manual conditions.

            Examples:
              archdoc check
              archdoc check -f docker-compose.yml -f docker-compose.prod.yml
              archdoc check --format github     # annotations in a GitHub Actions job
              archdoc check --format json > findings.json

            Exit codes: 0 no findings, 1 findings, 65 an input cannot be read (the \
            architecture does not compile, or a compose or CI file is not valid YAML \
            or not a compose file), 69 the DSL library or compiler is missing.
            """
    )

    @OptionGroup var options: ArchitectureOptions

    @OptionGroup var outputOptions: OutputOptions

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp(
        "A compose file to compare with the model; repeat to merge several, like docker compose.", valueName: "compose-file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Variables for ${…} in compose files (default: .env beside the first compose file).", valueName: "path"))
    var envFile: String?

    @Option(help: ArgumentHelp("text, json or github.", valueName: "format"))
    var format: FindingFormat = .text

    @Flag(help: "Never colour the text output.")
    var noColor = false

    func run() throws {
        let check = CheckPipeline(
            architectureDirectory: options.architecture, configuration: outputOptions.configuration(architecture: options.architecture),
            composeFiles: files, envFile: envFile, modelTimeout: options.timeout)
        let report: CheckReport
        switch check.run(willCompile: options.reportCompiling) {
        case .failed(let message, let exitCode):
            Terminal.error(message)
            throw ExitCode(exitCode.rawValue)
        case .checked(let checked):
            report = checked
        }
        if format == .text && !options.quiet {
            report.warnings.map(\.description).forEach(Terminal.error)
        }
        let colored = format == .text && !noColor && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        print(report.render(format, colored: colored), terminator: "")
        if !report.findings.isEmpty { throw ExitCode(ArchdocExitCode.findings.rawValue) }
    }
}

extension FindingFormat: ExpressibleByArgument {}
