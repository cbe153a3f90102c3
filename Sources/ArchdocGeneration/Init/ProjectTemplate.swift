import ArchdocBasics
import ArchdocLoading
import Foundation

/// What `archdoc init` writes: a starting point that compiles and generates.
package struct ProjectTemplate: Sendable {
    /// The CI systems `--ci` writes a workflow for.
    package enum CI: String, CaseIterable, Sendable {
        case github, gitlab

        /// Where the workflow goes, relative to the repository.
        package var path: String {
            switch self {
            case .github: ".github/workflows/architecture.yml"
            case .gitlab: ".gitlab-ci.yml"
            }
        }
    }

    /// The architecture folder, relative to the repository.
    package var architectureDirectory: String = "architecture"
    /// The workflow to write, if any.
    package var ci: CI?

    package init(architectureDirectory: String = "architecture", ci: CI? = nil) {
        self.architectureDirectory = architectureDirectory
        self.ci = ci
    }

    /// The files, relative to the repository. `.gitignore` is appended to, not replaced (see ``gitignoreLines``).
    package var files: [GeneratedFile] {
        var files = [
            GeneratedFile(path: "\(architectureDirectory)/main.swift", contents: Self.mainSwift),
            GeneratedFile(path: "\(architectureDirectory)/docs/01-introduction-and-goals.md", contents: Self.introduction),
        ]
        if let ci { files.append(GeneratedFile(path: ci.path, contents: workflow(ci))) }
        return files
    }

    /// The lines `.gitignore` needs: the generated editor setup, which holds absolute paths.
    package var gitignoreLines: [String] {
        ["# archdoc: the editor setup holds this machine's paths; `archdoc generate` writes it",
         "\(architectureDirectory)/\(EditorSetup.compileCommandsFile)", ".sourcekit-lsp/"]
    }

    static let mainSwift = """
        // The architecture, described once. `archdoc generate` compiles this file and
        // writes the diagrams, the arc42 chapters, the compose file and the site;
        // `archdoc serve` shows them at http://127.0.0.1:8000/ and reloads on every save.
        import ArchitectureDescription

        // People and containers are values: relationships take them, so the compiler
        // checks every reference. The first argument is a stable id (PlantUML alias,
        // Mermaid id, compose service name); the second is the name shown.
        let user = Person("user", "User", description: "Uses the product")
        let web = Container("web", "Web app", kind: .webApp, technology: "TypeScript, React",
                            description: "The user interface", icon: .server)
        let api = Container("api", "API", technology: "Swift, Hummingbird", description: "Serves the web app")
        let db = Container("db", "Database", kind: .database, technology: "PostgreSQL 17",
                           description: "Stores the data", icon: .postgresql)

        let architecture = Architecture("My product", description: "What the product is for") {
            user
            SoftwareSystem("product", "My product", description: "The product") { web; api; db }

            user.uses(web, "Uses", technology: "HTTPS")
            web.uses(api, "Calls", technology: "JSON over HTTPS")
            api.uses(db, "Reads and writes", technology: "SQL")

            // How it runs: compose profiles, and a service per deployed container.
            Deployment {
                Profile("dev", "Development")
                Profile("prod", "Production")
                Service(web, image: "nginx:1.27-alpine", ports: ["8080:80"], dependsOn: [.started(api)])
                Service(api, build: ".", ports: ["8081:8000"], dependsOn: [.healthy(db)])
                    .profile("prod", replicas: 2)
                Service(db, image: "postgres:17", volumes: ["pgdata:/var/lib/postgresql/data"],
                        healthcheck: .command("pg_isready -U postgres"))
                DocsServer(profiles: ["dev"])  // serves the generated site
            }
        }

        """

    static let introduction = """
        # Introduction and goals

        What the product is for, who uses it and the three quality goals that
        matter most. archdoc uses this page as arc42 chapter 1; pages in this folder
        with other names become pages of their own on the site.

        """

    /// A job that fails when the generated documentation has drifted.
    func workflow(_ ci: CI) -> String {
        let install = """
            git clone --depth 1 "$ARCHDOC_GIT" /tmp/archdoc
            make -C /tmp/archdoc install PREFIX=/usr/local
            """
        switch ci {
        case .github:
            return """
                # Fails when the docs, diagrams or compose file have drifted from the architecture.
                name: Architecture
                on:
                  push:
                  pull_request:
                jobs:
                  check:
                    runs-on: ubuntu-latest
                    container: swift:6.3
                    env:
                      ARCHDOC_GIT: https://github.com/archdoc/archdoc.git  # where your team gets archdoc
                    steps:
                      - uses: actions/checkout@v5
                      - name: Install archdoc
                        run: |
                \(install.split(separator: "\n").map { "          \($0)" }.joined(separator: "\n"))
                      - name: Check the architecture docs
                        run: archdoc check -a \(architectureDirectory)

                """
        case .gitlab:
            return """
                # Fails when the docs, diagrams or compose file have drifted from the architecture.
                architecture:
                  image: swift:6.3
                  variables:
                    ARCHDOC_GIT: https://github.com/archdoc/archdoc.git  # where your team gets archdoc
                  script:
                \(install.split(separator: "\n").map { "    - \($0)" }.joined(separator: "\n"))
                    - archdoc check -a \(architectureDirectory)

                """
        }
    }

    /// What ``write(in:force:)`` did with each file.
    package struct Outcome: Sendable {
        package var written: [String] = []
        package var kept: [String] = []
        package var warnings: [String] = []
    }

    /// Writes the files into `root` (through ``OutputWriter``: a temporary
    /// file, then a rename); an existing file is kept unless `force`.
    package func write(in root: String, force: Bool) throws -> Outcome {
        var outcome = Outcome()
        var files: [GeneratedFile] = []
        for file in self.files {
            if !force, FileManager.default.fileExists(atPath: "\(root)/\(file.path)") {
                outcome.kept.append(file.path)
            } else {
                files.append(file)
            }
        }
        let existing = (try? String(contentsOfFile: "\(root)/.gitignore", encoding: .utf8)) ?? ""
        let missing = gitignoreLines.filter { line in !existing.split(separator: "\n").contains { $0 == line } }
        if missing.contains(where: { !$0.hasPrefix("#") }) {
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            files.append(GeneratedFile(path: ".gitignore", contents: existing + separator + missing.joined(separator: "\n") + "\n"))
        }
        let writer = OutputWriter(root: root)
        var summary = try writer.write(files)
        // Once the folder exists; the editor setup is derived, so it is always brought up to date.
        do {
            summary.outcomes += try writer.write(EditorSetup(architectureDirectory: architectureDirectory, workspace: root).files()).outcomes
        } catch let error as LoadError {
            outcome.warnings.append("warning: no editor setup: \(error)")
        }
        outcome.written = summary.outcomes.filter { $0.outcome != .unchanged }.map { $0.path.hasPrefix(root + "/") ? String($0.path.dropFirst(root.count + 1)) : $0.path }
        return outcome
    }
}
