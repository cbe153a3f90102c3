import Foundation

/// Runs the built `archdoc` binary the way a user or CI does.
struct ArchdocProcess {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The build folder that holds the test bundle, and so `archdoc` and the DSL library.
    static let buildFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    static var binary: URL { buildFolder.appendingPathComponent("archdoc") }

    /// A cache shared by the tests, so the module cache is warm after the first compile.
    static let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-e2e-cache").path

    static func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:], binary: URL = binary) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = cacheFolder
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: try String(contentsOf: outURL, encoding: .utf8),
            error: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// A temporary project folder with an `architecture/` of the given files.
struct TemporaryProject {
    let root: URL

    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, contents) in files {
            let url = root.appendingPathComponent("architecture").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    /// The line number (1-based) of the first line containing a marker.
    func line(of marker: String, in file: String = "main.swift") throws -> Int {
        let text = try read("architecture/\(file)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(marker) } ?? -1) + 1
    }
}

/// A small valid architecture; `extra` is spliced into the Architecture block.
func shopArchitecture(extra: String = "", deployment: String = "") -> String {
    """
    import ArchitectureDescription

    let user = Person("user", "User", description: "Buys things")
    let api = Container("api", "API", technology: "Swift", description: "Serves the shop")
    let db = Container("db", "Database", kind: .database, technology: "Postgres 17", description: "Stores orders")

    let architecture = Architecture("Shop") {
        user
        SoftwareSystem("shop", "Shop", description: "Sells things") { api; db }
        user.uses(api, "Buys via", technology: "HTTPS")
        api.uses(db, "Reads and writes", technology: "SQL")
    \(extra)
        Deployment {
            Profile("dev")
            Profile("prod")
            Service(api, build: "./api", ports: ["8000:8000"], dependsOn: [.healthy(db)])
            Service(db, image: "postgres:17", healthcheck: .command("pg_isready"))
    \(deployment)
        }
    }

    """
}
