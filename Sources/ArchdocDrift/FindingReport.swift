import ArchdocComposeFiles
import Foundation

/// Formats findings for people (`text`), programs (`json`) and GitHub Actions
/// (`github` workflow commands that annotate the file and line).
package struct FindingReport: Sendable {
    /// An output format.
    package enum Format: String, Sendable, CaseIterable {
        case text, json, github
    }

    /// The findings, in the order they were found.
    package var findings: [Finding]
    /// Paths are shown relative to this folder.
    package var root: String

    /// Creates a report.
    package init(findings: [Finding], root: String = FileManager.default.currentDirectoryPath) {
        self.findings = findings
        self.root = root
    }

    /// The report in a format; `colored` adds ANSI colours to text.
    package func render(_ format: Format, colored: Bool = false) -> String {
        switch format {
        case .text: text(colored: colored)
        case .json: json()
        case .github: github()
        }
    }

    // MARK: Text

    private func text(colored: Bool) -> String {
        guard !findings.isEmpty else { return "archdoc check: no findings; the model, the generated files and compose agree\n" }
        let paint = { (code: String, text: String) in colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        let groups = Dictionary(grouping: findings) { $0.service ?? "" }
        let order = findings.reduce(into: [String]()) { names, finding in
            let key = finding.service ?? ""
            if !names.contains(key) { names.append(key) }
        }.sorted { ($0.isEmpty ? 0 : 1, $0) < ($1.isEmpty ? 0 : 1, $1) }
        for key in order {
            out += paint("1", key.isEmpty ? "model and generated files" : "service \(key)") + "\n"
            for finding in groups[key] ?? [] {
                let place = finding.file.map { relative($0) + (finding.line.map { ":\($0)" } ?? "") + ": " } ?? ""
                let model = finding.modelLocation.map { " (model: \(relative($0.file)):\($0.line))" } ?? ""
                out += "  \(place)\(paint("31", "[\(finding.kind.rawValue)]")) \(finding.message)\(paint("2", model))\n"
            }
        }
        out += "\(findings.count) finding\(findings.count == 1 ? "" : "s")\n"
        return out
    }

    // MARK: JSON

    /// The JSON schema, version 1 (documented in the README).
    struct Document: Encodable {
        struct Item: Encodable {
            struct Place: Encodable { var file: String; var line: Int? }
            var kind: String
            var service: String?
            var message: String
            var location: Place?
            var model: Place?
        }
        var schemaVersion = 1
        var count: Int
        var findings: [Item]
    }

    private func json() -> String {
        let items = findings.map { finding in
            Document.Item(
                kind: finding.kind.rawValue, service: finding.service, message: finding.message,
                location: finding.file.map { Document.Item.Place(file: relative($0), line: finding.line) },
                model: finding.modelLocation.map { Document.Item.Place(file: relative($0.file), line: $0.line) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(count: items.count, findings: items))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: GitHub

    private func github() -> String {
        findings.map { finding in
            var properties = ["title=archdoc check [\(finding.kind.rawValue)]"]
            if let file = finding.file { properties.insert("file=\(relative(file))", at: 0) }
            if let line = finding.line, finding.file != nil { properties.insert("line=\(line)", at: 1) }
            var message = finding.message
            if let model = finding.modelLocation { message += " (model: \(relative(model.file)):\(model.line))" }
            return "::error \(properties.map(Self.escapeProperty).joined(separator: ","))::\(Self.escapeData(message))\n"
        }.joined()
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ property: String) -> String {
        guard let equals = property.firstIndex(of: "=") else { return property }
        let value = escapeData(String(property[property.index(after: equals)...]))
            .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        return property[...equals] + value
    }

    private func relative(_ path: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
