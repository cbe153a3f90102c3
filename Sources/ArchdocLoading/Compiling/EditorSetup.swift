import ArchdocBasics
import Foundation

/// What SourceKit-LSP needs to understand the architecture's Swift files, so
/// that VS Code, Neovim and every other LSP editor complete the DSL, show
/// errors inline and jump to its definitions.
///
/// The smallest setup that works: a `compile_commands.json` in the
/// architecture folder with the very command archdoc compiles with, and a
/// `.sourcekit-lsp/config.json` in the workspace that adds the folder to the
/// places SourceKit-LSP looks for one. The compile commands must hold absolute
/// paths (the DSL library's among them), so `generate`, `watch`, `serve` and
/// `init` write them again whenever they change: after the repository moves,
/// the next run puts them right. The config holds only the relative folder.
package struct EditorSetup: Sendable {
    /// The architecture folder, as given (relative to `workspace` or absolute).
    package var architectureDirectory: String
    /// The editor's workspace root: the current directory.
    package var workspace: String
    /// The environment, for the DSL library and the compiler.
    package var environment: [String: String]

    /// The compile commands' file name, in the architecture folder.
    package static let compileCommandsFile = "compile_commands.json"
    /// SourceKit-LSP's workspace configuration, in the workspace root.
    package static let configFile = ".sourcekit-lsp/config.json"

    package init(architectureDirectory: String, workspace: String = FileManager.default.currentDirectoryPath,
                 environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.architectureDirectory = architectureDirectory
        self.workspace = workspace
        self.environment = environment
    }

    /// Both files, at absolute paths, as they should be now (writers leave an
    /// unchanged one alone). None for a missing folder: that is the loader's
    /// error to report, and the setup does not create the folder. The config
    /// only for a folder inside the workspace, which it names relatively, and
    /// not when the config there is not JSON (it is then left alone).
    package func files() throws(LoadError) -> [GeneratedFile] {
        let folder = absolute(architectureDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        var files = [GeneratedFile(path: "\(folder)/\(Self.compileCommandsFile)", contents: try compileCommands(folder: folder))]
        let configPath = "\(URL(fileURLWithPath: workspace).standardizedFileURL.path)/\(Self.configFile)"
        if let searchPath = relative(folder),
           let config = config(existing: FileManager.default.contents(atPath: configPath), searchPath: searchPath) {
            files.append(GeneratedFile(path: configPath, contents: config))
        }
        return files
    }

    /// One entry per Swift file of the folder, each with the whole compile command.
    func compileCommands(folder: String) throws(LoadError) -> String {
        let library = try DSLLibrary.locate(environment: environment)
        let compiler = Toolchain.compilerPath(environment: environment) ?? "swiftc"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        let files = names.map { "\(folder)/\($0)" }
        let arguments = [compiler] + library.compilerArguments + files
        let entries: [[String: Any]] = files.map { ["directory": folder, "file": $0, "arguments": arguments] }
        return Self.json(entries)
    }

    /// The workspace config with `searchPath` among the compilation database
    /// search paths, keeping whatever else it holds; `nil` when it cannot be
    /// read as JSON (it is then left alone).
    func config(existing: Data?, searchPath: String) -> String? {
        var object: [String: Any] = [:]
        if let existing {
            guard let parsed = (try? JSONSerialization.jsonObject(with: existing)) as? [String: Any] else { return nil }
            object = parsed
        }
        var database = object["compilationDatabase"] as? [String: Any] ?? [:]
        var paths = database["searchPaths"] as? [String] ?? []
        if !paths.contains(searchPath) { paths.append(searchPath) }
        database["searchPaths"] = paths
        object["compilationDatabase"] = database
        return Self.json(object)
    }

    private static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workspace, isDirectory: true)).standardizedFileURL.path
    }

    /// `folder` relative to the workspace; `nil` when it lies outside it.
    private func relative(_ folder: String) -> String? {
        let root = URL(fileURLWithPath: workspace).standardizedFileURL.path
        if folder == root { return "." }
        return folder.hasPrefix(root + "/") ? String(folder.dropFirst(root.count + 1)) : nil
    }
}
