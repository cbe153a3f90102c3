@testable import ArchdocLoading
import Foundation
import SwiftParser
import SwiftSyntax
import Testing

/// The notes archdoc adds under the compiler's errors, and the early-use check of main.swift.
@Suite struct CompilerHintsTests {
    @Test func aNoteFollowsARecognisedErrorAtItsPlace() {
        let output = """
            /p/architecture/main.swift:6:9: error: instance method 'uses(_:_:technology:tags:file:line:column:)' requires that 'String' conform to 'Element'
              |         `- error: instance method 'uses(_:_:technology:tags:file:line:column:)' requires that 'String' conform to 'Element'
            /p/architecture/main.swift:9:2: error: cannot find 'x' in scope
            """
        let notes = CompilerHints.notes(for: output)
        #expect(notes.count == 1)
        #expect(notes.first?.hasPrefix("/p/architecture/main.swift:6:9: note: [dsl] a relationship goes to an element") == true)
        // The snippet line repeats the error without a place: no second note.
        #expect(CompilerHints.annotated(output).hasPrefix(output))
        #expect(CompilerHints.annotated("main.swift:1:1: error: something else") == "main.swift:1:1: error: something else")
    }

    @Test func anArgumentOrderNoteNamesTheCallAtTheErrorsPlace() {
        let source = """
            let api = Container(
                "api", "API",
                description: "Serves", technology: "Swift")
            """
        #expect(CompilerHints.callName(in: source, line: 3, column: 28) == "Container")
        let error = CompilerHints.CompilerError(file: "m.swift", line: 3, column: 28, message: "argument 'technology' must precede argument 'description'")
        let hint = CompilerHints.hint(for: error, source: source)
        #expect(hint?.contains("`Container` go in this order: id, name, kind:, technology:, description:, icon:, tags:") == true)
        // `api.uses(…)` is named by its member.
        #expect(CompilerHints.callName(in: #"api.uses(db, technology: "SQL", "Reads")"#, line: 1, column: 33) == "uses")
    }

    /// The parameters of each public initializer or method of the DSL, by name
    /// (`Container`, `uses`, `command`), as `_ id` / `label:` lists.
    static func dslSignatures() throws -> [String: [[String]]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/ArchitectureDescription")
        var signatures: [String: [[String]]] = [:]
        for case let file as String in FileManager.default.enumerator(atPath: folder.path)! where file.hasSuffix(".swift") {
            let tree = Parser.parse(source: try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
            final class Collector: SyntaxVisitor {
                var found: [(String, [String])] = []
                func labels(_ parameters: FunctionParameterListSyntax) -> [String] {
                    parameters.map { $0.firstName.text == "_" ? "_ \($0.secondName?.text ?? "")" : "\($0.firstName.text):" }
                }
                override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
                    var parent = node.parent
                    while let current = parent {
                        if let type = current.as(StructDeclSyntax.self)?.name.text ?? current.as(ExtensionDeclSyntax.self)?.extendedType.trimmedDescription {
                            found.append((type, labels(node.signature.parameterClause.parameters)))
                            break
                        }
                        parent = current.parent
                    }
                    return .skipChildren
                }
                override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
                    found.append((node.name.text, labels(node.signature.parameterClause.parameters)))
                    return .skipChildren
                }
            }
            let collector = Collector(viewMode: .sourceAccurate)
            collector.walk(tree)
            for (name, labels) in collector.found { signatures[name, default: []].append(labels) }
        }
        return signatures
    }

    @Test func theArgumentOrdersAreTheDSLsOwn() throws {
        let signatures = try Self.dslSignatures()
        for (call, arguments) in CompilerHints.argumentOrders {
            let name = String(call.split(separator: ".").last!)
            let candidates = signatures[name] ?? []
            // Some declaration lists exactly these arguments first, in this order (then file:, line:, column:).
            let matches = candidates.contains { Array($0.prefix(arguments.count)) == arguments }
            #expect(matches, "\(call): \(arguments) is not the order of any of \(candidates)")
        }
    }

    @Test func aConstantUsedAboveItsDeclarationIsReported() {
        let source = """
            import ArchitectureDescription
            let api = Container("api", "API")
            func later() -> Container { cache }
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop") { api; cache }
                Deployment { Service(api, image: "a", dependsOn: [.healthy(cache)]) }
                [1].map { cache in cache }
            }
            let cache = Container("cache", "Cache")
            let after = cache
            """
        let uses = DeclarationOrder.earlyUses(in: source)
        #expect(uses == [
            .init(name: "cache", line: 5, column: 43, declarationLine: 9),
            .init(name: "cache", line: 6, column: 64, declarationLine: 9),
        ])
        #expect(uses.first?.diagnostic(file: "a/main.swift").hasPrefix("a/main.swift:5:43: error: [use-before-declaration] 'cache'") == true)
        #expect(DeclarationOrder.earlyUses(in: "let a = 1\nlet b = a\nprint(b)").isEmpty)
    }
}
