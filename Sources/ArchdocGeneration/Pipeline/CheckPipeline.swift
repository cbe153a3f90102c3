import ArchdocBasics
import ArchdocCIFiles
import ArchdocComposeFiles
import ArchdocDrift
import ArchdocLoading
import ArchdocManifestFiles
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
    /// Plain Kubernetes manifest files (given with `-f`), compared with an environment on Kubernetes.
    package var manifestFiles: [String]
    /// Kustomize folders to render with `kubectl kustomize` and compare with an environment on Kubernetes.
    package var kustomizeDirectories: [String]
    /// The environment the manifests are of; `nil` for the one whose id names
    /// the kustomize folder (`overlays/production`), else the first on Kubernetes.
    package var environmentID: String?
    /// The one compose profile to compare, or `nil` for all of them.
    package var profile: String?
    /// The loader, with its environment.
    package var loader: ArchitectureLoader

    /// Creates a check. A file of `composeFiles` whose documents are Kubernetes
    /// resources (`apiVersion` and `kind`) is compared as manifests instead.
    package init(
        architectureDirectory: String, configuration: GeneratorConfiguration, composeFiles: [String] = [], envFile: String? = nil,
        kustomizeDirectories: [String] = [], environmentID: String? = nil, profile: String? = nil, modelTimeout: TimeInterval? = nil,
        loader: ArchitectureLoader? = nil
    ) {
        self.profile = profile
        self.architectureDirectory = architectureDirectory
        self.configuration = configuration
        self.composeFiles = composeFiles.filter { !ManifestSniffer.isManifest($0) }
        self.manifestFiles = composeFiles.filter(ManifestSniffer.isManifest)
        self.kustomizeDirectories = kustomizeDirectories
        self.environmentID = environmentID
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
        if let profile, !model.profiles.contains(where: { $0.id == profile }) {
            let known = model.profiles.map(\.id)
            return .failed(
                message: "error: --profile \(profile): the model has no such profile; "
                    + (known.isEmpty ? "it declares none, so leave the option out" : "it has \(known.joined(separator: ", "))"),
                exitCode: .usage)
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
                let project = ComposeProject(parser: parser)
                var document = try project.load(first)
                for path in readable.dropFirst() { document = document.merged(with: try project.load(path)) }
                // Relative paths (and env files) are relative to the project folder: the first file's, as for docker compose.
                let projectFolder = URL(fileURLWithPath: first).standardizedFileURL.deletingLastPathComponent().path
                var envFiles: [String: [String: String]] = [:]
                for file in Set(model.services.flatMap(\.service.envFiles)) {
                    let path = file.hasPrefix("/") ? file : "\(projectFolder)/\(file)"
                    if let values = ComposeVariables.envFileValues(at: path) { envFiles[file] = values.mapValues(variables.interpolate) }
                }
                findings += ComposeDrift(
                    model: model, variables: variables, profile: profile, projectDirectory: projectFolder, envFiles: envFiles, home: loader.environment["HOME"]
                ).findings(against: document)
            } catch {
                return .failed(message: error.description, exitCode: .dataError)
            }
        }
        if !manifestFiles.isEmpty || !kustomizeDirectories.isEmpty {
            switch manifestFindings(model) {
            case .success(let found): findings += found
            case .failure(let failure): return failure.outcome
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

extension CheckPipeline {
    /// Why the manifests could not be compared: its message and exit code.
    struct ManifestFailure: Error {
        var outcome: Outcome
    }

    /// The manifests of `-f` and of each `-k` folder, against the environment they are of.
    func manifestFindings(_ model: ArchitectureModel) -> Result<[Finding], ManifestFailure> {
        let environments = model.kubernetesEnvironments
        func environment(for directory: String?) -> KubernetesEnvironment? {
            if let environmentID { return environments.first { $0.environment.id == environmentID } }
            let folder = directory.map { URL(fileURLWithPath: $0).standardizedFileURL.lastPathComponent }
            return environments.first { $0.environment.id == folder } ?? environments.first
        }
        guard !environments.isEmpty else {
            return .failure(ManifestFailure(outcome: .failed(message: "error: the model has no environment on Kubernetes to compare manifests with; declare one with runsOn: .kubernetes(namespace:)", exitCode: .usage)))
        }
        var findings: [Finding] = []
        do {
            if !manifestFiles.isEmpty {
                guard let target = environment(for: nil) else {
                    return .failure(ManifestFailure(outcome: .failed(message: "error: no environment \(environmentID ?? "") on Kubernetes in the model", exitCode: .usage)))
                }
                var resources: [ManifestResource] = []
                for file in manifestFiles { resources += try ManifestReader().read(contentsOf: file) }
                findings += ManifestDrift(model: model, environment: target).findings(against: resources)
            }
            for directory in kustomizeDirectories {
                guard let target = environment(for: directory) else {
                    return .failure(ManifestFailure(outcome: .failed(message: "error: no environment \(environmentID ?? "") on Kubernetes in the model", exitCode: .usage)))
                }
                let sources = try KustomizeSources(directory: directory)
                let kubectl = loader.environment["KUBECTL"].flatMap { $0.isEmpty ? nil : $0 } ?? ProcessRunner.which("kubectl") ?? "kubectl"
                let rendered: ProcessRunner.Result
                do {
                    rendered = try ProcessRunner.run(kubectl, ["kustomize", directory], timeout: 120)
                } catch {
                    return .failure(ManifestFailure(outcome: .failed(message: "error: cannot run \(kubectl) to render \(directory): \(error); install kubectl or set KUBECTL", exitCode: .unavailable)))
                }
                guard rendered.status == 0 else {
                    return .failure(ManifestFailure(outcome: .failed(message: "\(directory): error: [manifest] kubectl kustomize failed: \(rendered.combinedOutput)", exitCode: .dataError)))
                }
                let resources = try ManifestReader().read(rendered.standardOutput, path: "\(directory) (rendered)")
                findings += ManifestDrift(model: model, environment: target).findings(against: resources) { resource, field in
                    if resource.kind != "Job", let entry = sources.replicas[resource.name], field(resource)?.line == resource.content["spec"]?["replicas"]?.line {
                        return (entry.file, entry.line)
                    }
                    guard let source = sources.source(of: resource) else { return nil }
                    return (source.file, field(source)?.line ?? source.line)
                }
            }
        } catch {
            return .failure(ManifestFailure(outcome: .failed(message: error.description, exitCode: .dataError)))
        }
        return .success(findings)
    }
}

/// Tells a Kubernetes manifest from a compose file by its first document's keys.
enum ManifestSniffer {
    static func isManifest(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count <= ManifestReader.sizeLimit else { return false }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        return lines.contains { $0.hasPrefix("apiVersion:") } && lines.contains { $0.hasPrefix("kind:") }
    }
}
