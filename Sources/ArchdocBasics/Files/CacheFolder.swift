import Foundation

/// A folder of small files keyed by content hash: loaded models and compiler
/// versions. Entries are written atomically, so a crash never leaves half a file.
package struct CacheFolder: Sendable {
    /// The cache folder.
    package let directory: String

    /// `ARCHDOC_CACHE_DIR`, else `$XDG_CACHE_HOME/archdoc`, else `~/.cache/archdoc`.
    package static func standard(environment: [String: String]) -> CacheFolder {
        if let explicit = environment["ARCHDOC_CACHE_DIR"], !explicit.isEmpty { return CacheFolder(directory: explicit) }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache"
        return CacheFolder(directory: "\(base)/archdoc")
    }

    package func path(_ key: String) -> String { "\(directory)/\(key)" }

    package func read(_ key: String) -> String? {
        FileManager.default.contents(atPath: path(key)).map { String(decoding: $0, as: UTF8.self) }
    }

    package func readData(_ key: String) -> Data? {
        FileManager.default.contents(atPath: path(key))
    }

    package func write(_ key: String, _ text: String) {
        writeData(key, Data(text.utf8))
    }

    package func writeData(_ key: String, _ data: Data) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: path(key)), options: .atomic)
    }
}
