import ArchdocBasics
import Foundation

/// Writes generated files into an output folder: only files whose content
/// changed are rewritten, and each is written to a temporary file in the same
/// folder and renamed into place, so a reader never sees half a file.
package struct OutputWriter: Sendable {
    /// What happened to one file.
    package enum Outcome: String, Sendable {
        case created, updated, unchanged
    }

    /// What a write did, file by file.
    package struct Summary: Sendable {
        /// Each file's path (relative to the output folder) and outcome, in order.
        package var outcomes: [(path: String, outcome: Outcome)]

        /// How many files had a given outcome.
        package func count(_ outcome: Outcome) -> Int { outcomes.filter { $0.outcome == outcome }.count }
    }

    /// Why a file could not be written.
    package struct WriteError: Error, Sendable, CustomStringConvertible {
        package var path: String
        package var reason: String
        package var description: String { "error: cannot write \(path): \(reason)" }
    }

    /// The folder that relative paths are relative to; absolute paths are used as they are.
    package let root: String

    /// Creates a writer for an output folder, which is created when needed.
    package init(root: String) {
        self.root = root
    }

    /// Writes every file; stops at the first file that cannot be written,
    /// leaving the files already written complete and the others untouched.
    package func write(_ files: [GeneratedFile]) throws(WriteError) -> Summary {
        // A run killed between writing a temporary file and renaming it left
        // that file behind: removed here, in every folder this run writes to.
        TemporaryOutputFile.removeAbandoned(in: Set(files.map { destination(of: $0).deletingLastPathComponent() }))
        // Most files of a regeneration are unchanged: they are read and
        // compared on every core, and only the others are written, in order.
        let existing = files.concurrentMap { file in Existing(file, at: destination(of: file)) }
        var outcomes: [(String, Outcome)] = []
        for (file, existing) in zip(files, existing) {
            switch existing {
            case .same:
                outcomes.append((file.path, .unchanged))
            case .different:
                try write(file)
                outcomes.append((file.path, .updated))
            case .absent:
                try write(file)
                outcomes.append((file.path, .created))
            }
        }
        return Summary(outcomes: outcomes)
    }

    /// What is at a generated file's destination now.
    private enum Existing: Sendable {
        case same, different, absent

        init(_ file: GeneratedFile, at destination: URL) {
            guard let data = FileManager.default.contents(atPath: destination.path) else {
                self = .absent
                return
            }
            var contents = file.contents
            // Compared in place: a copy of every file's bytes would double the work.
            let same = contents.withUTF8 { bytes in
                data.count == bytes.count && data.withUnsafeBytes { stored in
                    bytes.isEmpty || memcmp(bytes.baseAddress!, stored.baseAddress!, bytes.count) == 0
                }
            }
            self = same ? .same : .different
        }
    }

    private func destination(of file: GeneratedFile) -> URL {
        file.path.hasPrefix("/") ? URL(fileURLWithPath: file.path) : URL(fileURLWithPath: root).appendingPathComponent(file.path)
    }

    /// Writes one file through a temporary file beside it.
    private func write(_ file: GeneratedFile) throws(WriteError) {
        let destination = destination(of: file)
        let data = Data(file.contents.utf8)
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(TemporaryOutputFile.name(for: destination.lastPathComponent))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
            guard rename(temporary.path, destination.path) == 0 else {
                throw WriteError(path: destination.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as WriteError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: destination.path, reason: error.localizedDescription)
        }
    }
}
