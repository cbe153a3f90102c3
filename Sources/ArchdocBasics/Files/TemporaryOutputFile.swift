import Foundation

/// The temporary file an output is written to before it is renamed into
/// place: `.<name>.<pid>.tmp` beside the destination. The name carries the
/// writer's process id, so a file left by a process that died (`kill -9`
/// between the write and the rename) can be told from one being written now.
package enum TemporaryOutputFile {
    /// The temporary file's name for a destination file name, written by process `pid`.
    package static func name(for destinationName: String, pid: Int32 = getpid()) -> String {
        ".\(destinationName).\(pid).tmp"
    }

    /// The process id in a temporary file's name; `nil` for any other name.
    package static func writer(of name: String) -> Int32? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let stem = name.dropFirst().dropLast(".tmp".count)
        guard let dot = stem.lastIndex(of: "."), dot != stem.startIndex,
              let pid = Int32(stem[stem.index(after: dot)...]), pid > 0 else { return nil }
        return pid
    }

    /// Whether a file name is a temporary output file (of any process).
    package static func isTemporary(_ name: String) -> Bool {
        writer(of: name) != nil
    }

    /// Whether a file name is a temporary output file whose writer no longer runs.
    package static func isAbandoned(_ name: String) -> Bool {
        guard let pid = writer(of: name) else { return false }
        return processHasEnded(pid)
    }

    /// Removes the abandoned temporary files in each folder; returns their paths.
    /// Files of live writers (another `generate` at work) are left alone.
    @discardableResult
    package static func removeAbandoned(in folders: some Sequence<URL>) -> [String] {
        var removed: [String] = []
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where isAbandoned(name) {
                let path = folder.appendingPathComponent(name).path
                if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
            }
        }
        return removed
    }
}
