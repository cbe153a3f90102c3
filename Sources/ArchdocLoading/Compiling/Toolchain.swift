import ArchdocBasics
import Crypto
import Foundation

/// The Swift compiler that builds users' architecture programs.
struct Toolchain: Sendable {
    /// The absolute path of `swiftc`.
    var compilerPath: String
    /// The first line of `swiftc --version`, such as
    /// `Swift version 6.3.1 (swift-6.3.1-RELEASE)`.
    var version: String

    /// `ARCHDOC_SWIFTC`, or `swiftc` on `PATH`; `nil` when neither is found.
    static func compilerPath(environment: [String: String]) -> String? {
        ProcessRunner.which(environment["ARCHDOC_SWIFTC"] ?? "swiftc")
    }

    /// Finds `swiftc` (`ARCHDOC_SWIFTC`, or `PATH`) and reads its version,
    /// which is cached by the compiler's path, size and modification time
    /// because asking the compiler costs tens of milliseconds.
    static func locate(cache: CacheFolder, environment: [String: String]) throws(LoadError) -> Toolchain {
        guard let path = compilerPath(environment: environment) else { throw .compilerNotFound }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolved)
        let identity = "\(resolved):\((attributes?[.size] as? NSNumber)?.intValue ?? 0):\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        let key = "swiftc-" + SHA256.hash(data: Data(identity.utf8)).hexDigits
        if let cached = cache.read(key), !cached.isEmpty {
            return Toolchain(compilerPath: path, version: cached)
        }
        guard let result = try? ProcessRunner.run(path, ["--version"]), result.status == 0 else { throw .compilerNotFound }
        let line = result.combinedOutput.split(separator: "\n").first { $0.contains("Swift version") }.map(String.init) ?? ""
        let version = line.firstRange(of: "Swift version").map { String(line[$0.lowerBound...]) } ?? line
        cache.write(key, version)
        return Toolchain(compilerPath: path, version: version)
    }
}
