import Foundation
import Testing
import Yams

/// archdoc's own architecture tells the truth about how archdoc runs: what its
/// compose file builds exists in this repository and passes hadolint.
@Suite struct OwnArchitectureTests {
    @Test func everyBuiltServiceHasADockerfileThatHadolintAccepts() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-own-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let compose = scratch.appendingPathComponent("compose.yaml")
        let root = ArchdocProcess.packageRoot
        let generated = try ArchdocProcess.run([
            "generate", "--quiet", "-a", root.appendingPathComponent("architecture").path,
            "-o", scratch.appendingPathComponent("site").path, "--compose", compose.path,
        ])
        try #require(generated.status == 0, "\(generated.error)")
        let document = try #require(try Yams.load(yaml: String(contentsOf: compose, encoding: .utf8)) as? [String: Any])
        let services = try #require(document["services"] as? [String: [String: Any]])
        let built = services.filter { $0.value["build"] != nil }
        try #require(!built.isEmpty, "the dev profile builds archdoc from this repository")
        for (name, service) in built {
            // `make run` writes compose.yaml at the repository root, so the context is relative to it.
            let context = (service["build"] as? String) ?? ((service["build"] as? [String: Any])?["context"] as? String) ?? "."
            let dockerfile = root.appendingPathComponent(context).appendingPathComponent("Dockerfile").standardizedFileURL
            try #require(FileManager.default.fileExists(atPath: dockerfile.path), "\(name) builds \(context), which has no Dockerfile")
            let lint = try Tools.run(try Tools.path("HADOLINT"), [dockerfile.path])
            #expect(lint.status == 0, "hadolint \(dockerfile.path):\n\(lint.output)")
            // The image's default command is the one the model says the service runs.
            let text = try String(contentsOf: dockerfile, encoding: .utf8)
            let cmd = try #require(text.split(separator: "\n").last { $0.hasPrefix("CMD ") }, "\(dockerfile.path) has no CMD")
            let words = try #require(try JSONSerialization.jsonObject(with: Data(cmd.dropFirst(4).utf8)) as? [String])
            let command = (service["command"] as? [String]) ?? (service["command"] as? String).map { $0.split(separator: " ").map(String.init) }
            #expect(command == words, "\(name) runs \(command ?? []), the image \(words)")
        }
    }
}
