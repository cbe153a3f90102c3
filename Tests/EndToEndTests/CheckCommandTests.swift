import Foundation
import TestSupport
import Testing

@Suite(.serialized) struct CheckCommandTests {
    /// A generated project: `archdoc generate` has run.
    func generatedProject() throws -> TemporaryProject {
        let project = try TemporaryProject(files: ["main.swift": shopArchitecture()])
        let result = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(result.status == 0, "\(result.error)")
        return project
    }

    @Test func cleanAfterGenerate() throws {
        let project = try generatedProject()
        let result = try ArchdocProcess.run(["check", "--quiet"], in: project.root)
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("no findings"))
    }

    /// A `kill -9` between writing a temporary file and renaming it leaves the
    /// file behind: check does not report it, and the next generate removes it.
    @Test func aKilledWritersTemporaryFileIsIgnoredThenRemoved() throws {
        let project = try generatedProject()
        let debris = project.path("site/diagrams/.context.svg.\(try EndedProcess.id()).tmp")
        try Data("<svg>half".utf8).write(to: URL(fileURLWithPath: debris))
        let checked = try ArchdocProcess.run(["check", "--quiet"], in: project.root)
        #expect(checked.status == 0, "\(checked.output)\(checked.error)")
        let generated = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(generated.status == 0, "\(generated.error)")
        #expect(!FileManager.default.fileExists(atPath: debris), "the next generate keeps the debris")
    }

    @Test func editedGeneratedFileIsStaleAtItsFirstChangedLine() throws {
        let project = try generatedProject()
        let path = project.path("site/diagrams/context.puml")
        var lines = try project.read("site/diagrams/context.puml").components(separatedBy: "\n")
        lines[4] = "' edited by hand"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ArchdocProcess.run(["check", "--quiet", "--no-color"], in: project.root)
        #expect(result.status == 1)
        #expect(result.output.contains("site/diagrams/context.puml:5: [stale-file]"), "\(result.output)")
        #expect(try ArchdocProcess.run(["generate", "--quiet"], in: project.root).status == 0)
        #expect(try ArchdocProcess.run(["check", "--quiet"], in: project.root).status == 0)
    }

    @Test func deletedAndAddedFilesAreReported() throws {
        let project = try generatedProject()
        try FileManager.default.removeItem(atPath: project.path("site/diagrams/deployment-dev.mmd"))
        try "notes".write(toFile: project.path("site/diagrams/notes.txt"), atomically: true, encoding: .utf8)
        let result = try ArchdocProcess.run(["check", "--quiet", "--no-color"], in: project.root)
        #expect(result.status == 1)
        #expect(result.output.contains("[missing-file] site/diagrams/deployment-dev.mmd"))
        #expect(result.output.contains("[unexpected-file] site/diagrams/notes.txt"))
        #expect(result.output.contains("2 findings"))
    }

    @Test func composeDriftIsReportedWithBothLines() throws {
        let project = try generatedProject()
        let compose = try project.read("compose.yaml").replacingOccurrences(of: "image: postgres:17", with: "image: postgres:16")
        try compose.write(toFile: project.path("compose.yaml"), atomically: true, encoding: .utf8)
        let line = try project.line(of: "postgres:16", in: "../compose.yaml")
        let result = try ArchdocProcess.run(["check", "--quiet", "--no-color"], in: project.root)
        #expect(result.status == 1)
        #expect(result.output.contains("compose.yaml:\(line): [image] image differs: the model has 'postgres:17', compose has 'postgres:16'"), "\(result.output)")
        #expect(result.output.contains("main.swift:"))
        #expect(result.output.contains("[stale-file]"))
    }

    /// A compose file of one environment (here the dev profile's services) is
    /// checked against that profile only; an unknown profile is a usage error.
    @Test func aComposeFileIsCheckedForOneProfile() throws {
        let source = shopArchitecture().replacingOccurrences(
            of: "dependsOn: [.healthy(db)])", with: "dependsOn: [.healthy(db)])\n            .profile(\"prod\", replicas: 2)")
        let project = try TemporaryProject(files: ["main.swift": source])
        #expect(try ArchdocProcess.run(["generate", "--quiet"], in: project.root).status == 0)
        let generated = try project.read("compose.yaml")
        let start = try #require(generated.range(of: "\n  api-prod:\n"))
        let end = try #require(generated.range(of: "\n  db:\n", range: start.upperBound..<generated.endIndex))
        try FileManager.default.createDirectory(atPath: project.path("docker/dev"), withIntermediateDirectories: true)
        try generated.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
            .write(toFile: project.path("docker/dev/compose.yaml"), atomically: true, encoding: .utf8)

        let dev = try ArchdocProcess.run(["check", "--quiet", "--no-color", "-f", "docker/dev/compose.yaml", "--profile", "dev"], in: project.root)
        #expect(dev.status == 0, "\(dev.output)\(dev.error)")
        let all = try ArchdocProcess.run(["check", "--quiet", "--no-color", "-f", "docker/dev/compose.yaml"], in: project.root)
        #expect(all.status == 1)
        #expect(all.output.contains("[service-not-in-compose] service 'api-prod'"), "\(all.output)")
        let unknown = try ArchdocProcess.run(["check", "--quiet", "-f", "docker/dev/compose.yaml", "--profile", "test"], in: project.root)
        #expect(unknown.status == 64)
        #expect(unknown.error.contains("--profile test: the model has no such profile; it has dev, prod"), "\(unknown.error)")
    }

    /// A check with another -o than generate had gives one finding that names the option, not one per file.
    @Test func aMissingSiteFolderIsOneFindingThatNamesTheOption() throws {
        let project = try generatedProject()
        let result = try ArchdocProcess.run(["check", "--quiet", "--no-color", "-o", "docs-site"], in: project.root)
        #expect(result.status == 1)
        #expect(result.output.contains("[missing-file] docs-site/ does not exist"), "\(result.output)")
        #expect(result.output.contains("pass check the same -o"), "\(result.output)")
        #expect(result.output.contains("1 finding"), "\(result.output)")
    }

    @Test func handWrittenComposeFilesAreMergedInOrder() throws {
        let project = try generatedProject()
        let base = try project.read("compose.yaml").replacingOccurrences(of: "image: postgres:17", with: "image: postgres:15")
        try base.write(toFile: project.path("docker-compose.yml"), atomically: true, encoding: .utf8)
        try "services:\n  db:\n    image: postgres:17\n".write(toFile: project.path("docker-compose.override.yml"), atomically: true, encoding: .utf8)
        let merged = try ArchdocProcess.run(["check", "--quiet", "-f", "docker-compose.yml", "-f", "docker-compose.override.yml"], in: project.root)
        #expect(merged.status == 0, "\(merged.output)")
        let alone = try ArchdocProcess.run(["check", "--quiet", "--no-color", "-f", "docker-compose.yml"], in: project.root)
        #expect(alone.status == 1)
        #expect(alone.output.contains("docker-compose.yml:"))
        #expect(alone.output.contains("[image]"))
    }

    @Test func jsonAndGithubFormats() throws {
        let project = try generatedProject()
        try FileManager.default.removeItem(atPath: project.path("site/diagrams/context.mmd"))
        let json = try ArchdocProcess.run(["check", "--quiet", "--format", "json"], in: project.root)
        #expect(json.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["count"] as? Int == 1)
        let finding = try #require((document["findings"] as? [[String: Any]])?.first)
        #expect(finding["kind"] as? String == "missing-file")
        #expect((finding["location"] as? [String: Any])?["file"] as? String == "site/diagrams/context.mmd")

        let github = try ArchdocProcess.run(["check", "--quiet", "--format", "github"], in: project.root)
        #expect(github.status == 1)
        #expect(github.output.hasPrefix("::error file=site/diagrams/context.mmd,title=archdoc check [missing-file]::"), "\(github.output)")
    }

    @Test(arguments: [
        ("yaml-syntax", "services:\n  db:\n    image: [postgres\n", "compose.yaml:"),
        ("list-for-map", "services:\n  - db\n  - api\n", "compose.yaml:2:"),
        ("unknown-top-level-key", "services: {}\nservicez:\n  db:\n    image: x\n", "compose.yaml:2:1: error: [compose] unknown top-level key 'servicez'"),
        ("not-a-compose-file", "- just\n- a list\n", "compose.yaml:1:"),
        ("no-services", "name: x\n", "has no `services:`"),
    ])
    func malformedComposeExits65(name: String, text: String, expected: String) throws {
        let project = try generatedProject()
        try text.write(toFile: project.path("compose.yaml"), atomically: true, encoding: .utf8)
        let result = try ArchdocProcess.run(["check", "--quiet"], in: project.root)
        #expect(result.status == 65, "\(name): \(result.output)")
        #expect(result.error.contains(expected), "\(name): \(result.error)")
    }

    @Test func hugeAndBinaryFilesExit65() throws {
        let project = try generatedProject()
        let huge = String(repeating: "x: \(String(repeating: "y", count: 100))\n", count: 100_000)
        try huge.write(toFile: project.path("huge.yaml"), atomically: true, encoding: .utf8)
        let big = try ArchdocProcess.run(["check", "--quiet", "-f", "huge.yaml"], in: project.root)
        #expect(big.status == 65)
        #expect(big.error.contains("huge.yaml"))
        var bytes = [UInt8](repeating: 0, count: 4096)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index * 7) }
        try Data(bytes).write(to: project.root.appendingPathComponent("binary.yaml"))
        let binary = try ArchdocProcess.run(["check", "--quiet", "-f", "binary.yaml"], in: project.root)
        #expect(binary.status == 65)
        #expect(binary.error.contains("not a UTF-8 text file"))
        let missing = try ArchdocProcess.run(["check", "--quiet", "-f", "nope.yaml"], in: project.root)
        #expect(missing.status == 65)
        #expect(missing.error.contains("nope.yaml"))
    }

    /// parcel-tracker with its GitLab pipeline file: check is clean; a
    /// branch filter changed in the file is one finding at its line, in the
    /// text, json and github formats; a missing file is a finding too.
    @Test func checkComparesThePipelineWithItsCIFile() throws {
        let example = try String(contentsOf: ArchdocProcess.packageRoot.appendingPathComponent("architecture/examples/parcel-tracker/main.swift"), encoding: .utf8)
        let project = try TemporaryProject(files: ["main.swift": example])
        #expect(try ArchdocProcess.run(["generate", "--quiet"], in: project.root).status == 0)
        let missing = try ArchdocProcess.run(["check", "--quiet"], in: project.root)
        #expect(missing.status == 1)
        #expect(missing.output.contains(".gitlab-ci.yml") && missing.output.contains("[missing-file]"), "\(missing.output)")

        let fixture = try String(contentsOf: ArchdocProcess.packageRoot.appendingPathComponent("Tests/Fixtures/ci/gitlab-ci.yml"), encoding: .utf8)
        try fixture.write(toFile: project.path(".gitlab-ci.yml"), atomically: true, encoding: .utf8)
        let clean = try ArchdocProcess.run(["check", "--quiet"], in: project.root)
        #expect(clean.status == 0, "\(clean.output)\(clean.error)")

        let mutated = fixture.replacingOccurrences(of: "  only:\n    - main", with: "  only:\n    - develop")
        try mutated.write(toFile: project.path(".gitlab-ci.yml"), atomically: true, encoding: .utf8)
        let line = (mutated.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  only:" } ?? 0) + 1
        let text = try ArchdocProcess.run(["check", "--quiet"], in: project.root)
        #expect(text.status == 1)
        #expect(text.output.contains(".gitlab-ci.yml:\(line):"), "\(text.output)")
        #expect(text.output.contains("[pipeline-condition]") && text.output.contains("develop"), "\(text.output)")
        let json = try ArchdocProcess.run(["check", "--quiet", "--format", "json"], in: project.root)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["count"] as? Int == 1)
        let github = try ArchdocProcess.run(["check", "--quiet", "--format", "github"], in: project.root)
        #expect(github.output.hasPrefix("::error file=.gitlab-ci.yml,line=\(line),title=archdoc check [pipeline-condition]::"), "\(github.output)")
    }

    /// The GitHub workflow the pipeline tests read is one GitHub accepts: actionlint finds nothing in it.
    @Test func actionlintAcceptsTheTestWorkflow() throws {
        let actionlint = try Tools.path("ACTIONLINT")
        let result = try Tools.run(actionlint, ["-no-color", ArchdocProcess.packageRoot.appendingPathComponent("Tests/Fixtures/ci/github-workflow.yml").path])
        #expect(result.status == 0, "\(result.output)")
    }
}
