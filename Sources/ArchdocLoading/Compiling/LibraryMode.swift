import SwiftParser
import SwiftSyntax

/// Compiles a `main.swift` of declarations only as a library file, with an
/// entry point that initialises its constants in the order they are written.
///
/// swiftc treats `main.swift` as a script: its constants are local to one
/// enormous top-level function, and both name lookup and SIL generation grow
/// with the square of their number (at 1,000 containers: 5 s looking names up,
/// 10 s in SILGen). The same constants in library mode are globals, looked up
/// by name and generated one by one, and a 1,000-container model compiles in
/// half the time. The program does the same: ``entryFile(forMain:)`` touches
/// every constant top to bottom, as the script would have run them, and the
/// ``DeclarationOrder`` check has already rejected a use above a declaration,
/// the one case where lazy globals would behave differently.
///
/// A `main.swift` that runs statements (`print`, `for`, `if`), or has a `var`
/// (a script's are main-actor state, a library's are an error in Swift 6), is
/// compiled as the script it is. A computed `var` is no state, and is allowed.
package enum LibraryMode {
    /// The name of the entry point; nothing a user writes is named so.
    static let entryType = "__ArchdocEntryPoint"

    /// The entry file that runs `main.swift`'s constants in order, or `nil` when
    /// the file must be compiled as a script.
    package static func entryFile(forMain source: String) -> String? {
        entryFile(forMain: Parser.parse(source: source))
    }

    /// The same, for a file already parsed.
    package static func entryFile(forMain tree: SourceFileSyntax) -> String? {
        var constants: [String] = []
        for item in tree.statements {
            let declaration = item.item
            if let variable = declaration.as(VariableDeclSyntax.self) {
                // A computed variable (a builder-marked part, say) runs when it is read.
                if variable.bindings.allSatisfy(isComputed) { continue }
                guard variable.bindingSpecifier.tokenKind == .keyword(.let) else { return nil }
                for binding in variable.bindings {
                    guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text,
                          binding.initializer != nil else { return nil }
                    constants.append(name)
                }
                continue
            }
            let declarations: [any DeclSyntaxProtocol.Type] = [
                ImportDeclSyntax.self, FunctionDeclSyntax.self, StructDeclSyntax.self, EnumDeclSyntax.self, ClassDeclSyntax.self,
                ExtensionDeclSyntax.self, TypeAliasDeclSyntax.self, ProtocolDeclSyntax.self, ActorDeclSyntax.self,
            ]
            guard declarations.contains(where: { declaration.is($0) }) else { return nil }
        }
        guard !constants.isEmpty else { return nil }
        // A backquoted name (`` `default` ``) keeps its backquotes in the token's text.
        let touches = constants.map { "        _ = \($0)" }.joined(separator: "\n")
        return """
            // Written by archdoc: runs main.swift's constants top to bottom, as the script would.
            @main enum \(entryType) {
                static func main() {
            \(touches)
                }
            }

            """
    }

    /// A binding with a getter and no storage: `var parts: [Container] { … }`.
    static func isComputed(_ binding: PatternBindingSyntax) -> Bool {
        guard binding.initializer == nil, let accessors = binding.accessorBlock?.accessors else { return false }
        switch accessors {
        case .getter: return true
        case .accessors(let list): return list.allSatisfy { $0.accessorSpecifier.tokenKind == .keyword(.get) }
        }
    }

    /// Whether a failed library-mode compile failed for being a library: a
    /// global that is not concurrency-safe, or a statement at the top level.
    static func needsScriptMode(_ output: String) -> Bool {
        ["concurrency-safe", "shared mutable state", "not allowed at the top level", "top-level code"].contains { output.contains($0) }
    }
}
