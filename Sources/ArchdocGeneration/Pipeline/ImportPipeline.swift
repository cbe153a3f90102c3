import ArchdocBasics
import ArchdocComposeFiles
import ArchdocImport
import ArchdocModel
import Foundation

/// One run of `import`: read a compose file and write a starting
/// architecture in Swift. Reports instead of printing, like ``BuildPipeline``.
package struct ImportPipeline: Sendable {
    /// What a run produced.
    package enum Outcome: Sendable {
        /// The Swift file was written.
        case imported(ImportReport)
        /// Nothing was written: the compose file cannot be read, or the Swift file cannot be written.
        case failed(message: String, exitCode: ArchdocExitCode)
    }

    /// The compose file to read.
    package var composeFile: String
    /// The Swift file to write.
    package var output: String
    /// Whether to replace `output` when it exists.
    package var force: Bool
    /// The architecture's name; `nil` for the compose file's `name:` or its folder's name.
    package var name: String?

    /// Creates an import.
    package init(composeFile: String, output: String = "architecture/main.swift", force: Bool = false, name: String? = nil) {
        self.composeFile = composeFile
        self.output = output
        self.force = force
        self.name = name
    }

    /// Reads the compose file and writes the Swift file.
    package func run() -> Outcome {
        let document: ComposeDocument
        do {
            document = try ComposeProject().load(composeFile)
        } catch {
            return .failed(message: error.description, exitCode: .dataError)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) {
            if isFolder.boolValue {
                return .failed(message: "error: \(output) is a folder; name the Swift file to write, such as \(output)/main.swift", exitCode: .cannotCreate)
            }
            if !force {
                return .failed(message: "error: \(output) already exists; pass --force to replace it, or choose another file with -o", exitCode: .cannotCreate)
            }
        }
        let plan = ArchitectureImporter(name: name).plan(for: document)
        let source = SwiftSourceWriter().source(for: plan)
        do {
            _ = try OutputWriter(root: ".").write([GeneratedFile(path: output, contents: source)])
        } catch {
            return .failed(message: error.description, exitCode: .cannotCreate)
        }
        return .imported(ImportReport(containers: plan.containers.count, profiles: plan.profiles.count, notes: plan.notes.map(\.description)))
    }
}

/// What `import` wrote.
package struct ImportReport: Sendable {
    /// How many containers (one per compose service) the architecture declares.
    package var containers: Int
    /// How many profiles it declares.
    package var profiles: Int
    /// What the DSL could not say exactly, as `file:line: warning: …` lines.
    package var notes: [String]
}
