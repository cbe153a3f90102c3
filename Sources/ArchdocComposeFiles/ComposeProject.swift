import ArchitectureDescription
import Foundation

/// Reads a compose file with what it pulls in, by compose's rules: the files
/// of its top-level `include` (relative to the including file; their services
/// join the project, and a service defined twice is an error), and each
/// service's `extends`, from the same file or another (the base's settings
/// with the extending service's laid over them by the merge rules; the base's
/// relative paths rebased onto the extending file's folder).
package struct ComposeProject: Sendable {
    /// The parser every file is read with.
    package var parser: ComposeParser

    /// How deep `include` and `extends` may nest: far more than any real
    /// project, and a stop for a file that includes itself by another name.
    package static let maximumDepth = 16

    /// Creates a reader.
    package init(parser: ComposeParser = ComposeParser()) {
        self.parser = parser
    }

    /// The file with its includes and every service's `extends` resolved.
    package func load(_ path: String) throws(ComposeError) -> ComposeDocument {
        var cache = Cache()
        return try load(path, chain: [], cache: &cache)
    }

    /// The files read so far, by standardized path: each parsed once, and each
    /// included file resolved once.
    private struct Cache {
        var parsed: [String: ComposeDocument] = [:]
        var resolved: [String: ComposeDocument] = [:]
    }

    /// The file as written, parsed the first time it is asked for.
    private func parsed(_ path: String, cache: inout Cache) throws(ComposeError) -> ComposeDocument {
        let key = Self.standardized(path)
        if let document = cache.parsed[key] { return document }
        let document = try parser.parse(contentsOf: path)
        cache.parsed[key] = document
        return document
    }

    /// `name` (as a compose file writes it) beside the file at `path`; paths
    /// keep the form they were given in, so that messages name files as the user did.
    static func sibling(of path: String, named name: String) -> String {
        if name.hasPrefix("/") { return name }
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : "\(folder)/\(name)"
    }

    private func load(_ path: String, chain: [String], cache: inout Cache) throws(ComposeError) -> ComposeDocument {
        let key = Self.standardized(path)
        if let done = cache.resolved[key] { return done }
        var document = try parsed(path, cache: &cache)
        for include in document.includes {
            let included = Self.sibling(of: path, named: include.value)
            if chain.contains(Self.standardized(included)) || Self.standardized(included) == key || chain.count >= Self.maximumDepth {
                throw ComposeError(path: path, line: include.line, column: include.column, "include '\(include.value)' includes this file again; remove the cycle")
            }
            guard FileManager.default.fileExists(atPath: included) else {
                throw ComposeError(path: path, line: include.line, column: include.column, "include '\(include.value)' names a file that does not exist (\(included))")
            }
            let other = try load(included, chain: chain + [key], cache: &cache)
            for service in other.services {
                if let mine = document.service(service.name.value) {
                    throw ComposeError(path: path, line: mine.name.line, column: mine.name.column,
                                       "service '\(service.name.value)' is defined here and in the included \(include.value); compose refuses a service defined twice, keep one")
                }
                document.services.append(service)
            }
            for (key, value) in other.volumes where document.volumes[key] == nil { document.volumes[key] = value }
            for (key, value) in other.networks where document.networks[key] == nil { document.networks[key] = value }
            for (key, value) in other.secrets where document.secrets[key] == nil { document.secrets[key] = value }
            for (key, value) in other.configs where document.configs[key] == nil { document.configs[key] = value }
        }
        var resolved: [ComposeService] = []
        for service in document.services {
            resolved.append(try resolveExtends(service, in: document, file: path, seen: [], cache: &cache))
        }
        document.services = resolved
        cache.resolved[key] = document
        return document
    }

    /// The service with its `extends` chain laid under it.
    private func resolveExtends(
        _ service: ComposeService, in document: ComposeDocument, file: String, seen: [String], cache: inout Cache
    ) throws(ComposeError) -> ComposeService {
        guard let extends = service.extends else { return service }
        let key = "\(Self.standardized(extends.value.file.map { Self.sibling(of: file, named: $0) } ?? file))#\(extends.value.service)"
        if seen.contains(key) || seen.count >= Self.maximumDepth {
            throw ComposeError(path: file, line: extends.line, column: extends.column, "service '\(service.name.value)' extends '\(extends.value.service)', which extends it again; remove the cycle")
        }
        var base: ComposeService
        if let other = extends.value.file {
            let path = Self.sibling(of: file, named: other)
            guard FileManager.default.fileExists(atPath: path) else {
                throw ComposeError(path: file, line: extends.line, column: extends.column, "extends names the file '\(other)', which does not exist (\(path))")
            }
            let otherDocument = try parsed(path, cache: &cache)
            guard let found = otherDocument.service(extends.value.service) else {
                throw ComposeError(path: file, line: extends.line, column: extends.column,
                                   "extends names the service '\(extends.value.service)', which is not in \(other); it has \(otherDocument.services.map(\.name.value).joined(separator: ", "))")
            }
            base = try resolveExtends(found, in: otherDocument, file: path, seen: seen + [key], cache: &cache)
            base = Self.rebased(base, from: Self.folder(of: path), to: Self.folder(of: file))
        } else {
            guard let found = document.service(extends.value.service), found.name.value != service.name.value else {
                throw ComposeError(path: file, line: extends.line, column: extends.column,
                                   "extends names the service '\(extends.value.service)', which is not in this file; add it, or name its file with `file:`")
            }
            base = try resolveExtends(found, in: document, file: file, seen: seen + [key], cache: &cache)
        }
        var merged = base.merged(with: service)
        merged.name = service.name
        merged.extends = nil
        // The extending service decides which profiles it runs in, not its base.
        merged.profiles = service.profiles
        return merged
    }

    /// A base service from another folder, with its relative build context
    /// and bind mount sources made relative to the extending file's folder.
    static func rebased(_ service: ComposeService, from base: String, to target: String) -> ComposeService {
        guard base != target else { return service }
        func rebase(_ path: String) -> String {
            if path.hasPrefix("/") || path.hasPrefix("~") || path.hasPrefix("$") { return path }
            return relative(standardized("\(base)/\(path)"), to: target)
        }
        var result = service
        if var build = result.build { build.value.context = rebase(build.value.context); result.build = build }
        result.volumes = result.volumes.map { mount in
            var mount = mount
            if !mount.value.isNamedVolume, let source = mount.value.source { mount.value.source = rebase(source) }
            return mount
        }
        return result
    }

    /// The standardized folder a file is in (the working folder for a bare name).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return standardized(folder.isEmpty ? "." : folder)
    }

    /// `path` relative to `folder` (both absolute), with `..` where needed.
    static func relative(_ path: String, to folder: String) -> String {
        let from = folder.split(separator: "/"), to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : (parts.first == ".." ? "" : "./") + parts.joined(separator: "/")
    }

    /// An absolute path without `.` and `..` (check compares host paths in this form too).
    package static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
