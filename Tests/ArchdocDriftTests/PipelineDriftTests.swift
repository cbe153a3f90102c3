import ArchdocCIFiles
import ArchdocDrift
import ArchitectureDescription
import Foundation
import TestSupport
import Testing

/// `check` compares the model's pipeline with its CI file. The files of
/// Tests/Fixtures/ci match the pipelines here; each mutation of a file is one
/// difference, and gives exactly one finding of its kind at its line.
@Suite struct PipelineDriftTests {
    static let fixtures = Examples.packageRoot.appendingPathComponent("Tests/Fixtures/ci")

    /// parcel-tracker's pipeline, as the example declares it.
    static let gitLabPipeline: Pipeline = try! #require(try Examples.load("architecture/examples/parcel-tracker").model.architecture.pipeline)

    static let gitHubPipeline = Pipeline(".github/workflows/ci.yml", triggers: [.push(), .tag("v*"), .mergeRequest()]) {
        Stage("lint")
        Stage("test")
        Stage("build")
        Stage("publish", when: [.branch("main"), .tag("v*")])
        Stage("deploy-staging", when: [.branch("main"), .automatic])
    }

    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var find: String
        var replace: String
        var kind: Finding.Kind
        /// The text whose line the finding must point at, in the mutated file.
        var lineOf: String
        var testDescription: String { name }
    }

    static func text(_ fixture: String) -> String {
        (try? String(contentsOf: fixtures.appendingPathComponent(fixture), encoding: .utf8)) ?? ""
    }

    static func findings(_ pipeline: Pipeline, _ text: String, platform: CIFileReader.Platform) throws -> [Finding] {
        PipelineDrift(pipeline: pipeline).findings(against: try CIFileReader.read(text, path: pipeline.file, platform: platform))
    }

    @Test func theFixturesMatchTheirPipelines() throws {
        #expect(try Self.findings(Self.gitLabPipeline, Self.text("gitlab-ci.yml"), platform: .gitLabCI) == [])
        #expect(try Self.findings(Self.gitHubPipeline, Self.text("github-workflow.yml"), platform: .gitHubActions) == [])
    }

    static let gitLabMutations: [Mutation] = [
        Mutation(name: "a stage removed", find: "  - scan\n", replace: "", kind: .stageNotInCI, lineOf: "stages:"),
        Mutation(name: "a stage added", find: "  - publish\n", replace: "  - publish\n  - smoke\n", kind: .stageNotInModel, lineOf: "  - smoke") ,
        Mutation(name: "stages swapped", find: "  - build\n  - scan\n", replace: "  - scan\n  - build\n", kind: .stageOrder, lineOf: "  - scan"),
        Mutation(name: "a job renamed", find: "lint:\n  <<: *go", replace: "lint-go:\n  <<: *go", kind: .jobRenamed, lineOf: "lint-go:"),
        Mutation(name: "a job moved to another stage", find: "  stage: scan\n", replace: "  stage: build\n", kind: .jobNotInCI, lineOf: "scan:"),
        Mutation(name: "a branch filter changed", find: "  only:\n    - main", replace: "  only:\n    - develop", kind: .pipelineCondition, lineOf: "  only:"),
        Mutation(name: "a tag filter changed", find: "$CI_COMMIT_TAG =~ /^v.*/'\n  script:\n    - docker push", replace: "$CI_COMMIT_TAG =~ /^release-.*/'\n  script:\n    - docker push",
                 kind: .pipelineCondition, lineOf: "  rules:"),
        Mutation(name: "a branch condition dropped", find: "    - if: '$CI_COMMIT_BRANCH == \"main\"'\n", replace: "", kind: .pipelineCondition, lineOf: "  rules:"),
        Mutation(name: "a stage made manual", find: "  only:\n    - main\n", replace: "  when: manual\n  only:\n    - main\n", kind: .pipelineCondition, lineOf: "deploy-staging:\n"),
    ]

    @Test(arguments: gitLabMutations)
    func gitLabMutationGivesOneFindingAtItsLine(mutation: Mutation) throws {
        let finding = try Self.onlyFinding(of: mutation, in: "gitlab-ci.yml", pipeline: Self.gitLabPipeline, platform: .gitLabCI)
        #expect(finding?.file == ".gitlab-ci.yml")
        #expect(finding?.modelLocation?.file.hasSuffix("parcel-tracker/main.swift") == true)
    }

    static let gitHubMutations: [Mutation] = [
        Mutation(name: "a job removed", find: "  build:\n    runs-on: ubuntu-latest\n    needs: test\n    steps:\n      - uses: actions/checkout@v5\n      - run: docker build -t parcel/api:${{ github.sha }} api\n",
                 replace: "", kind: .stageNotInCI, lineOf: "jobs:"),
        Mutation(name: "a job renamed", find: "  build:\n", replace: "  build-images:\n", kind: .stageRenamed, lineOf: "  build-images:"),
        Mutation(name: "a branch filter changed", find: "    if: github.ref == 'refs/heads/main'\n    environment", replace: "    if: github.ref == 'refs/heads/develop'\n    environment",
                 kind: .pipelineCondition, lineOf: "refs/heads/develop"),
        Mutation(name: "a tag condition dropped", find: " || startsWith(github.ref, 'refs/tags/v')", replace: "", kind: .pipelineCondition, lineOf: "    if: github.ref == 'refs/heads/main'"),
    ]

    @Test(arguments: gitHubMutations)
    func gitHubMutationGivesOneFindingAtItsLine(mutation: Mutation) throws {
        let finding = try Self.onlyFinding(of: mutation, in: "github-workflow.yml", pipeline: Self.gitHubPipeline, platform: .gitHubActions)
        #expect(finding?.file == ".github/workflows/ci.yml")
    }

    /// Applies a mutation to a fixture and expects exactly one finding of its
    /// kind, at the line of `lineOf` (a whole line when it ends in a newline).
    static func onlyFinding(of mutation: Mutation, in fixture: String, pipeline: Pipeline, platform: CIFileReader.Platform) throws -> Finding? {
        let original = text(fixture)
        #expect(original.contains(mutation.find), "the fixture lost \(mutation.find.debugDescription)")
        let text = original.replacingOccurrences(of: mutation.find, with: mutation.replace)
        let found = try findings(pipeline, text, platform: platform)
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(found.first?.kind == mutation.kind, "\(found.map(\.message))")
        let wholeLine = mutation.lineOf.hasSuffix("\n")
        let marker = wholeLine ? String(mutation.lineOf.dropLast()) : mutation.lineOf
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { wholeLine ? $0 == marker : $0.contains(marker) }.map { $0 + 1 }
        #expect(found.first?.line == expected, "\(found.map { "\($0.line ?? 0): \($0.message)" })")
        return found.first
    }

    @Test(arguments: [("/^v.*/", "v*"), ("/^v\\d+/", "v*"), ("/^release$/", "release"), ("/^release-.*/", "release-*"), ("/beta/", "*")])
    func tagRegexesBecomeGlobs(regex: String, glob: String) throws {
        let text = "stages: [deploy]\ndeploy:\n  stage: deploy\n  rules:\n    - if: '$CI_COMMIT_TAG =~ \(regex)'\n  script: [x]\n"
        let definition = try CIFileReader.read(text, path: ".gitlab-ci.yml", platform: .gitLabCI)
        #expect(definition.jobs.first?.refs?.tags == [glob])
        #expect(definition.jobs.first?.refs?.line == 4)
    }

    @Test func aCIFileThatIsNotYAMLNamesItsLine() {
        #expect(throws: CIFileError.self) { try CIFileReader.read("stages:\n  - a\n b: [\n", path: ".gitlab-ci.yml", platform: .gitLabCI) }
        do {
            _ = try CIFileReader.read("jobs: {\n", path: "ci.yml", platform: .gitHubActions)
        } catch {
            #expect(error.description.hasPrefix("ci.yml:"), "\(error.description)")
            #expect(error.description.contains("error: [ci-file]"))
        }
    }
}
