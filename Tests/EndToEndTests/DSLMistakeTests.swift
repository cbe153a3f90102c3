import Foundation
import Testing

/// The DSL mistakes people make on day one, run through `archdoc generate`:
/// each error names the file and line, and a note says the fix in the DSL's terms.
@Suite struct DSLMistakeTests {
    /// A small architecture with `statement` on line 6, inside the Architecture block.
    static func architecture(_ statement: String, after: String = "") -> String {
        """
        import ArchitectureDescription
        let api = Container("api", "API", technology: "Swift")
        let db = Container("db", "Database", kind: .database, technology: "PostgreSQL")
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop") { api; db }
        \(statement)
        }
        \(after)
        """
    }

    /// Runs generate on the file; its exit status and what it printed on stderr.
    func generate(_ source: String) throws -> (status: Int32, error: String, project: TemporaryProject) {
        let project = try TemporaryProject(files: ["main.swift": source])
        let result = try ArchdocProcess.run(["generate", "--quiet", "--no-compose"], in: project.root)
        return (result.status, result.error, project)
    }

    /// The line of the output that is an error or note at `main.swift:line`, with the given kind.
    func line(_ output: String, _ kind: String, at line: Int) -> String? {
        output.split(separator: "\n").map(String.init).first { $0.contains("architecture/main.swift:\(line):") && $0.contains(": \(kind): ") }
    }

    @Test func argumentsInTheWrongOrder() throws {
        let run = try generate(Self.architecture(#"    api.uses(db, technology: "SQL", "Reads and writes")"#))
        #expect(run.status == 65)
        #expect(line(run.error, "error", at: 6)?.contains("must precede argument 'technology'") == true, "\(run.error)")
        let note = try #require(line(run.error, "note", at: 6), "\(run.error)")
        #expect(note.contains("the arguments of `uses` go in this order: destination, description, technology:, tags:"))
    }

    @Test func aStringWhereADependencyIsExpected() throws {
        let run = try generate(Self.architecture(#"    Deployment { Service(api, image: "shop/api:1", dependsOn: ["db"]) }"#))
        #expect(run.status == 65)
        #expect(line(run.error, "error", at: 6)?.contains("'Dependency'") == true, "\(run.error)")
        let note = try #require(line(run.error, "note", at: 6), "\(run.error)")
        #expect(note.contains("`.healthy(db)`") && note.contains("not an id in quotes"))
    }

    @Test func aStringWhereAHealthCheckIsExpected() throws {
        let run = try generate(Self.architecture(#"    Deployment { Service(db, image: "postgres:17", healthcheck: "pg_isready") }"#))
        #expect(run.status == 65)
        #expect(line(run.error, "error", at: 6)?.contains("'HealthCheck'") == true, "\(run.error)")
        let note = try #require(line(run.error, "note", at: 6), "\(run.error)")
        #expect(note.contains(#"`healthcheck: .command("pg_isready")`"#))
    }

    @Test func anElementUsedBeforeItIsDeclared() throws {
        let source = Self.architecture(#"    SoftwareSystem("cache_system", "Cache") { cache }"#, after: #"let cache = Container("cache", "Cache", kind: .database)"#)
        let run = try generate(source)
        #expect(run.status == 65)
        // Reported before anything runs: no crash, no element with an empty id.
        let error = try #require(line(run.error, "error", at: 6), "\(run.error)")
        #expect(error.contains("[use-before-declaration] 'cache'") && error.contains("declaration on line 8"))
        #expect(error.contains("move `let cache = …` above this line"))
        #expect(!run.error.contains("signal"))
        // Declared first, the same model builds.
        let fixed = try generate(Self.architecture(#"    SoftwareSystem("cache_system", "Cache") { cache }"#).replacingOccurrences(
            of: "let architecture", with: "let cache = Container(\"cache\", \"Cache\", kind: .database)\nlet architecture"))
        #expect(fixed.status == 0, "\(fixed.error)")
    }

    @Test func aRelationshipToSomethingThatIsNotAnElement() throws {
        let run = try generate(Self.architecture(#"    api.uses("db", "Reads and writes")"#))
        #expect(run.status == 65)
        #expect(line(run.error, "error", at: 6)?.contains("conform to 'Element'") == true, "\(run.error)")
        let note = try #require(line(run.error, "note", at: 6), "\(run.error)")
        #expect(note.contains("pass the constant you declared it with") && note.contains("not its id in quotes"))
    }
}
