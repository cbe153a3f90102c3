import ArchdocBasics
import Crypto
import Foundation

/// The build folder that an architecture of several files keeps between
/// loads, so that swiftc's driver recompiles only the files an edit touched.
///
/// It lives in the cache, one per architecture folder, and holds what the
/// driver's incremental mode needs: an output file map, each file's object and
/// dependency graph (`.swiftdeps`), the chunked copies (written only when their
/// text changes, so the driver's content hashes see an edit and nothing else)
/// and the linked program. A stamp of the archdoc, compiler and library
/// versions empties it when any of them changes.
///
/// One load uses it at a time: the folder is locked with `flock`, and a load
/// that finds it locked compiles in a scratch folder of its own, as a single
/// file architecture always does (whole-module, which is faster when every
/// file is compiled anyway).
final class IncrementalBuild {
    /// The folder.
    let directory: String
    /// Where the chunked copies and the entry point are written.
    var sourcesDirectory: String { "\(directory)/sources" }
    private let lock: FileLock

    private init(directory: String, lock: FileLock) {
        self.directory = directory
        self.lock = lock
    }

    /// The locked build folder of the architecture in `folder`, emptied when
    /// `stamp` differs from the last build's; `nil` when another load holds
    /// it or it cannot be created.
    static func open(for folder: String, in cache: CacheFolder, stamp: String) -> IncrementalBuild? {
        let digest = SHA256.hash(data: Data(folder.utf8)).prefix(8).hexDigits
        let directory = "\(cache.directory)/build/incremental-\(digest)"
        let files = FileManager.default
        guard (try? files.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
              let lock = FileLock(path: "\(directory)/lock")
        else { return nil }
        let stampPath = "\(directory)/stamp"
        if (try? String(contentsOfFile: stampPath, encoding: .utf8)) != stamp {
            for name in (try? files.contentsOfDirectory(atPath: directory)) ?? [] where name != "lock" {
                try? files.removeItem(atPath: "\(directory)/\(name)")
            }
            guard (try? stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)) != nil else { return nil }
        }
        guard (try? files.createDirectory(atPath: "\(directory)/sources", withIntermediateDirectories: true)) != nil,
              (try? files.createDirectory(atPath: "\(directory)/objects", withIntermediateDirectories: true)) != nil
        else { return nil }
        return IncrementalBuild(directory: directory, lock: lock)
    }

    /// The driver's arguments for compiling `inputs` (absolute paths)
    /// incrementally: writes their output file map, and removes the copies in
    /// ``sourcesDirectory`` that are no longer compiled.
    func driverArguments(for inputs: [String]) throws(LoadError) -> [String] {
        var map: [String: [String: String]] = ["": ["swift-dependencies": "\(directory)/objects/module.swiftdeps"]]
        for input in inputs {
            // By name and path: a copy and a file of the same name must not share an object.
            let name = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
            let digest = SHA256.hash(data: Data(input.utf8)).prefix(4).hexDigits
            let stem = "\(directory)/objects/\(name)-\(digest)"
            map[input] = ["object": "\(stem).o", "swift-dependencies": "\(stem).swiftdeps"]
        }
        let mapPath = "\(directory)/output-file-map.json"
        do {
            let data = try JSONSerialization.data(withJSONObject: map, options: [.sortedKeys, .prettyPrinted])
            try Self.writeIfChanged(String(decoding: data, as: UTF8.self), to: mapPath)
        } catch {
            throw .io(path: mapPath, reason: "cannot write the output file map: \(error)")
        }
        let compiled = Set(inputs)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: sourcesDirectory)) ?? []
        where !compiled.contains("\(sourcesDirectory)/\(name)") {
            try? FileManager.default.removeItem(atPath: "\(sourcesDirectory)/\(name)")
        }
        let jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return ["-incremental", "-enable-incremental-file-hashing", "-enable-batch-mode", "-j", "\(jobs)", "-output-file-map", mapPath]
    }

    /// Writes `text` to `path` unless the file already holds it, so that an
    /// unchanged file keeps its modification time and the driver skips it.
    static func writeIfChanged(_ text: String, to path: String) throws {
        if let existing = FileManager.default.contents(atPath: path), existing == Data(text.utf8) { return }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
