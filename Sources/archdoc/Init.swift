import ArchdocGeneration
import ArgumentParser
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start an architecture in this repository.",
        discussion: """
            Writes architecture/main.swift (a small commented example that \
            compiles), architecture/docs/01-introduction-and-goals.md, the editor \
            setup that lets SourceKit-LSP complete the DSL \
            (architecture/compile_commands.json and .sourcekit-lsp/config.json), \
            and the .gitignore lines for it. With --ci, also a CI job that runs \
            `archdoc check`.

            A file that exists is kept unless you pass --force; .gitignore is only \
            appended to.

            Examples:
              archdoc init && archdoc generate && archdoc serve
              archdoc init --ci github        # .github/workflows/architecture.yml
              archdoc init --ci gitlab        # .gitlab-ci.yml

            Exit codes: 0 success, 64 bad command line, 73 a file cannot be written.
            """
    )

    @Option(name: [.customShort("a"), .long], help: ArgumentHelp("The architecture folder to create.", valueName: "folder"))
    var architecture = "architecture"

    @Option(help: ArgumentHelp("Also write a CI job that runs archdoc check: github or gitlab.", valueName: "system"))
    var ci: ProjectTemplate.CI?

    @Flag(help: "Replace files that exist.")
    var force = false

    func run() throws {
        let template = ProjectTemplate(architectureDirectory: architecture, ci: ci)
        let outcome: ProjectTemplate.Outcome
        do {
            outcome = try template.write(in: FileManager.default.currentDirectoryPath, force: force)
        } catch {
            Terminal.error("\(error)")  // OutputWriter's error: "error: cannot write <path>: <reason>"
            throw ExitCode(73)
        }
        outcome.warnings.forEach(Terminal.error)
        outcome.written.forEach { print("wrote \($0)") }
        outcome.kept.forEach { print("kept \($0) (it exists; --force replaces it)") }
        print("Next: archdoc generate -a \(architecture), then archdoc serve -a \(architecture) and open http://127.0.0.1:8000/")
    }
}

extension ProjectTemplate.CI: ExpressibleByArgument {}
