import ArchdocBasics
import ArchdocComposeFiles
import ArchdocRenderers
import Foundation

/// Compares what `generate` would write with the files on disk: a generated
/// file that is missing or differs, and a file in the site folder that
/// `generate` would not write, are findings.
package struct Staleness: Sendable {
    /// The files `generate` would write, paths relative to `root` or absolute.
    package var expected: [GeneratedFile]
    /// The site folder, every file of which should be generated.
    package var siteDirectory: String
    /// The project folder that relative paths are relative to.
    package var root: String

    /// Creates a check.
    package init(expected: [GeneratedFile], siteDirectory: String, root: String = ".") {
        self.expected = expected
        self.siteDirectory = siteDirectory
        self.root = root
    }

    /// Every missing, stale and unexpected file.
    package func findings() -> [Finding] {
        var findings: [Finding] = []
        let site = URL(fileURLWithPath: absolute(siteDirectory)).standardizedFileURL
        var expected = self.expected
        // No site folder at all: generate wrote elsewhere, or never ran. One
        // finding that says so, rather than one per file.
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: site.path, isDirectory: &isFolder) || !isFolder.boolValue {
            let inSite = { (file: GeneratedFile) in URL(fileURLWithPath: absolute(file.path)).standardizedFileURL.path.hasPrefix(site.path + "/") }
            let missing = expected.filter(inSite)
            if !missing.isEmpty {
                findings.append(Finding(
                    .missingFile,
                    "\(siteDirectory)/ does not exist, so none of its \(missing.count) generated files are there; run archdoc generate, "
                        + "or, if generate wrote elsewhere, pass check the same -o (and --compose) that generate had",
                    file: siteDirectory))
                expected.removeAll(where: inSite)
            }
        }
        for file in expected {
            guard let data = FileManager.default.contents(atPath: absolute(file.path)) else {
                findings.append(Finding(.missingFile, "\(file.path) is missing; run archdoc generate", file: file.path))
                continue
            }
            let onDisk = String(decoding: data, as: UTF8.self)
            if onDisk != file.contents {
                let line = Self.firstDifferingLine(onDisk, file.contents)
                findings.append(Finding(.staleFile, "\(file.path) differs from what the model generates from line \(line) on; run archdoc generate", file: file.path, line: line))
            }
        }
        let expectedPaths = Set(self.expected.map { URL(fileURLWithPath: absolute($0.path)).standardizedFileURL.path })
        if let walker = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isRegularFileKey]) {
            var unexpected: [String] = []
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                // A write in progress, or the debris of a killed one, which the next generate removes.
                if TemporaryOutputFile.isTemporary(url.lastPathComponent) { continue }
                if !expectedPaths.contains(url.standardizedFileURL.path) {
                    let relative = String(url.standardizedFileURL.path.dropFirst(site.path.count + 1))
                    unexpected.append("\(siteDirectory)/\(relative)")
                }
            }
            for path in unexpected.sorted() {
                // PlantUML pictures are expected only when check gets the jar that generate had.
                let hint = path.hasSuffix("." + OutputLayout.plantUMLPictureExtension)
                    ? "pass check the --plantuml-jar (or ARCHDOC_PLANTUML_JAR) that generate had, or delete it"
                    : "delete it, or move hand-written pages to architecture/docs/"
                findings.append(Finding(.unexpectedFile, "\(path) is not generated from the model; \(hint)", file: path))
            }
        }
        return findings
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : "\(root)/\(path)"
    }

    /// The 1-based number of the first line that differs.
    static func firstDifferingLine(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<min(left.count, right.count) where left[index] != right[index] {
            return index + 1
        }
        return min(left.count, right.count) + 1
    }
}
