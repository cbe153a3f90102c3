import ArchdocComposeFiles
import Foundation
import Testing

/// `include` and `extends`, resolved by compose's rules, and their mistakes
/// reported at the line that makes them.
@Suite struct ComposeProjectTests {
    /// A folder of compose files, by relative path.
    func project(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-compose-project-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func extendsLaysTheServiceOverItsBase() throws {
        let root = try project([
            "compose.yaml": "services:\n  web:\n    extends: {file: base/app.yaml, service: app}\n    environment: {ROLE: web}\n  job:\n    extends: web\n    command: run job\n",
            "base/app.yaml": "services:\n  app:\n    build: ../src\n    restart: always\n    environment: {ROLE: base, LEVEL: info}\n    volumes: [./conf:/conf]\n",
        ])
        let document = try ComposeProject().load(root.appendingPathComponent("compose.yaml").path)
        let web = try #require(document.service("web"))
        #expect(web.build?.value.context == "./src")
        #expect(web.restart?.value == "always")
        #expect(web.environment.mapValues(\.value) == ["ROLE": "web", "LEVEL": "info"])
        #expect(web.volumes.first?.value.source == "./base/conf")
        // The base's settings point at the base file, for findings.
        #expect(web.restart?.file.hasSuffix("base/app.yaml") == true)
        let job = try #require(document.service("job"))
        #expect(job.command?.value == ["run", "job"])
        #expect(job.environment["ROLE"]?.value == "web")
        #expect(job.extends == nil)
    }

    @Test func includeAddsTheIncludedServices() throws {
        let root = try project([
            "compose.yaml": "include:\n  - path: [db/compose.yaml]\nservices:\n  api:\n    image: api\n",
            "db/compose.yaml": "services:\n  db:\n    image: postgres:17\nvolumes:\n  pgdata: {}\n",
        ])
        let document = try ComposeProject().load(root.appendingPathComponent("compose.yaml").path)
        #expect(document.services.map(\.name.value) == ["api", "db"])
        #expect(document.volumes.keys.map(\.value) == ["pgdata"])
    }

    /// Read without variables (by import), a typed field's variable is taken
    /// at its default and listed; one without a default is an error that says so.
    @Test func typedFieldsWithVariablesAreReadAtTheirDefault() throws {
        let text = "services:\n  web:\n    image: x\n    restart: ${RESTART:-always}\n    deploy:\n      replicas: ${N:-2}\n    healthcheck:\n      test: [CMD, 'true']\n      retries: ${R:-4}\n"
        let web = try #require(try ComposeParser().parse(Data(text.utf8), path: "compose.yaml").service("web"))
        #expect(web.restart?.value == "always")
        #expect(web.replicas?.value == 2)
        #expect(web.healthcheck?.value.retries == 4)
        #expect(web.variablesAtDefault.map(\.line) == [4, 6, 9])
        // With variables (check), the value is interpolated and nothing is listed.
        let checked = try #require(try ComposeParser(variables: ComposeVariables(["N": "5"])).parse(Data(text.utf8), path: "compose.yaml").service("web"))
        #expect(checked.replicas?.value == 5)
        #expect(checked.variablesAtDefault.isEmpty)
        do {
            _ = try ComposeParser().parse(Data("services:\n  web:\n    image: x\n    deploy:\n      replicas: ${N}\n".utf8), path: "compose.yaml")
            Issue.record("a variable without a default was read as a number")
        } catch {
            #expect(error.line == 5)
            #expect(error.description.contains("a variable without a default"), "\(error.description)")
        }
    }

    struct Mistake: CustomTestStringConvertible, Sendable {
        var files: [String: String]
        var line: Int
        var message: String
        var testDescription: String { message }
    }

    static let mistakes: [Mistake] = [
        Mistake(files: ["compose.yaml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"], line: 3, message: "which extends it again"),
        Mistake(files: ["compose.yaml": "services:\n  a:\n    image: x\n    extends: nowhere\n"], line: 4, message: "'nowhere', which is not in this file"),
        Mistake(files: ["compose.yaml": "services:\n  a:\n    extends: {file: other.yaml, service: b}\n"], line: 3, message: "'other.yaml', which does not exist"),
        Mistake(files: ["compose.yaml": "include: [other.yaml]\nservices:\n  a:\n    image: x\n", "other.yaml": "services:\n  a:\n    image: y\n"],
                line: 3, message: "service 'a' is defined here and in the included other.yaml"),
        Mistake(files: ["compose.yaml": "include: [other.yaml]\nservices:\n  a:\n    image: x\n", "other.yaml": "include: [compose.yaml]\nservices:\n  b:\n    image: y\n"],
                line: 1, message: "includes this file again"),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsReportedAtItsLine(_ mistake: Mistake) throws {
        let root = try project(mistake.files)
        do {
            _ = try ComposeProject().load(root.appendingPathComponent("compose.yaml").path)
            Issue.record("no error for \(mistake.message)")
        } catch {
            #expect(error.line == mistake.line, "\(error.description)")
            #expect(error.description.contains(mistake.message), "\(error.description)")
        }
    }
}
