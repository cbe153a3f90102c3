import Foundation
import Testing

/// The DSL is the API users write against: every public declaration has a
/// doc comment, which DocC (`make docs`) and SourceKit-LSP's hover show.
@Suite struct DocumentationTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/ArchitectureDescription")

    /// `line: declaration` for each `public` declaration of `text` with no `///`
    /// comment right above it (its attributes, such as `@discardableResult`, in between).
    static func undocumented(in text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var found: [String] = []
        for (index, line) in lines.enumerated() {
            var code = line.trimmingCharacters(in: .whitespaces)
            while code.hasPrefix("@"), let space = code.firstIndex(of: " ") { code = String(code[space...]).trimmingCharacters(in: .whitespaces) }
            guard code.hasPrefix("public ") else { continue }
            var above = index - 1
            // Attribute lines belong to the declaration; a line that declares something itself does not.
            while above >= 0, case let text = lines[above].trimmingCharacters(in: .whitespaces), text.hasPrefix("@"), !text.contains("public ") { above -= 1 }
            if above < 0 || !lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                found.append("\(index + 1): \(code)")
            }
        }
        return found
    }

    /// The same for every file of the DSL, as `file:line: declaration`.
    static func undocumented() throws -> [String] {
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 20, "the DSL's sources are found")
        return try files.sorted().flatMap { file in
            undocumented(in: try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)).map { "\(file):\($0)" }
        }
    }

    @Test func everyPublicDeclarationHasADocComment() throws {
        let missing = try Self.undocumented()
        #expect(missing.isEmpty, "undocumented public declarations:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theScanFindsWhatIsMissingAndOnlyThat() {
        let text = """
            /// Documented.
            public struct A {
                /// Documented, attributes between.
                @discardableResult
                @inlinable public func b() -> Int { 1 }
                public var c: Int
                // A plain comment is not documentation.
                public static let d = 1
                var internalOne = 0
            }
            """
        #expect(Self.undocumented(in: text) == ["6: public var c: Int", "8: public static let d = 1"])
    }
}
