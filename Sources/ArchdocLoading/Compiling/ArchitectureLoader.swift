import ArchdocBasics
import ArchdocModel
import ArchitectureDescription
import Crypto
import Foundation

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
        let key = hasher.finalize().map { String(format: "%02x", $0) }.joined()
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
        // One folder per compilation: two loads of the same architecture at
        // once (two processes, or parallel tests) must not share or delete
        // each other's files. The model cache itself is written atomically.
        // Named by this process, so that the next run removes it if a kill -9 kept this one from doing so.
        let buildDirectory: String
        do {
            try FileManager.default.createDirectory(atPath: "\(cache.directory)/build", withIntermediateDirectories: true)
            buildDirectory = try ScratchFolder.create(prefix: "model", in: "\(cache.directory)/build")
        } catch {
            throw .io(path: "\(cache.directory)/build", reason: "cannot create the build folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: buildDirectory) }
        let executable = "\(buildDirectory)/architecture"
        let output = "\(buildDirectory)/model.json"
        let mainSource = files.first { $0.hasSuffix("/main.swift") }.flatMap { main in
            (try? String(contentsOfFile: main, encoding: .utf8)).map { (path: main, text: $0) }
        }
        if let mainSource {
            let early = DeclarationOrder.earlyUses(in: mainSource.text)
            if !early.isEmpty { throw .compilationFailed(output: early.map { $0.diagnostic(file: mainSource.path) }.joined(separator: "\n") + "\n") }
        }
        let entry = environment["ARCHDOC_SCRIPT_MODE"] == nil ? mainSource.flatMap { LibraryMode.entryFile(forMain: $0.text) } : nil
        var compiled = try compile(
            files, asLibrary: entry, library: library, toolchain: toolchain, cache: cache, buildDirectory: buildDirectory, executable: executable)
        // What only a script may hold (a non-Sendable constant, say) is compiled as the script it is.
        if compiled.status != 0, entry != nil, LibraryMode.needsScriptMode(compiled.combinedOutput) {
            compiled = try compile(
                files, asLibrary: nil, library: library, toolchain: toolchain, cache: cache, buildDirectory: buildDirectory, executable: executable)
        }
        guard compiled.status == 0 else {
            // The compiler names the user's files (chunked copies say so with #sourceLocation).
            let sources = Dictionary(files.compactMap { file in (try? String(contentsOfFile: file, encoding: .utf8)).map { (file, $0) } }) { first, _ in first }
            throw .compilationFailed(output: CompilerHints.annotated(compiled.combinedOutput, sources: sources))
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

    /// The files to compile: each of `files`, or its rewrite by ``BuilderChunking``
    /// (under the same name, in `folder`) when it has long builder blocks.
    /// Runs swiftc on the files: as a script, or, given the text of an entry
    /// file, as a library with that entry point (``LibraryMode``).
    private func compile(
        _ files: [String], asLibrary entry: String?, library: DSLLibrary, toolchain: Toolchain, cache: CacheFolder,
        buildDirectory: String, executable: String
    ) throws(LoadError) -> ProcessRunner.Result {
        var compiledFiles = try chunkedSources(files, into: buildDirectory, prefix: entry == nil ? "" : "chunked-")
        var mode: [String] = []
        if let entry {
            let path = "\(buildDirectory)/\(LibraryMode.entryType).swift"
            do {
                try entry.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw .io(path: path, reason: "cannot write the entry point: \(error.localizedDescription)")
            }
            compiledFiles.append(path)
            // One frontend: the entry point needs the constants' types, which a
            // second frontend would infer again from main.swift.
            mode = ["-parse-as-library", "-wmo"]
        }
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
    private func chunkedSources(_ files: [String], into folder: String, prefix: String) throws(LoadError) -> [String] {
        var compiled: [String] = []
        // An escape hatch, and the baseline of the tests: compile the files as written.
        guard environment["ARCHDOC_NO_CHUNKING"] == nil else { return files }
        for file in files {
            guard let source = try? String(contentsOfFile: file, encoding: .utf8),
                  let rewritten = BuilderChunking.rewrite(source, path: file)
            else {
                compiled.append(file)
                continue
            }
            let copy = "\(folder)/\(prefix)\((file as NSString).lastPathComponent)"
            do {
                try rewritten.write(toFile: copy, atomically: true, encoding: .utf8)
            } catch {
                throw .io(path: copy, reason: "cannot write the file to compile: \(error.localizedDescription)")
            }
            compiled.append(copy)
        }
        return compiled
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
