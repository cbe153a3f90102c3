import ArchdocLoading
import ArchitectureDescription
import Foundation
import TestSupport
import Testing

/// The model cache keeps the model in a binary form of its own: a model read
/// back from it must equal the one the compiled program wrote, field for field.
@Suite struct ModelCacheTests {
    /// A cache folder of its own, so that the first load compiles.
    static func emptyCache() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-model-cache-\(UUID().uuidString)")
    }

    static func loader(cache: URL) -> ArchitectureLoader {
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = cache.path
        return ArchitectureLoader(environment: environment)
    }

    @Test(arguments: Examples.all)
    func cachedModelEqualsTheCompiledOne(example: String) throws {
        let cache = Self.emptyCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        let folder = Examples.packageRoot.appendingPathComponent(example).path
        let loader = Self.loader(cache: cache)

        let compiled = try loader.load(from: folder)
        let cached = try loader.load(from: folder)
        #expect(!compiled.fromCache)
        #expect(cached.fromCache)
        #expect(cached.model.architecture == compiled.model.architecture)
        #expect(cached.model.extraDeployments == compiled.model.extraDeployments)
        // Equal models could still be empty ones: the examples deploy services with settings of every kind.
        #expect(!compiled.model.services.isEmpty)
    }

    @Test func aDamagedCacheIsCompiledAgain() throws {
        let cache = Self.emptyCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        let folder = Examples.packageRoot.appendingPathComponent("architecture/examples/task-platform").path
        let loader = Self.loader(cache: cache)
        let compiled = try loader.load(from: folder)

        // Overwrite the last third of every cached model with bytes that are no
        // value, keeping its header and length: the load must not crash or
        // return a damaged model, but compile again.
        let models = cache.appendingPathComponent("models")
        let names = try FileManager.default.contentsOfDirectory(atPath: models.path)
        #expect(!names.isEmpty)
        for name in names {
            let file = models.appendingPathComponent(name)
            var data = try Data(contentsOf: file)
            let start = data.count * 2 / 3
            data.replaceSubrange(start..<data.count, with: Data(repeating: 0xFF, count: data.count - start))
            try data.write(to: file)
        }
        let again = try loader.load(from: folder)
        #expect(!again.fromCache)
        #expect(again.model.architecture == compiled.model.architecture)
    }

    /// `make bench` caches its synthetic models instead of compiling them: the
    /// next load of the folder must read that model, and not compile.
    @Test func aModelCachedForAFolderLoadsWithoutCompiling() throws {
        let cache = Self.emptyCache()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-cached-folder-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: cache)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Not valid Swift: were it compiled, the load would fail.
        try "this is not compiled".write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let api = Container("api", "API", technology: "Swift")
        let db = Container("db", "Database", kind: .database, technology: "PostgreSQL")
        let architecture = Architecture("Cached") {
            SoftwareSystem("shop", "Shop") { api; db }
            api.uses(db, "Reads and writes", technology: "SQL")
        }
        let loader = Self.loader(cache: cache)

        try loader.cache(architecture, asModelOf: folder.path)
        var compiled = false
        let loaded = try loader.load(from: folder.path) { _ in compiled = true }

        #expect(!compiled)
        #expect(loaded.fromCache)
        #expect(loaded.model.architecture == architecture)
        #expect(loaded.model.containers.map(\.container.id) == ["api", "db"])
    }
}
