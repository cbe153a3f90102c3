import ArchdocComposeFiles
import ArchdocLoading
import ArchdocModel
import Foundation

/// One run of the whole pipeline — load, validate, generate, write — as
/// `generate`, `watch` and `serve` do it, reporting instead of printing so the
/// caller decides where messages go (a terminal, a browser).
package struct BuildPipeline: Sendable {
    /// What a run produced.
    package enum Outcome: Sendable {
        /// Everything was written; warnings may remain.
        case succeeded(BuildReport)
        /// Nothing was written: the model does not load or is invalid, or a file could not be written.
        case failed(message: String, exitCode: ArchdocExitCode)
    }

    /// The figures of a successful run.
    package struct BuildReport: Sendable {
        /// Every generated file's path, in order.
        package var files: [String]
        /// How many files were created or changed.
        package var written: Int
        /// Warnings from validation, formatted.
        package var warnings: [String]
        /// Whether the model came from the cache.
        package var modelFromCache: Bool
        /// How long the run took.
        package var duration: Duration
    }

    /// The architecture folder.
    package var architectureDirectory: String
    /// Where to write.
    package var configuration: GeneratorConfiguration
    /// The loader, with its environment.
    package var loader: ArchitectureLoader
    /// Whether to keep the editor's setup current (see ``EditorSetup``): the CLI does, tests need not.
    package var writesEditorSetup = false

    /// Creates a build whose model program may run for `modelTimeout` seconds
    /// (`nil`: `ARCHDOC_MODEL_TIMEOUT`, else the default minute), or that loads with `loader`.
    package init(architectureDirectory: String, configuration: GeneratorConfiguration, modelTimeout: TimeInterval? = nil, loader: ArchitectureLoader? = nil) {
        self.architectureDirectory = architectureDirectory
        self.configuration = configuration
        self.loader = loader ?? ArchitectureLoader(runTimeout: modelTimeout)
    }

    /// Runs the pipeline once. `willCompile` is called before the Swift files are compiled.
    package func run(willCompile: (Int) -> Void = { _ in }) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        // Before loading: an architecture that does not compile is when the editor helps most.
        var setupWarnings: [String] = []
        if writesEditorSetup {
            do {
                _ = try OutputWriter(root: FileManager.default.currentDirectoryPath)
                    .write(EditorSetup(architectureDirectory: architectureDirectory, environment: loader.environment).files())
            } catch let error as OutputWriter.WriteError {
                setupWarnings.append("warning: cannot write the editor setup \(error.path): \(error.reason)")
            } catch {
                setupWarnings.append("warning: no editor setup: \(error)")
            }
        }
        let loaded: LoadedArchitecture
        do {
            loaded = try loader.load(from: architectureDirectory, willCompile: willCompile)
        } catch {
            return .failed(message: error.description, exitCode: error.exitCode)
        }
        let diagnostics = Validator().validate(loaded.model)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            let summary = "error: the architecture has \(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was written"
            return .failed(message: (diagnostics.map(\.description) + [summary]).joined(separator: "\n"), exitCode: .dataError)
        }
        let generation: GenerationResult
        do {
            var configuration = configuration
            if configuration.pictureCache == nil {
                configuration.pictureCache = .standard(environment: loader.environment)
            }
            generation = try Generator(configuration: configuration).generate(for: loaded.model)
        } catch {
            return .failed(message: error.description, exitCode: .dataError)
        }
        let files = generation.files
        let linkErrors = generation.diagnostics.filter { $0.severity == .error }
        guard linkErrors.isEmpty else {
            let summary = "error: \(linkErrors.count) broken link\(linkErrors.count == 1 ? "" : "s") (--strict); nothing was written"
            return .failed(message: (generation.diagnostics.map(\.description) + [summary]).joined(separator: "\n"), exitCode: .dataError)
        }
        do {
            let summary = try OutputWriter(root: FileManager.default.currentDirectoryPath).write(files)
            return .succeeded(BuildReport(
                files: files.map(\.path), written: summary.count(.created) + summary.count(.updated),
                warnings: setupWarnings + (diagnostics + generation.diagnostics).map(\.description), modelFromCache: loaded.fromCache, duration: clock.now - start))
        } catch {
            return .failed(message: error.description, exitCode: .cannotCreate)
        }
    }
}
