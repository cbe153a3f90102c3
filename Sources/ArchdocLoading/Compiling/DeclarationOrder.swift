import SwiftParser
import SwiftSyntax

/// Finds constants of `main.swift` that are used above their declaration.
///
/// `main.swift` runs from top to bottom, and Swift 6.3 compiles a use of a
/// top-level constant that is declared further down without a word: the
/// constant is still zero when the use runs, and the program crashes or
/// writes an element with an empty id. archdoc reads the file first and
/// reports such a use as the compiler would, with the fix. (Constants of the
/// other files are initialised on first use, so there the order does not matter.)
package enum DeclarationOrder {
    /// A use of a constant above its declaration.
    package struct EarlyUse: Equatable, Sendable {
        /// The constant's name.
        package var name: String
        /// Where it is used (1-based).
        package var line: Int, column: Int
        /// Where it is declared.
        package var declarationLine: Int

        /// The diagnostic, in the compiler's format, naming the fix.
        package func diagnostic(file: String) -> String {
            "\(file):\(line):\(column): error: [use-before-declaration] '\(name)' is used here, above its declaration on line \(declarationLine), "
                + "where it is still empty when main.swift runs; move `let \(name) = …` above this line, or into another file of the architecture folder"
        }
    }

    /// The early uses in a `main.swift`, in the order of the file.
    package static func earlyUses(in source: String) -> [EarlyUse] {
        earlyUses(in: Parser.parse(source: source))
    }

    /// The same, for a file already parsed.
    package static func earlyUses(in tree: SourceFileSyntax) -> [EarlyUse] {
        let converter = SourceLocationConverter(fileName: "main.swift", tree: tree)
        // Every top-level constant or variable, where it is declared.
        var declarations: [String: AbsolutePosition] = [:]
        for item in tree.statements {
            guard let variable = item.item.as(VariableDeclSyntax.self) else { continue }
            for binding in variable.bindings where !LibraryMode.isComputed(binding) {
                if let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text, declarations[name] == nil {
                    declarations[name] = binding.pattern.position
                }
            }
        }
        guard !declarations.isEmpty else { return [] }
        let finder = EarlyUseFinder(declarations: declarations)
        for item in tree.statements {
            // Functions and types run when they are called, not where they stand.
            if item.item.is(FunctionDeclSyntax.self) || item.item.is(StructDeclSyntax.self) || item.item.is(ClassDeclSyntax.self)
                || item.item.is(EnumDeclSyntax.self) || item.item.is(ExtensionDeclSyntax.self) { continue }
            // Nor do computed variables (a builder-marked part of the model).
            if let variable = item.item.as(VariableDeclSyntax.self), variable.bindings.allSatisfy(LibraryMode.isComputed) { continue }
            finder.walk(item)
        }
        return finder.uses.map { name, position, declared in
            let use = converter.location(for: position), declaration = converter.location(for: declared)
            return EarlyUse(name: name, line: use.line, column: use.column, declarationLine: declaration.line)
        }
    }

    private final class EarlyUseFinder: SyntaxVisitor {
        let declarations: [String: AbsolutePosition]
        var uses: [(String, AbsolutePosition, AbsolutePosition)] = []
        /// Names bound inside the statement being walked (closure parameters,
        /// `for` and local `let`s), which shadow the top-level constant.
        var shadowed: Set<String> = []

        init(declarations: [String: AbsolutePosition]) {
            self.declarations = declarations
            super.init(viewMode: .sourceAccurate)
        }

        override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
            let name = node.baseName.text
            // `x.name` and `.healthy(x)`: the member's name is not a use of a constant.
            if let member = node.parent?.as(MemberAccessExprSyntax.self), member.declName.id == node.id { return .skipChildren }
            if let declared = declarations[name], node.position < declared, !shadowed.contains(name) {
                uses.append((name, node.positionAfterSkippingLeadingTrivia, declared))
            }
            return .skipChildren
        }

        override func visit(_ node: IdentifierPatternSyntax) -> SyntaxVisitorContinueKind {
            // A binding in a closure or loop. (A top-level declaration lands here
            // too, when every earlier use of its name has been seen.)
            shadowed.insert(node.identifier.text)
            return .skipChildren
        }

        override func visit(_ node: ClosureShorthandParameterSyntax) -> SyntaxVisitorContinueKind {
            shadowed.insert(node.name.text)
            return .skipChildren
        }

        override func visit(_ node: ClosureParameterSyntax) -> SyntaxVisitorContinueKind {
            shadowed.insert((node.secondName ?? node.firstName).text)
            return .skipChildren
        }

        override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    }
}
