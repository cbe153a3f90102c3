import SwiftParser
import SwiftSyntax

/// Rewrites an architecture file so that swiftc type-checks its long
/// result-builder blocks in linear time, without moving a statement.
///
/// swiftc 6.3 solves a result-builder closure as one constraint system, and
/// its cost grows with the square of the closure's statements: a 1,000-container
/// `Architecture { … }` took 326 s, where the same statements in function bodies
/// take a few seconds. Reshaping the statements does not help (2,000 copies of
/// `_ = x` in one closure cost as much as 2,000 calls); only smaller bodies do.
///
/// So a block longer than ``chunkSize`` statements becomes, on the same lines:
///
/// ```swift
/// Architecture("Acme") { @ArchitectureBuilder func __archdoc_1_0() -> [ArchitectureComponent] { user
///     …32 statements… }; @ArchitectureBuilder func __archdoc_1_1() -> [ArchitectureComponent] { …
///     … }; return ArchitectureBuilder.buildBlock(__archdoc_1_0(), __archdoc_1_1()) }
/// ```
///
/// Each local function is type-checked on its own, and the closure, which now
/// returns explicitly, is no longer transformed by the builder. Every statement
/// keeps its line and column, so `#line`, `#column` and the compiler's
/// diagnostics still point where the user wrote; a `#sourceLocation` at the top
/// keeps `#filePath` the user's file (``withSourceLocation(_:path:)``). Small blocks, and blocks that hold anything
/// but statements of the DSL's own builders, are left as they are.
///
/// The body of a computed variable or function marked with one of the DSL's
/// builders (`@ArchitectureBuilder var payments: [ArchitectureComponent] { … }`,
/// the way a split architecture shares its parts) is chunked the same way; its
/// attribute is blanked out in the copy, so that the body, which now returns
/// explicitly, is an ordinary one.
package enum BuilderChunking {
    /// The statements of one local function. Within a chunk the cost is still
    /// quadratic, so it is kept small; 32 measured best (16 and 64 within 10%).
    package static let chunkSize = 32

    /// The DSL's calls that take a trailing result-builder closure: the type
    /// called, its builder, and what the builder collects.
    package static let builders: [String: (builder: String, element: String)] = [
        "Architecture": ("ArchitectureBuilder", "ArchitectureComponent"),
        "SoftwareSystem": ("ContainerListBuilder", "Container"),
        "Deployment": ("DeploymentBuilder", "DeploymentComponent"),
        "Node": ("NodeContentBuilder", "DeploymentComponent"),
        "DeploymentNode": ("NodeContentBuilder", "DeploymentComponent"),
        "Pipeline": ("StageBuilder", "Stage"),
        "Promotion": ("PromotionBuilder", "PromotionStep"),
        "Operations": ("OperationsBuilder", "OperationsComponent"),
        "Configuration": ("VariableBuilder", "Variable"),
    ]

    /// The file as swiftc should compile it, or `nil` when no block is long
    /// enough to need chunking (the file is then compiled as it is).
    ///
    /// - Parameter path: The user's file, which `#filePath` and diagnostics keep naming.
    package static func rewrite(_ source: String, path: String) -> String? {
        rewrite(Parser.parse(source: source), path: path)
    }

    /// The same, for a file already parsed (the loader parses each file once).
    package static func rewrite(_ tree: SourceFileSyntax, path: String) -> String? {
        let finder = LongBlockFinder(viewMode: .sourceAccurate)
        finder.walk(tree)
        guard !finder.blocks.isEmpty else { return nil }

        var bytes = tree.syntaxTextBytes
        // Blanked with as many spaces, so that no offset moves.
        for range in finder.blocks.compactMap(\.attribute) {
            bytes.replaceSubrange(range, with: repeatElement(UInt8(ascii: " "), count: range.count))
        }
        var insertions: [(offset: Int, text: String)] = []
        for (number, block) in finder.blocks.enumerated() {
            let module = "ArchitectureDescription"
            let function = "@\(module).\(block.builder) func __archdoc_\(number)_"
            let result = "-> [\(module).\(block.element)] {"
            let chunks = stride(from: 0, to: block.statements.count, by: chunkSize).map {
                Array(block.statements[$0..<min($0 + chunkSize, block.statements.count)])
            }
            let names = chunks.indices.map { "__archdoc_\(number)_\($0)" }
            for index in chunks.indices {
                let open = "\(function)\(index)() \(result) "
                // The opening goes where the previous chunk ends (or after the
                // closure's `{`): the statement itself does not move.
                let at = index == 0 ? block.openBrace : chunks[index - 1].last!.endPositionBeforeTrailingTrivia.utf8Offset
                insertions.append((at, index == 0 ? " " + open : " }; " + open))
            }
            let end = block.statements.last!.endPositionBeforeTrailingTrivia.utf8Offset
            let calls = names.map { "\($0)()" }.joined(separator: ", ")
            insertions.append((end, " }; return \(module).\(block.builder).buildBlock(\(calls))"))
        }
        // From the end, so that earlier offsets stay valid; at one offset, in
        // the order they were made (a chunk's end before the closure's return).
        for insertion in insertions.enumerated().sorted(by: { ($0.element.offset, $0.offset) > ($1.element.offset, $1.offset) }) {
            bytes.insert(contentsOf: Array(insertion.element.text.utf8), at: insertion.element.offset)
        }
        return withSourceLocation(String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// The copy, headed by the `#sourceLocation` that names the user's file.
    ///
    /// The directive takes a line of its own, and swiftc's source excerpts
    /// number the copy's lines as they are, not as the directive says: a
    /// diagnostic at `main.swift:108` would show its excerpt as line 109. So
    /// when the first line is blank, a `//` comment or an import (as nearly
    /// every architecture file starts), the directive takes that line's place,
    /// and an import moves to the end of the file, under a directive of its own.
    static func withSourceLocation(_ text: String, path: String) -> String {
        let file = stringLiteral(path)
        guard let newline = text.firstIndex(of: "\n") else { return "#sourceLocation(file: \(file), line: 1)\n" + text }
        let first = text[..<newline]
        let trimmed = first.trimmingCharacters(in: .whitespaces)
        let isImport = trimmed.hasPrefix("import ") && !trimmed.contains(";") && !trimmed.contains("/*")
        guard trimmed.isEmpty || trimmed.hasPrefix("//") || isImport else { return "#sourceLocation(file: \(file), line: 1)\n" + text }
        var out = "#sourceLocation(file: \(file), line: 2)\n" + text[text.index(after: newline)...]
        if isImport {
            if !out.hasSuffix("\n") { out += "\n" }
            out += "#sourceLocation(file: \(file), line: 1)\n\(first)\n#sourceLocation()\n"
        }
        return out
    }

    /// A Swift string literal of a path (quotes and backslashes escaped).
    private static func stringLiteral(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A trailing closure of a DSL call, or a builder-marked body, with more
    /// than ``chunkSize`` statements.
    struct Block {
        var builder: String
        var element: String
        /// Just after the closure's (or body's) `{`.
        var openBrace: Int
        var statements: [CodeBlockItemSyntax]
        /// The bytes of a body's builder attribute, blanked in the copy.
        var attribute: Range<Int>? = nil
    }

    /// What each of the DSL's builders collects, by the builder's name.
    static let elements: [String: String] = Dictionary(builders.values.map { ($0.builder, $0.element) }) { first, _ in first }

    /// Finds the long blocks, nested ones included.
    final class LongBlockFinder: SyntaxVisitor {
        var blocks: [Block] = []

        override func visit(_ call: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
            guard let closure = call.trailingClosure, call.additionalTrailingClosures.isEmpty,
                  closure.signature == nil,
                  let name = Self.calledTypeName(call.calledExpression),
                  let builder = BuilderChunking.builders[name],
                  closure.statements.count > BuilderChunking.chunkSize,
                  closure.statements.allSatisfy(Self.isBuilderStatement)
            else { return .visitChildren }
            blocks.append(Block(
                builder: builder.builder, element: builder.element,
                openBrace: closure.leftBrace.endPositionBeforeTrailingTrivia.utf8Offset,
                statements: Array(closure.statements)))
            return .visitChildren
        }

        override func visit(_ variable: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
            guard variable.bindings.count == 1, let binding = variable.bindings.first, binding.initializer == nil,
                  case .getter(let statements)? = binding.accessorBlock?.accessors,
                  let brace = binding.accessorBlock?.leftBrace
            else { return .visitChildren }
            addBody(statements, openBrace: brace, attributes: variable.attributes)
            return .visitChildren
        }

        override func visit(_ function: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
            guard let body = function.body else { return .visitChildren }
            addBody(body.statements, openBrace: body.leftBrace, attributes: function.attributes)
            return .visitChildren
        }

        /// A body marked `@SomeBuilder` (one of the DSL's), long enough to chunk.
        private func addBody(_ statements: CodeBlockItemListSyntax, openBrace: TokenSyntax, attributes: AttributeListSyntax) {
            for case .attribute(let attribute) in attributes {
                guard attribute.arguments == nil,
                      let name = Self.builderName(attribute.attributeName), let element = BuilderChunking.elements[name],
                      statements.count > BuilderChunking.chunkSize, statements.allSatisfy(Self.isBuilderStatement)
                else { continue }
                let start = attribute.positionAfterSkippingLeadingTrivia.utf8Offset
                blocks.append(Block(
                    builder: name, element: element, openBrace: openBrace.endPositionBeforeTrailingTrivia.utf8Offset,
                    statements: Array(statements), attribute: start..<attribute.endPositionBeforeTrailingTrivia.utf8Offset))
                return
            }
        }

        /// `ArchitectureBuilder` in `@ArchitectureBuilder` and `@ArchitectureDescription.ArchitectureBuilder`.
        static func builderName(_ type: TypeSyntax) -> String? {
            if let identifier = type.as(IdentifierTypeSyntax.self), identifier.genericArgumentClause == nil { return identifier.name.text }
            if let member = type.as(MemberTypeSyntax.self), member.baseType.as(IdentifierTypeSyntax.self)?.name.text == "ArchitectureDescription" {
                return member.name.text
            }
            return nil
        }

        /// `Architecture` in `Architecture(…)` and `ArchitectureDescription.Architecture(…)`.
        static func calledTypeName(_ expression: ExprSyntax) -> String? {
            if let reference = expression.as(DeclReferenceExprSyntax.self) { return reference.baseName.text }
            if let member = expression.as(MemberAccessExprSyntax.self),
               member.base?.as(DeclReferenceExprSyntax.self)?.baseName.text == "ArchitectureDescription" {
                return member.declName.baseName.text
            }
            return nil
        }

        /// What a builder body may hold: expressions and `if`, `for` and
        /// `switch`; a declaration or a `return` means the closure is not a
        /// plain builder body, and it is left alone.
        static func isBuilderStatement(_ item: CodeBlockItemSyntax) -> Bool {
            switch item.item {
            case .expr: return true
            case .stmt(let statement):
                return statement.is(ExpressionStmtSyntax.self) || statement.is(ForStmtSyntax.self)
            case .decl: return false
            }
        }
    }
}
