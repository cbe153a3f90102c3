import Foundation
import Testing

/// `archdoc init` end to end: in an empty folder it writes a starting point
/// that generates, keeps what exists, and writes CI jobs the real linters accept.
@Suite struct InitCommandTests {
    @Test func initThenGeneratePassesInAnEmptyFolder() throws {
        let project = try TemporaryProject(files: [:])
        let initialised = try ArchdocProcess.run(["init"], in: project.root)
        try #require(initialised.status == 0, "\(initialised.error)")
        // init itself writes the editor setup, before any generate.
        #expect(initialised.output.contains("wrote architecture/compile_commands.json"))
        let generated = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(generated.status == 0, "\(generated.error)")
        for path in ["architecture/main.swift", "architecture/docs/01-introduction-and-goals.md", "site/index.html", "compose.yaml",
                     "architecture/compile_commands.json", ".sourcekit-lsp/config.json"] {
            #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent(path).path), "\(path) is missing")
        }
        let gitignore = try String(contentsOf: project.root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(gitignore.contains("architecture/compile_commands.json"))
        // The compile commands name the DSL's module folder, as the compiler needs.
        let commands = try String(contentsOf: project.root.appendingPathComponent("architecture/compile_commands.json"), encoding: .utf8)
        #expect(commands.contains("-lArchitectureDescription"))
        #expect(commands.contains(project.root.appendingPathComponent("architecture/main.swift").standardizedFileURL.path))
    }

    @Test func anExistingFileIsKeptWithoutForce() throws {
        let project = try TemporaryProject(files: ["main.swift": "// mine\n"])  // architecture/main.swift
        try "site/\n".write(to: project.root.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        let kept = try ArchdocProcess.run(["init"], in: project.root)
        #expect(kept.status == 0)
        #expect(kept.output.contains("kept architecture/main.swift"))
        #expect(try String(contentsOf: project.root.appendingPathComponent("architecture/main.swift"), encoding: .utf8) == "// mine\n")
        let gitignore = try String(contentsOf: project.root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(gitignore.hasPrefix("site/\n"))
        let forced = try ArchdocProcess.run(["init", "--force"], in: project.root)
        #expect(forced.status == 0)
        #expect(try String(contentsOf: project.root.appendingPathComponent("architecture/main.swift"), encoding: .utf8).contains("Architecture("))
        // Appended once, not once per run.
        let again = try String(contentsOf: project.root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(again.components(separatedBy: "architecture/compile_commands.json").count == 2)
    }

    @Test func theGitHubWorkflowPassesActionlint() throws {
        let project = try TemporaryProject(files: [:])
        #expect(try ArchdocProcess.run(["init", "--ci", "github"], in: project.root).status == 0)
        let workflow = project.root.appendingPathComponent(".github/workflows/architecture.yml").path
        let lint = try Tools.run(try Tools.path("ACTIONLINT"), [workflow])
        #expect(lint.status == 0, "\(lint.output)")
        #expect(try String(contentsOfFile: workflow, encoding: .utf8).contains("archdoc check"))
    }

    @Test func theGitLabJobPassesItsSchema() throws {
        let project = try TemporaryProject(files: [:])
        #expect(try ArchdocProcess.run(["init", "--ci", "gitlab"], in: project.root).status == 0)
        let job = project.root.appendingPathComponent(".gitlab-ci.yml").path
        let checked = try Tools.run(try Tools.path("CHECK_JSONSCHEMA"), ["--builtin-schema", "vendor.gitlab-ci", job])
        #expect(checked.status == 0, "\(checked.output)")
    }

    @Test func anUnknownCISystemIsABadCommandLine() throws {
        let project = try TemporaryProject(files: [:])
        let result = try ArchdocProcess.run(["init", "--ci", "jenkins"], in: project.root)
        #expect(result.status == 64)
        #expect(result.error.contains("github"))
    }
}
