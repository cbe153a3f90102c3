import ArchdocGeneration
import ArchdocModel
import ArgumentParser
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the docs, the generated files, the compose files and the CI file match the model.",
        discussion: """
            Runs its checks in one pass and reports every finding:
              • the model is valid (as in generate);
              • every file generate would write exists and is up to date, and the \
            site folder holds nothing else;
              • the compose files (-f, merged like docker compose; default: the \
            generated compose.yaml) match the model's deployment: services, image, \
            build, command, ports, volumes, networks, profiles, restart, replicas, \
            depends_on, environment and health checks. Variables are interpolated \
            from .env and the environment. Equivalent forms are not findings: key \
            order, quoting, short and long syntax, list and map forms, x vs x:latest;
              • Kubernetes manifests (-k FOLDER, rendered with kubectl kustomize; or \
            -f with plain manifest files) match the environment on Kubernetes: \
            workloads, kind, image, replicas, arguments, container and Service ports, \
            environment, probes, resources and volume mounts;
              • the CI file the model's Pipeline names (.gitlab-ci.yml or a GitHub \
            workflow) has the model's stages in order, the jobs of each stage, and \
            the same branch, tag and manual conditions.

            Examples:
              archdoc check
              archdoc check -f docker-compose.yml -f docker-compose.prod.yml
              archdoc check -f docker/test/docker-compose.yml --profile test
              archdoc check --format github     # annotations in a GitHub Actions job
              archdoc check --format json > findings.json
              archdoc check -k deploy/kubernetes/overlays/production

            Exit codes: 0 no findings, 1 findings, 65 an input cannot be read (the \
            architecture does not compile, or a compose or CI file is not valid YAML \
            or not a compose file), 69 the DSL library or compiler is missing.
            """
    )

    @OptionGroup var options: ArchitectureOptions

    @OptionGroup var outputOptions: OutputOptions

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp(
        "A compose file to compare with the model; repeat to merge several, like docker compose. A file of Kubernetes resources is compared as manifests.",
        valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Variables for ${…} in compose files (default: .env beside the first compose file).", valueName: "path"))
    var envFile: String?

    @Option(name: [.customShort("k"), .customLong("kustomize")], help: ArgumentHelp(
        "A kustomize folder (such as deploy/kubernetes/overlays/production) to render with kubectl kustomize and compare with the model; repeatable.",
        valueName: "folder"))
    var kustomize: [String] = []

    @Option(help: ArgumentHelp("The environment on Kubernetes the manifests are of (default: the one named like the -k folder, else the first).",
                               valueName: "id"))
    var environment: String?

    @Option(help: ArgumentHelp(
        "Compare only the compose services that run in this profile, on both sides (a compose file for one environment, such as docker/test/docker-compose.yml).",
        valueName: "profile"))
    var profile: String?

    @Option(help: ArgumentHelp("text, json or github.", valueName: "format"))
    var format: FindingFormat = .text

    @Flag(help: "Never colour the text output.")
    var noColor = false

    func run() throws {
        let check = CheckPipeline(
            architectureDirectory: options.architecture, configuration: outputOptions.configuration(architecture: options.architecture),
            composeFiles: files, envFile: envFile, kustomizeDirectories: kustomize, environmentID: environment, profile: profile,
            modelTimeout: options.timeout)
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
