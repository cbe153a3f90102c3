import ArchdocBasics
import ArchitectureDescription
import Foundation

/// The model as the loader caches it: the architecture program's document,
/// in ``BinaryEncoder``'s form, cut into parts that decode on every core.
///
/// Decoding is most of a cached load, and one document decodes on one
/// thread. So the cache holds the document without its long lists — software
/// systems, relationships and deployment nodes — and each list in a few
/// chunks of its own:
///
/// ```
/// archdoc-model-cache 3
/// files 58
/// document 1824
/// systems 101770
/// relationships 80310
/// nodes 90120
/// …
///
/// (the parts' bytes, in order)
/// ```
///
/// A header line names each part and its length in bytes; the parts follow
/// the empty line, in order. The first part lists the architecture's files,
/// and every ``SourceLocation`` in the others refers to its file by index
/// (see ``SourceFileTable``). ``decode(_:)`` reads the program's own plain
/// JSON document too.
enum CachedModelFile {
    /// The format's name and version, also part of the cache key: a cache
    /// written in another format is never read.
    static let format = "archdoc-model-cache 3"
    /// How many chunks a long list is cut into: enough to keep a few cores busy.
    private static let chunksPerList = 4

    /// One part of the file.
    private enum Part: String, Sendable {
        case files, document, systems, relationships, nodes
    }

    /// A part, decoded.
    private enum Decoded: Sendable {
        case document(ArchitectureDocument)
        case systems([SoftwareSystem])
        case relationships([Relationship])
        case nodes([DeploymentNode])
    }

    /// The file for a document whose locations are in `sourceFiles`. A
    /// document without exactly one architecture (which the loader reports
    /// as an error anyway) is kept whole.
    static func encode(_ document: ArchitectureDocument, sourceFiles: [String]) throws -> Data {
        var encoder = BinaryEncoder()
        encoder.userInfo[.sourceFileTable] = SourceFileTable(sourceFiles)
        let files = try encoder.encode(sourceFiles)
        guard document.architectures.count == 1 else {
            return try file([(.files, files), (.document, encoder.encode(document))])
        }
        var skeleton = document
        let architecture = document.architectures[0]
        skeleton.architectures[0].softwareSystems = []
        skeleton.architectures[0].relationships = []
        skeleton.architectures[0].deployment?.nodes = []
        var parts: [(Part, Data)] = [(.files, files), (.document, try encoder.encode(skeleton))]
        for chunk in chunks(of: architecture.softwareSystems) { parts.append((.systems, try encoder.encode(chunk))) }
        for chunk in chunks(of: architecture.relationships) { parts.append((.relationships, try encoder.encode(chunk))) }
        for chunk in chunks(of: architecture.deployment?.nodes ?? []) { parts.append((.nodes, try encoder.encode(chunk))) }
        return file(parts)
    }

    /// The document in a cached file (or a plain JSON document), its parts
    /// decoded concurrently.
    static func decode(_ data: Data) throws -> ArchitectureDocument {
        guard let parts = parts(of: data) else {
            return try JSONDecoder().decode(ArchitectureDocument.self, from: data)
        }
        let table = SourceFileTable(try BinaryDecoder().decode([String].self, from: parts[0].1))
        let decoded = try Array(parts.dropFirst()).concurrentMap { part, bytes throws -> Decoded in
            var decoder = BinaryDecoder()
            decoder.userInfo[.sourceFileTable] = table
            switch part {
            case .files: throw CocoaError(.coderReadCorrupt)
            case .document: return .document(try decoder.decode(ArchitectureDocument.self, from: bytes))
            case .systems: return .systems(try decoder.decode([SoftwareSystem].self, from: bytes))
            case .relationships: return .relationships(try decoder.decode([Relationship].self, from: bytes))
            case .nodes: return .nodes(try decoder.decode([DeploymentNode].self, from: bytes))
            }
        }
        guard case .document(var document) = decoded.first else { throw CocoaError(.coderReadCorrupt) }
        // Chunks are in order, so appending puts every list back as it was.
        for part in decoded.dropFirst() {
            guard document.architectures.count == 1 else { throw CocoaError(.coderReadCorrupt) }
            switch part {
            case .document: throw CocoaError(.coderReadCorrupt)
            case .systems(let systems): document.architectures[0].softwareSystems += systems
            case .relationships(let relationships): document.architectures[0].relationships += relationships
            case .nodes(let nodes):
                guard document.architectures[0].deployment != nil else { throw CocoaError(.coderReadCorrupt) }
                document.architectures[0].deployment?.nodes += nodes
            }
        }
        return document
    }

    /// Up to ``chunksPerList`` slices of about the same length, in order; none for an empty list.
    private static func chunks<Element>(of list: [Element]) -> [[Element]] {
        guard !list.isEmpty else { return [] }
        let size = (list.count + chunksPerList - 1) / chunksPerList
        return stride(from: 0, to: list.count, by: size).map { Array(list[$0..<min($0 + size, list.count)]) }
    }

    private static func file(_ parts: [(Part, Data)]) -> Data {
        var header = format + "\n"
        for (part, bytes) in parts { header += "\(part.rawValue) \(bytes.count)\n" }
        var data = Data((header + "\n").utf8)
        for (_, bytes) in parts { data.append(bytes) }
        return data
    }

    /// The named parts of a cached file; `nil` when `data` is not one.
    private static func parts(of data: Data) -> [(Part, Data)]? {
        guard data.starts(with: Data((format + "\n").utf8)),
              let end = data.firstRange(of: Data("\n\n".utf8)) else { return nil }
        let lines = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self).split(separator: "\n").dropFirst()
        var offset = end.upperBound
        var parts: [(Part, Data)] = []
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let part = Part(rawValue: String(fields[0])), let length = Int(fields[1]),
                  length >= 0, length <= data.endIndex - offset else { return nil }
            parts.append((part, data[offset..<offset + length]))
            offset += length
        }
        guard offset == data.endIndex, parts.count >= 2, parts[0].0 == .files, parts[1].0 == .document else { return nil }
        return parts
    }
}
