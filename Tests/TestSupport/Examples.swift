import ArchdocLoading
import Foundation

/// The example architectures of this repository (`architecture/` and
/// `architecture/examples/*`), loaded the way `archdoc generate` loads them:
/// compiled against the DSL library, with the tests' shared model cache.
/// Test targets of stages after loading use it to get real models.
package enum Examples {
    /// The package's root folder.
    package static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `architecture`, then every `architecture/examples/<name>`, relative to the package root.
    package static let all: [String] = {
        let folder = packageRoot.appendingPathComponent("architecture/examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return ["architecture"] + names.sorted().map { "architecture/examples/\($0)" }
    }()

    /// This process's environment with `ARCHDOC_CACHE_DIR` set to the tests'
    /// shared cache (`ARCHDOC_TEST_CACHE_DIR`, or a temporary folder).
    package static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = environment["ARCHDOC_TEST_CACHE_DIR"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-test-cache").path
        return environment
    }

    /// Loads an example (a path relative to the package root, such as `architecture/examples/task-platform`).
    package static func load(_ example: String) throws -> LoadedArchitecture {
        try ArchitectureLoader(environment: environment).load(from: packageRoot.appendingPathComponent(example).path)
    }
}
