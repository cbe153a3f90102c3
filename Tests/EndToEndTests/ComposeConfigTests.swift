import ArchdocComposeFiles
import ArchdocLoading
import ArchdocRenderers
import Foundation
import TestSupport
import Testing

/// Every example's compose file is valid for Docker Compose v2.40.3 in every
/// profile, and each profile runs exactly the model's services.
@Suite(.serialized) struct ComposeConfigTests {
    static let examples: [String] = RealToolTests.architectures.filter { !$0.contains("hostile") }

    @Test(arguments: examples)
    func composeConfigAcceptsEveryProfile(architecture: String) throws {
        let compose = try Tools.path("DOCKER_COMPOSE")
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-compose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent(architecture).path
        let generated = try ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project)
        #expect(generated.status == 0, "\(generated.error)")

        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = ArchdocProcess.cacheFolder
        let model = try ArchitectureLoader(environment: environment).load(from: source).model
        let plan = ComposePlan(model: model)
        // The env files services name must exist for `config` to succeed.
        for file in Set(model.services.flatMap(\.service.envFiles)) {
            let url = project.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: url.path, contents: Data())
        }
        for profile in model.profiles.map(\.id) {
            let result = try Tools.run(compose, ["--project-directory", project.path, "-f", project.appendingPathComponent("compose.yaml").path,
                                                 "--profile", profile, "config", "--services"])
            #expect(result.status == 0, "\(architecture) profile \(profile): \(result.output)")
            let listed = Set(result.output.split(separator: "\n").map(String.init).filter { !$0.contains("level=warning") })
            #expect(listed == Set(plan.serviceNames(in: profile)), "\(architecture) profile \(profile)")
            #expect(!listed.isEmpty)
        }
    }
}
