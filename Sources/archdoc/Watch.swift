import ArchdocGeneration
import ArgumentParser
import Foundation

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate on every change to the architecture, templates or Markdown pages.",
        discussion: """
            Builds once, then watches the architecture folder, the templates folder \
            and the docs folder (with inotify; --poll to poll instead) and rebuilds \
            a moment after each change. An unchanged model is not recompiled and \
            unchanged files are not rewritten, so editing a Markdown page rebuilds \
            in milliseconds. Stop with Ctrl-C.
            """
    )

    @OptionGroup var options: ArchitectureOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Poll for changes instead of using inotify.")
    var poll = false

    func run() async throws {
        let session = RebuildSession(options: options, output: output)
        session.rebuild(reason: nil)
        for await changed in session.watcher(forcePolling: poll).changes() {
            session.rebuild(reason: changed)
        }
    }
}

/// Rebuilds for `watch` and `serve`, printing one line per rebuild.
struct RebuildSession: Sendable {
    let options: ArchitectureOptions
    let output: OutputOptions

    var build: BuildPipeline {
        var pipeline = BuildPipeline(architectureDirectory: options.architecture, configuration: output.configuration(architecture: options.architecture), modelTimeout: options.timeout)
        pipeline.writesEditorSetup = true
        return pipeline
    }

    /// The folders whose changes matter.
    func watcher(forcePolling: Bool) -> FileWatcher {
        let paths = [options.architecture, output.templates, output.docsDirectory(architecture: options.architecture)].filter { FileManager.default.fileExists(atPath: $0) }
        let watcher = FileWatcher(paths: paths, forcePolling: forcePolling)
        if !options.quiet { Terminal.progress("Watching \(paths.joined(separator: ", ")) (\(watcher.mechanism.rawValue)); Ctrl-C stops") }
        return watcher
    }

    /// Builds once and reports; returns the failure message, if any.
    @discardableResult
    func rebuild(reason changed: Set<String>?) -> BuildPipeline.Outcome {
        let outcome = build.run(willCompile: options.reportCompiling)
        let cause = changed.map { paths in
            let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
            return names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "") + " changed: "
        } ?? ""
        switch outcome {
        case .succeeded(let report):
            if !options.quiet {
                print("\(cause)built in \(report.duration.formattedSeconds) (\(report.written) of \(report.files.count) files written)")
            }
        case .failed(let message, _):
            Terminal.error(message)
            Terminal.error("\(cause)build failed; keeping the last good output")
        }
        return outcome
    }
}
