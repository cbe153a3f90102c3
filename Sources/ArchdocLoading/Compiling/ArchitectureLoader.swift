import ArchdocBasics
import ArchdocModel
import ArchitectureDescription
import Crypto
import Foundation
import SwiftParser
import SwiftSyntax

/// An architecture read from its Swift files.
package struct LoadedArchitecture: Sendable {
    /// The model.
    package var model: ArchitectureModel
    /// The Swift files it was read from, sorted.
    package var sourceFiles: [String]
    /// Whether it came from the cache, without compiling.
    package var fromCache: Bool
}

/// Reads an architecture the way SwiftPM reads `Package.swift`: compiles the
/// folder's Swift files against the `ArchitectureDescription` library, runs
/// the program, and decodes the JSON model it writes.
///
/// Models are cached by a SHA-256 of the files' paths and contents, the tool
/// version, the compiler version and the library build, so an unchanged
/// architecture loads without compiling.
package struct ArchitectureLoader: Sendable {
    /// The environment, for `ARCHDOC_*` settings and `PATH`.
    package var environment: [String: String]
    /// How long the compiled program may run, in seconds.
    package var runTimeout: TimeInterval
    /// How much memory (address space, in bytes) the compiled program may use.
    package var memoryLimit: Int
    /// The largest model, in bytes, that the program may write.
    package var modelSizeLimit: Int

    /// The time limit when neither `--timeout` nor `ARCHDOC_MODEL_TIMEOUT` says otherwise.
    package static let defaultRunTimeout: TimeInterval = 60
    /// The memory limit when `ARCHDOC_MODEL_MEMORY_MB` does not say otherwise: 4 GiB.
    package static let defaultMemoryLimit = 4_096 << 20
    /// The model size limit when `ARCHDOC_MODEL_SIZE_MB` does not say otherwise: 64 MiB,
    /// several times a model of 10,000 containers.
    package static let defaultModelSizeLimit = 64 << 20

    /// Creates a loader. The limits default to `ARCHDOC_MODEL_TIMEOUT` (seconds),
    /// `ARCHDOC_MODEL_MEMORY_MB` and `ARCHDOC_MODEL_SIZE_MB`, else to the defaults above.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment, runTimeout: TimeInterval? = nil) {
        self.environment = environment
        func number(_ name: String) -> Double? { environment[name].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } }
        self.runTimeout = runTimeout ?? number("ARCHDOC_MODEL_TIMEOUT") ?? Self.defaultRunTimeout
        memoryLimit = number("ARCHDOC_MODEL_MEMORY_MB").map { Int($0 * 1_048_576) } ?? Self.defaultMemoryLimit
        modelSizeLimit = number("ARCHDOC_MODEL_SIZE_MB").map { Int($0 * 1_048_576) } ?? Self.defaultModelSizeLimit
    }

    /// Loads the architecture in a folder whose entry file is `main.swift`.
    ///
    /// - Parameter willCompile: Called with the number of files before a
    ///   compilation starts (not on a cache hit), for progress output.
    package func load(from directory: String, willCompile: (Int) -> Void = { _ in }) throws(LoadError) -> LoadedArchitecture {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        let files = try swiftFiles(in: folder)
        let entry = try cacheEntry(for: files)

        if let data = entry.cache.readData(entry.path), let document = try? decode(data), let model = try? model(of: document, entryFile: files[0]) {
            return LoadedArchitecture(model: model, sourceFiles: files, fromCache: true)
        }
        willCompile(files.count)
        let data = try compileAndRun(files, library: entry.library, toolchain: entry.toolchain, cache: entry.cache, key: entry.key)
        let document = try decode(data)
        let model = try model(of: document, entryFile: files.first { $0.hasSuffix("/main.swift") } ?? files[0])
        if let cached = try? CachedModelFile.encode(document, sourceFiles: files) {
            entry.store(cached)
        }
        return LoadedArchitecture(model: model, sourceFiles: files, fromCache: false)
    }

    /// Caches `architecture` as the model of the folder's Swift files, as if
    /// they had been compiled and had declared it, so that the next
    /// ``load(from:willCompile:)`` of the folder reads it without compiling.
    ///
    /// For `make bench`: its synthetic model of 10,000 containers would take
    /// far too long to compile, and a cached load of each size is one of its
    /// stages. The architecture's own locations may name a file outside the
    /// folder (the bench's); they are cached as compactly as the folder's.
    package func cache(_ architecture: Architecture, asModelOf directory: String) throws(LoadError) {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        let files = try swiftFiles(in: folder)
        let entry = try cacheEntry(for: files)
        let declaredIn = architecture.location.file
        let document = ArchitectureDocument(architectures: [architecture])
        do {
            entry.store(try CachedModelFile.encode(document, sourceFiles: files.contains(declaredIn) ? files : files + [declaredIn]))
        } catch {
            throw .invalidDocument(reason: "cannot encode the model for the cache: \(error)")
        }
    }

    /// Where the model of `files` is cached: by a SHA-256 of the tool, schema,
    /// cache format, compiler and library versions and the files' paths and
    /// contents. Also the library and compiler, which a compilation needs.
    private func cacheEntry(for files: [String]) throws(LoadError) -> CacheEntry {
        let library = try DSLLibrary.locate(environment: environment)
        let cache = CacheFolder.standard(environment: environment)
        let toolchain = try Toolchain.locate(cache: cache, environment: environment)

        var hasher = SHA256()
        for part in [ArchdocVersion.current, "\(ArchitectureDocument.currentSchemaVersion)", CachedModelFile.format, toolchain.version, library.fingerprint()] {
            hasher.update(data: Data((part + "\u{0}").utf8))
        }
        for file in files {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw .io(path: file, reason: "cannot be read")
            }
            hasher.update(data: Data((file + "\u{0}").utf8))
            hasher.update(data: contents)
            hasher.update(data: Data([0]))
        }
        let key = hasher.finalize().hexDigits
        return CacheEntry(cache: cache, key: key, library: library, toolchain: toolchain)
    }

    /// Where a folder's model is cached, and what compiling the folder needs.
    private struct CacheEntry {
        var cache: CacheFolder
        var key: String
        var library: DSLLibrary
        var toolchain: Toolchain

        var path: String { "models/\(key).json" }

        func store(_ cached: Data) {
            try? FileManager.default.createDirectory(atPath: "\(cache.directory)/models", withIntermediateDirectories: true)
            cache.writeData(path, cached)
        }
    }

    /// The `.swift` files directly in the folder (not in subfolders), sorted.
    func swiftFiles(in folder: String) throws(LoadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(path: folder)
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        guard names.contains("main.swift") else { throw .missingEntryFile(directory: folder, found: names) }
        return names.map { "\(folder)/\($0)" }
    }

    private func compileAndRun(
        _ files: [String], library: DSLLibrary, toolchain: Toolchain, cache: CacheFolder, key: String
    ) throws(LoadError) -> Data {
        if let built = library.compilerVersion(), built != toolchain.version {
            throw .toolchainMismatch(library: built, compiler: toolchain.version, compilerPath: toolchain.compilerPath)
        }
        // An architecture of several files keeps its build folder, so that an
        // edit recompiles only what it touched (IncrementalBuild); otherwise one
        // folder per compilation: two loads of the same architecture at once
        // (two processes, or parallel tests) must not share or delete each
        // other's files. The model cache itself is written atomically.
        let incremental = files.count > 1 && environment["ARCHDOC_NO_INCREMENTAL"] == nil
            ? IncrementalBuild.open(
                for: (files[0] as NSString).deletingLastPathComponent, in: cache,
                stamp: [ArchdocVersion.current, toolchain.version, library.fingerprint()].joined(separator: "\n"))
            : nil
        defer { withExtendedLifetime(incremental) {} }
        let buildDirectory: String
        if let incremental {
            buildDirectory = incremental.directory
        } else {
            // Named by this process, so that the next run removes it if a kill -9 kept this one from doing so.
            do {
                try FileManager.default.createDirectory(atPath: "\(cache.directory)/build", withIntermediateDirectories: true)
                buildDirectory = try ScratchFolder.create(prefix: "model", in: "\(cache.directory)/build")
            } catch {
                throw .io(path: "\(cache.directory)/build", reason: "cannot create the build folder: \(error.localizedDescription)")
            }
        }
        defer { if incremental == nil { try? FileManager.default.removeItem(atPath: buildDirectory) } }
        let executable = "\(buildDirectory)/architecture"
        let output = "\(buildDirectory)/model.json"
        // A kept folder holds the last run's model, which this run must not be taken to have written.
        try? FileManager.default.removeItem(atPath: output)
        // Each file read and parsed once, for the order check, library mode, chunking and the hints.
        let sources = files.map { file in
            SourceFile(path: file, text: try? String(contentsOfFile: file, encoding: .utf8))
        }
        let main = sources.first { $0.path.hasSuffix("/main.swift") }
        if let main, let tree = main.tree {
            let early = DeclarationOrder.earlyUses(in: tree)
            if !early.isEmpty { throw .compilationFailed(output: early.map { $0.diagnostic(file: main.path) }.joined(separator: "\n") + "\n") }
        }
        let entry = environment["ARCHDOC_SCRIPT_MODE"] == nil ? main?.tree.flatMap { LibraryMode.entryFile(forMain: $0) } : nil
        var compiled = try compile(
            sources, asLibrary: entry, library: library, toolchain: toolchain, cache: cache, incremental: incremental,
            buildDirectory: buildDirectory, executable: executable)
        // What only a script may hold (a non-Sendable constant, say) is compiled as the script it is.
        if compiled.status != 0, entry != nil, LibraryMode.needsScriptMode(compiled.combinedOutput) {
            compiled = try compile(
                sources, asLibrary: nil, library: library, toolchain: toolchain, cache: cache, incremental: incremental,
                buildDirectory: buildDirectory, executable: executable)
        }
        guard compiled.status == 0 else {
            // The compiler names the user's files (chunked copies say so with #sourceLocation).
            let texts = Dictionary(sources.compactMap { source in source.text.map { (source.path, $0) } }) { first, _ in first }
            throw .compilationFailed(output: CompilerHints.annotated(compiled.combinedOutput, sources: texts))
        }

        let ran: ProcessRunner.Result
        do {
            // The message of a failed precondition names the place; the backtracer's
            // registers and images would bury it (unless the user asks for them).
            let quiet = environment["SWIFT_BACKTRACE"] == nil ? ["SWIFT_BACKTRACE": "enable=no"] : [:]
            ran = try ProcessRunner.run(
                executable, ["--archdoc-output", output], timeout: runTimeout, memoryLimit: memoryLimit, environment: quiet)
        } catch {
            throw .io(path: executable, reason: "cannot run the architecture program: \(error.localizedDescription)")
        }
        if ran.timedOut { throw .programTimedOut(seconds: Int(runTimeout)) }
        guard ran.status == 0 else {
            throw .programFailed(
                status: ran.status, signal: ran.signal, memoryLimit: memoryLimit,
                output: SourceMap(buildFiles: files).mapped(ran.combinedOutput))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? Int, size > modelSizeLimit {
            throw .modelTooLarge(bytes: size, limit: modelSizeLimit)
        }
        guard let data = FileManager.default.contents(atPath: output) else {
            throw .noArchitecture(entryFile: files.first { $0.hasSuffix("/main.swift") } ?? files[0])
        }
        return data
    }

    /// One of the user's files: its text (nil when unreadable, which the
    /// compiler then reports) and its syntax tree, parsed once.
    private struct SourceFile {
        var path: String
        var text: String?
        var tree: SourceFileSyntax?

        init(path: String, text: String?) {
            self.path = path
            self.text = text
            tree = text.map { Parser.parse(source: $0) }
        }
    }

    /// Runs swiftc on the files: as a script, or, given the text of an entry
    /// file, as a library with that entry point (``LibraryMode``); in the
    /// incremental build's folder when there is one.
    private func compile(
        _ sources: [SourceFile], asLibrary entry: String?, library: DSLLibrary, toolchain: Toolchain, cache: CacheFolder,
        incremental: IncrementalBuild?, buildDirectory: String, executable: String
    ) throws(LoadError) -> ProcessRunner.Result {
        let copies = incremental?.sourcesDirectory ?? buildDirectory
        var compiledFiles = try chunkedSources(sources, into: copies, prefix: entry == nil ? "" : "chunked-")
        var mode: [String] = []
        if let entry {
            let path = "\(copies)/\(LibraryMode.entryType).swift"
            try writeBuildFile(entry, to: path, what: "the entry point")
            compiledFiles.append(path)
            // One frontend, unless incremental: the entry point needs the constants'
            // types, which a second frontend would infer again from main.swift.
            mode = incremental == nil ? ["-parse-as-library", "-wmo"] : ["-parse-as-library"]
        }
        if let incremental { mode += try incremental.driverArguments(for: compiledFiles) }
        let arguments = library.compilerArguments + mode + [
            "-Xlinker", "-rpath", "-Xlinker", library.libraryDirectory,
            "-module-cache-path", "\(cache.directory)/module-cache",
        ] + compiledFiles + ["-o", executable]
        do {
            return try ProcessRunner.run(toolchain.compilerPath, arguments)
        } catch {
            throw .io(path: toolchain.compilerPath, reason: "cannot run the compiler: \(error.localizedDescription)")
        }
    }

    /// The files as swiftc compiles them: a file with long builder blocks is
    /// replaced by its chunked copy in `folder`. In library mode the copies are
    /// named `chunked-<name>`, so that their `#sourceLocation` (the user's name)
    /// does not clash with a file of the same name.
    private func chunkedSources(_ sources: [SourceFile], into folder: String, prefix: String) throws(LoadError) -> [String] {
        var compiled: [String] = []
        // An escape hatch, and the baseline of the tests: compile the files as written.
        guard environment["ARCHDOC_NO_CHUNKING"] == nil else { return sources.map(\.path) }
        for source in sources {
            guard let tree = source.tree, let rewritten = BuilderChunking.rewrite(tree, path: source.path) else {
                compiled.append(source.path)
                continue
            }
            let copy = "\(folder)/\(prefix)\((source.path as NSString).lastPathComponent)"
            try writeBuildFile(rewritten, to: copy, what: "the file to compile")
            compiled.append(copy)
        }
        return compiled
    }

    /// Writes a file of the build folder that swiftc compiles; an unchanged
    /// one is left alone, for the incremental build.
    private func writeBuildFile(_ text: String, to path: String, what: String) throws(LoadError) {
        do {
            try IncrementalBuild.writeIfChanged(text, to: path)
        } catch {
            throw .io(path: path, reason: "cannot write \(what): \(error.localizedDescription)")
        }
    }

    /// The document in the program's JSON (or a cached file), decoded once:
    /// only when that fails is its `schemaVersion` read, to tell a document
    /// of another schema from a broken one.
    private func decode(_ data: Data) throws(LoadError) -> ArchitectureDocument {
        struct Header: Decodable { var schemaVersion: Int }
        let document: ArchitectureDocument
        do {
            document = try CachedModelFile.decode(data)
        } catch {
            guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
                throw .invalidDocument(reason: "no schemaVersion")
            }
            guard header.schemaVersion == ArchitectureDocument.currentSchemaVersion else {
                throw .unsupportedSchema(found: header.schemaVersion, supported: ArchitectureDocument.currentSchemaVersion)
            }
            throw .invalidDocument(reason: "\(error)")
        }
        guard document.schemaVersion == ArchitectureDocument.currentSchemaVersion else {
            throw .unsupportedSchema(found: document.schemaVersion, supported: ArchitectureDocument.currentSchemaVersion)
        }
        return document
    }

    /// The model of the document's one architecture.
    private func model(of document: ArchitectureDocument, entryFile: String) throws(LoadError) -> ArchitectureModel {
        switch document.architectures.count {
        case 0: throw .noArchitecture(entryFile: entryFile)
        case 1: return ArchitectureModel(document.architectures[0], extraDeployments: document.extraDeployments)
        default: throw .multipleArchitectures(document.architectures.map(\.location))
        }
    }
}
