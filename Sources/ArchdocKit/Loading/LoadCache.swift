import Foundation

/// A folder of small files keyed by content hash: loaded models and compiler
/// versions. Entries are written atomically, so a crash never leaves half a file.
struct LoadCache: Sendable {
    /// The cache folder.
    let directory: String

    /// `ARCHDOC_CACHE_DIR`, else `$XDG_CACHE_HOME/archdoc`, else `~/.cache/archdoc`.
    static func standard(environment: [String: String]) -> LoadCache {
        if let explicit = environment["ARCHDOC_CACHE_DIR"], !explicit.isEmpty { return LoadCache(directory: explicit) }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache"
        return LoadCache(directory: "\(base)/archdoc")
    }

    func path(_ key: String) -> String { "\(directory)/\(key)" }

    func read(_ key: String) -> String? {
        FileManager.default.contents(atPath: path(key)).map { String(decoding: $0, as: UTF8.self) }
    }

    func readData(_ key: String) -> Data? {
        FileManager.default.contents(atPath: path(key))
    }

    func write(_ key: String, _ text: String) {
        writeData(key, Data(text.utf8))
    }

    func writeData(_ key: String, _ data: Data) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: path(key)), options: .atomic)
    }
}
