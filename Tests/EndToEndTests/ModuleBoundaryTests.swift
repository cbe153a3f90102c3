import Foundation
import Testing

/// The module graph, read from `swift package dump-package` as a newcomer
/// reads the manifest: the stages are separate targets and the arrows point
/// one way. The build (`make build`, `make test`) also passes
/// `--explicit-target-dependency-import-check error`, so a target that imports
/// a module it does not declare fails to compile.
@Suite struct ModuleBoundaryTests {
    /// A target of the manifest: its name, type and the targets it depends on.
    struct Target {
        var name: String
        var type: String
        /// Targets and products, by name.
        var dependencies: [String]
        var path: String
    }

    /// The manifest's targets by name.
    static let targets: [String: Target] = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A scratch path of its own: the running `swift test` holds the lock on `.build`.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-dump-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        process.arguments = ["swift", "package", "--package-path", ArchdocProcess.packageRoot.path, "--scratch-path", scratch.path, "dump-package"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [:] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let targets = manifest["targets"] as? [[String: Any]] else { return [:] }
        var result: [String: Target] = [:]
        for target in targets {
            guard let name = target["name"] as? String, let type = target["type"] as? String else { continue }
            let dependencies = (target["dependencies"] as? [[String: Any]] ?? []).compactMap { dependency -> String? in
                ((dependency["byName"] ?? dependency["target"] ?? dependency["product"]) as? [Any])?.first as? String
            }
            let path = target["path"] as? String ?? (type == "test" ? "Tests/\(name)" : "Sources/\(name)")
            result[name] = Target(name: name, type: type, dependencies: dependencies, path: path)
        }
        return result
    }()

    /// Every target a target depends on, directly or through others.
    static func closure(of name: String) -> Set<String> {
        var seen: Set<String> = []
        var queue = targets[name]?.dependencies ?? []
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            queue += targets[next]?.dependencies ?? []
        }
        return seen
    }

    /// The pipeline's library targets (everything archdoc builds that is not the DSL, a C shim or an executable).
    static var stages: [Target] {
        targets.values.filter { $0.type == "regular" && $0.name.hasPrefix("Archdoc") && $0.name != "ArchdocAllocator" }
    }

    @Test func theManifestReads() {
        #expect(Self.targets["ArchdocRenderers"] != nil, "swift package dump-package gave no targets")
        #expect(Self.targets["ArchdocKit"] == nil)
    }

    @Test func atLeastFiveStagesNoneOver4000Lines() throws {
        #expect(Self.stages.count >= 5)
        for stage in Self.stages {
            let folder = ArchdocProcess.packageRoot.appendingPathComponent(stage.path)
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            let lines = try files.reduce(0) { count, file in
                count + (try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)).split(separator: "\n", omittingEmptySubsequences: false).count
            }
            #expect(lines > 0 && lines <= 4_000, "\(stage.name) has \(lines) lines of Swift")
        }
    }

    @Test func renderersCannotReachLoadingOrTheComposeParser() {
        for renderer in ["ArchdocViews", "ArchdocRenderers", "ArchdocPictures", "ArchdocSite", "ArchdocTemplates"] {
            let reachable = Self.closure(of: renderer)
            #expect(!reachable.isEmpty || renderer == "ArchdocTemplates")
            #expect(!reachable.contains("ArchdocLoading"), "\(renderer) depends on ArchdocLoading")
            #expect(!reachable.contains("ArchdocComposeFiles"), "\(renderer) depends on ArchdocComposeFiles")
            #expect(!reachable.contains("ArchdocCIFiles"), "\(renderer) depends on ArchdocCIFiles")
            #expect(!reachable.contains("ArchdocManifestFiles"), "\(renderer) depends on ArchdocManifestFiles")
        }
    }

    @Test func theModelImportsOnlyTheDSL() {
        #expect(Self.targets["ArchdocModel"]?.dependencies == ["ArchitectureDescription"])
    }

    @Test func theCommandLineAndTheServerUseGenerationNotTheStages() {
        let behindGeneration: Set = [
            "ArchdocLoading", "ArchdocViews", "ArchdocRenderers", "ArchdocPictures", "ArchdocSite",
            "ArchdocComposeFiles", "ArchdocCIFiles", "ArchdocManifestFiles", "ArchdocDrift", "ArchdocImport", "ArchdocTemplates",
        ]
        for client in ["archdoc", "ArchdocServer"] {
            let direct = Set(Self.targets[client]?.dependencies ?? [])
            #expect(!direct.isEmpty, "\(client) is not in the manifest")
            #expect(direct.isDisjoint(with: behindGeneration), "\(client) depends on \(direct.intersection(behindGeneration).sorted())")
        }
        #expect(Self.targets["archdoc"]?.dependencies.contains("ArchdocGeneration") == true)
        // The server knows nothing of the pipeline: the CLI hands it the folder and the rebuilds.
        #expect(!Self.closure(of: "ArchdocServer").contains("ArchdocGeneration"))
    }

    @Test func theGraphHasNoCycle() {
        for name in Self.targets.keys {
            #expect(!Self.closure(of: name).contains(name), "\(name) depends on itself")
        }
    }
}
