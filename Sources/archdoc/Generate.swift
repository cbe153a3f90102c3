import ArchdocGeneration
import ArgumentParser
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate every diagram, document and the compose file from the architecture.",
        discussion: """
            Compiles the architecture (or reuses the cached model when no file \
            changed), validates it, and writes under the output folder: \
            diagrams/<view>.puml, .mmd and .svg, the arc42 chapters, and the HTML \
            site. With a Deployment, it also writes a docker compose file \
            (compose.yaml) with a service per deployed container and a profile per \
            environment. Only files whose content changed are rewritten, each \
            atomically.

            Exit codes: 0 success, 65 the architecture does not compile or is \
            invalid (nothing is written), 69 the DSL library or compiler is missing, \
            73 a file cannot be written.
            """
    )

    @OptionGroup var options: ArchitectureOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let configuration = output.configuration(architecture: options.architecture)
        var pipeline = BuildPipeline(architectureDirectory: options.architecture, configuration: configuration, modelTimeout: options.timeout)
        pipeline.writesEditorSetup = true
        let outcome = pipeline.run(willCompile: options.reportCompiling)
        switch outcome {
        case .failed(let message, let exitCode):
            Terminal.error(message)
            throw ExitCode(exitCode.rawValue)
        case .succeeded(let report):
            guard !options.quiet else { return }
            report.warnings.forEach(Terminal.error)
            let composeNote = report.files.contains { $0 == configuration.layout.composeFile } ? " and \(output.compose)" : ""
            print("Generated \(report.files.count) files in \(output.output)/\(composeNote) (\(report.written) written, \(report.files.count - report.written) unchanged) in \(report.duration.formattedSeconds)")
        }
    }
}

/// Where generated files go; shared by generate, check, watch and serve.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the documentation into.", valueName: "folder"))
    var output = "site"

    @Option(help: ArgumentHelp("The compose file to write.", valueName: "path"))
    var compose = "compose.yaml"

    @Flag(help: "Do not write a compose file.")
    var noCompose = false

    @Option(help: ArgumentHelp("Your templates; a file here replaces the default of the same name.", valueName: "folder"))
    var templates = "templates"

    @Option(help: ArgumentHelp("Your own Markdown pages and arc42 chapters (default: docs/ in the architecture folder).", valueName: "folder"))
    var docs: String?

    @Flag(help: "Treat a link to a page or anchor that does not exist as an error, not a warning.")
    var strict = false

    @Option(name: .customLong("plantuml-jar"), help: ArgumentHelp(
        "Also draw every view with PlantUML itself, as diagrams/<view>.plantuml.svg and a \"PlantUML picture\" tab.",
        discussion: """
            The path of plantuml.jar (needs java; Graphviz for layout). All views are drawn \
            by one Java run, and each picture is cached until its source, the jar or \
            Graphviz changes. Default: $ARCHDOC_PLANTUML_JAR; without either, no PlantUML \
            pictures are drawn. Give check the same option as generate, or it reports the \
            pictures as unexpected files.
            """,
        valueName: "path"))
    var plantUMLJar: String?

    /// The configuration for an architecture folder.
    func configuration(architecture: String) -> GeneratorConfiguration {
        GeneratorConfiguration(
            siteDirectory: output, composeFile: noCompose ? nil : compose, templatesDirectory: templates,
            docsDirectory: docsDirectory(architecture: architecture), strictLinks: strict,
            plantUMLJar: plantUMLJarPath())
    }

    /// `--plantuml-jar`, or `ARCHDOC_PLANTUML_JAR` (not `PLANTUML_JAR`, which
    /// other tools set without asking for pictures); `nil` when neither is set.
    func plantUMLJarPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        plantUMLJar ?? environment["ARCHDOC_PLANTUML_JAR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `--docs`, or the architecture folder's `docs/`.
    func docsDirectory(architecture: String) -> String {
        docs ?? (architecture as NSString).appendingPathComponent("docs")
    }
}
