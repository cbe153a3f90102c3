import Foundation

/// A folder for one run's intermediate files, named `<prefix>-<pid>-<uuid>`:
/// removed by its run on every way out, and, when a killed run left it
/// behind, by the next run, which sees from the name that its owner is gone.
package enum ScratchFolder {
    /// Creates a new scratch folder in `parent`, after removing the ones that
    /// dead processes left there; returns its path.
    package static func create(prefix: String, in parent: String) throws -> String {
        removeAbandoned(prefix: prefix, in: parent)
        let path = "\(parent)/\(prefix)-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The process id in a scratch folder's name; `nil` for any other name.
    package static func owner(of name: String, prefix: String) -> Int32? {
        guard name.hasPrefix(prefix + "-") else { return nil }
        let rest = name.dropFirst(prefix.count + 1)
        guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { return nil }
        return pid
    }

    /// Removes the scratch folders of `prefix` in `parent` whose process no longer runs.
    package static func removeAbandoned(prefix: String, in parent: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names {
            guard let pid = owner(of: name, prefix: prefix), processHasEnded(pid) else { continue }
            try? FileManager.default.removeItem(atPath: "\(parent)/\(name)")
        }
    }
}
