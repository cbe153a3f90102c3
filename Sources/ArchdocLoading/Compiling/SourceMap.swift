import Foundation

/// Maps what the architecture program prints back to the user's files.
///
/// The program is compiled as the module `ArchitectureProgram`, so a runtime
/// error (`fatalError`, a failed precondition, an index out of range) names
/// its place by `#fileID`: `ArchitectureProgram/main.swift:12`. The user wrote
/// `architecture/main.swift`; this rewrites one into the other.
struct SourceMap {
    /// `ArchitectureProgram/<name>.swift` → the file's path as the user sees it.
    private let paths: [(fileID: String, path: String)]

    /// The map for the compiled files (absolute paths).
    init(buildFiles: [String], currentDirectory: String = FileManager.default.currentDirectoryPath) {
        let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        paths = buildFiles.map { file in
            let name = (file as NSString).lastPathComponent
            let shown = file.hasPrefix(base) ? String(file.dropFirst(base.count)) : file
            return ("ArchitectureProgram/\(name)", shown)
        }
    }

    /// `text` with every `ArchitectureProgram/<name>.swift:` replaced by the user's path.
    func mapped(_ text: String) -> String {
        guard text.contains("ArchitectureProgram/") else { return text }
        var result = text
        for (fileID, path) in paths {
            result = result.replacingOccurrences(of: fileID + ":", with: path + ":")
        }
        return result
    }
}
