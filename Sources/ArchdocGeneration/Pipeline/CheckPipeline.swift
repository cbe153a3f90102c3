import ArchdocCIFiles
import ArchdocComposeFiles
import ArchdocDrift
import ArchdocLoading
import ArchdocModel
import Foundation

/// The formats `check` prints its findings in: `text`, `json` or `github`.
package typealias FindingFormat = FindingReport.Format

/// One run of `check`: load and validate the model, compare every file
/// `generate` would write with the disk, and compare the compose files with
/// the model's deployment. Like ``BuildPipeline`` it reports instead of
/// printing, and writes nothing.
package struct CheckPipeline: Sendable {
    /// What a run found.
    package enum Outcome: Sendable {
        /// Every check ran: the findings (none when everything matches), and
        /// the model's warnings, which are not findings.
        case checked(CheckReport)
        /// An input cannot be read: the model does not load, a template is
        /// broken, or a compose file is not a compose file.
        case failed(message: String, exitCode: ArchdocExitCode)
    }

    /// The architecture folder.
    package var architectureDirectory: String
    /// Where `generate` writes, which is what the generated files are compared with.
    package var configuration: GeneratorConfiguration
    /// The compose files to compare, merged like docker compose; empty for the
    /// generated compose file, when it exists.
    package var composeFiles: [String]
    /// The variables for `${…}` in compose files; `nil` for `.env` beside the first compose file.
    package var envFile: String?
    /// The loader, with its environment.
    package var loader: ArchitectureLoader

    /// Creates a check.
    package init(
        architectureDirectory: String, configuration: GeneratorConfiguration, composeFiles: [String] = [], envFile: String? = nil,
        modelTimeout: TimeInterval? = nil, loader: ArchitectureLoader? = nil
    ) {
        self.architectureDirectory = architectureDirectory
        self.configuration = configuration
        self.composeFiles = composeFiles
        self.envFile = envFile
        self.loader = loader ?? ArchitectureLoader(runTimeout: modelTimeout)
    }

    /// Runs every check once. `willCompile` is called before the Swift files are compiled.
    package func run(willCompile: (Int) -> Void = { _ in }) -> Outcome {
        let model: ArchitectureModel
        do {
            model = try loader.load(from: architectureDirectory, willCompile: willCompile).model
        } catch {
            return .failed(message: error.description, exitCode: error.exitCode)
        }
        var findings: [Finding] = []
        var warnings: [Diagnostic] = []
        for diagnostic in Validator().validate(model) {
            if diagnostic.severity == .error {
                findings.append(Finding(.invalidModel, "[\(diagnostic.rule)] \(diagnostic.message)",
                                        file: diagnostic.location?.file, line: diagnostic.location?.line, model: diagnostic.location))
            } else {
                warnings.append(diagnostic)
            }
        }

        var configuration = configuration
        if configuration.pictureCache == nil { configuration.pictureCache = .standard(environment: loader.environment) }
        do {
            let expected = try Generator(configuration: configuration).files(for: model)
            findings += Staleness(expected: expected, siteDirectory: configuration.layout.siteDirectory).findings()
        } catch {
            return .failed(message: error.description, exitCode: .dataError)
        }

        // Without -f, the generated compose file, when there is one.
        let explicit = !composeFiles.isEmpty
        let candidates = explicit ? composeFiles : (configuration.layout.composeFile.map { [$0] } ?? [])
        let readable = candidates.filter { explicit || FileManager.default.fileExists(atPath: $0) }
        if let first = readable.first, model.architecture.deployment != nil {
            do {
                let envPath = envFile ?? URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent(".env").path
                let variables = try ComposeVariables.load(envFile: envPath, environment: loader.environment)
                let parser = ComposeParser(variables: variables)
                var document = try parser.parse(contentsOf: first)
                for path in readable.dropFirst() { document = document.merged(with: try parser.parse(contentsOf: path)) }
                findings += ComposeDrift(model: model, variables: variables).findings(against: document)
            } catch {
                return .failed(message: error.description, exitCode: .dataError)
            }
        }
        if let pipeline = model.architecture.pipeline {
            let drift = PipelineDrift(pipeline: pipeline)
            if let platform = drift.platform {
                if FileManager.default.fileExists(atPath: pipeline.file) {
                    do {
                        findings += drift.findings(against: try CIFileReader.read(contentsOf: pipeline.file, platform: platform))
                    } catch {
                        return .failed(message: error.description, exitCode: .dataError)
                    }
                } else {
                    findings.append(Finding(.missingFile, "the model's pipeline is defined in \(pipeline.file), which does not exist", file: pipeline.file,
                                            model: pipeline.location))
                }
            } else {
                warnings.append(Diagnostic(.warning, rule: "pipeline",
                                           "check reads GitLab CI and GitHub Actions files; the pipeline of \(pipeline.platform.name) in \(pipeline.file) is not compared",
                                           at: pipeline.location))
            }
        }
        return .checked(CheckReport(findings: findings, warnings: warnings))
    }
}

/// What `check` found.
package struct CheckReport: Sendable {
    /// Every finding, in the order the checks found them.
    package var findings: [Finding]
    /// The model's warnings: printed, but not findings.
    package var warnings: [Diagnostic]

    /// The findings as text, JSON or GitHub workflow commands.
    package func render(_ format: FindingFormat, colored: Bool) -> String {
        FindingReport(findings: findings).render(format, colored: colored)
    }
}
