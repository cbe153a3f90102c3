import ArchdocBasics
import Foundation

/// The built `ArchitectureDescription` library that users' architecture files
/// compile against: the shared object and the folder with its `.swiftmodule`.
package struct DSLLibrary: Sendable {
    /// The folder that holds `libArchitectureDescription.so`.
    package var libraryDirectory: String
    /// The folder that holds `ArchitectureDescription.swiftmodule`.
    package var modulesDirectory: String

    static let libraryFile = "libArchitectureDescription.so"
    static let moduleFile = "ArchitectureDescription.swiftmodule"

    /// The module file.
    var modulePath: String { "\(modulesDirectory)/\(Self.moduleFile)" }
    /// The shared object.
    var libraryPath: String { "\(libraryDirectory)/\(Self.libraryFile)" }

    /// What the compiler needs to build a program against the library, as
    /// archdoc compiles the architecture (and as the editor's compile commands say).
    var compilerArguments: [String] {
        ["-swift-version", "6", "-module-name", "ArchitectureProgram",
         "-I", modulesDirectory, "-L", libraryDirectory, "-lArchitectureDescription"]
    }

    /// Finds the library: in `ARCHDOC_DSL_PATH`, next to the running executable
    /// (a SwiftPM build folder), or in `../lib/archdoc` beside it (an install).
    package static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(LoadError) -> DSLLibrary {
        var folders: [String] = []
        if let override = environment["ARCHDOC_DSL_PATH"] { folders.append(override) }
        folders += [InstallLayout.executableDirectory, InstallLayout.libraryDirectory]
        for folder in folders {
            let library = URL(fileURLWithPath: folder).standardizedFileURL.path
            for modules in [library, "\(library)/Modules"]
            where FileManager.default.fileExists(atPath: "\(library)/\(libraryFile)")
                && FileManager.default.fileExists(atPath: "\(modules)/\(moduleFile)") {
                return DSLLibrary(libraryDirectory: library, modulesDirectory: modules)
            }
        }
        throw .libraryNotBuilt(searched: folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    }

    /// The compiler version recorded in the module file, such as
    /// `Swift version 6.3.1 (swift-6.3.1-RELEASE)`.
    func compilerVersion() -> String? {
        guard let data = FileManager.default.contents(atPath: modulePath) else { return nil }
        let marker = Array("Swift version ".utf8)
        guard let start = data.firstRange(of: marker)?.lowerBound else { return nil }
        let end = data[start...].firstIndex { $0 == 0 || $0 == 10 || $0 == UInt8(ascii: ")") } ?? data.endIndex
        let closing = end < data.endIndex && data[end] == UInt8(ascii: ")") ? data.index(after: end) : end
        return String(decoding: data[start..<closing], as: UTF8.self)
    }

    /// Size and modification time of the library files, so that a rebuilt
    /// library invalidates cached models.
    func fingerprint() -> String {
        [libraryPath, modulePath].map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(path):\(size):\(modified)"
        }.joined(separator: "\n")
    }
}
