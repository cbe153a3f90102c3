import Foundation
import SwiftParser
import SwiftSyntax

/// archdoc's notes on the compiler errors that DSL users meet most often.
///
/// The compiler's message is right but speaks Swift ("requires that 'String'
/// conform to 'Element'"); the note under it speaks the DSL and gives the fix,
/// at the same `file:line:column`, in the compiler's own diagnostic format so
/// that editors and CI annotate it too:
///
///     architecture/main.swift:6:14: note: [dsl] `uses` takes the element itself, such as `db`, …
struct CompilerHints {
    /// The order of the arguments of the DSL calls people write most. `_ id`
    /// stands for an unlabelled argument. Kept equal to the DSL's declarations
    /// by a test.
    static let argumentOrders: [(call: String, arguments: [String])] = [
        ("Person", ["_ id", "_ name", "description:", "isExternal:", "tags:"]),
        ("SoftwareSystem", ["_ id", "_ name", "description:", "isExternal:", "tags:"]),
        ("Container", ["_ id", "_ name", "kind:", "technology:", "description:", "icon:", "tags:"]),
        ("uses", ["_ destination", "_ description", "technology:", "tags:"]),
        ("Service", ["_ container", "image:", "build:", "command:", "ports:", "environment:", "envFiles:", "volumes:", "networks:",
                     "healthcheck:", "dependsOn:", "restart:", "replicas:", "profiles:", "routes:"]),
        ("HealthCheck.command", ["_ command", "interval:", "timeout:", "retries:", "startPeriod:"]),
    ]

    /// One error the compiler printed: where, and what.
    struct CompilerError {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    /// The compiler's output with archdoc's notes after it, one per error it recognises.
    static func annotated(_ output: String, sources: [String: String] = [:]) -> String {
        let notes = notes(for: output, sources: sources)
        guard !notes.isEmpty else { return output }
        return output + (output.hasSuffix("\n") ? "" : "\n") + notes.joined(separator: "\n") + "\n"
    }

    /// The notes for the errors in `output`; `sources` holds the text of each
    /// file by the path the compiler printed, to name the call of an argument-order error.
    static func notes(for output: String, sources: [String: String] = [:]) -> [String] {
        var seen = Set<String>()
        return errors(in: output).compactMap { error in
            guard let hint = hint(for: error, source: sources[error.file]) else { return nil }
            let note = "\(error.file):\(error.line):\(error.column): note: [dsl] \(hint)"
            return seen.insert(note).inserted ? note : nil
        }
    }

    /// The `file:line:column: error: message` lines of the compiler's output.
    static func errors(in output: String) -> [CompilerError] {
        output.split(separator: "\n").compactMap { line in
            guard let marker = line.range(of: ": error: ") else { return nil }
            let place = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard place.count >= 3, let row = Int(place[place.count - 2]), let column = Int(place[place.count - 1]) else { return nil }
            return CompilerError(
                file: place.dropLast(2).joined(separator: ":"), line: row, column: column, message: String(line[marker.upperBound...]))
        }
    }

    /// The DSL's fix for one error, or nil for an error archdoc has nothing to add to.
    static func hint(for error: CompilerError, source: String?) -> String? {
        let message = error.message
        if let type = captured(#"requires that '([^']+)' conform to 'Element'"#, in: message) {
            let given = type == "String" ? "not its id in quotes" : "not a \(type)"
            return "a relationship goes to an element: pass the constant you declared it with, such as `api.uses(db, \"Reads from\")` after `let db = Container(…)`, \(given)"
        }
        if let type = captured(#"cannot convert value of type '([^']+)' to expected element type 'Dependency'"#, in: message) {
            let given = type == "String" ? "an id in quotes" : "the bare \(type.lowercased())"
            return "dependsOn says what to wait for: `.healthy(db)` (its health check passes), `.started(db)` or `.completed(db)` (it ran to the end), with the element itself; not \(given)"
        }
        if let type = captured(#"cannot convert value of type '([^']+)' to expected argument type 'HealthCheck\??'"#, in: message) {
            let example = type == "String" ? "`healthcheck: .command(\"pg_isready\")`" : "`healthcheck: .command(\"pg_isready -U app\")`"
            return "a health check says how to test the service: \(example), `.http(\"/health\", port: 8080)`, or `.exec([\"pg_isready\"])`; not a bare \(type)"
        }
        if message.contains("must precede argument") {
            guard let call = source.flatMap({ callName(in: $0, line: error.line, column: error.column) }),
                  let order = argumentOrders.first(where: { $0.call == call || $0.call.hasSuffix(".\(call)") }) else {
                return "the DSL's arguments keep the order of their declaration: move the argument the error names, as its fix-it shows"
            }
            let listed = order.arguments.map { $0.hasPrefix("_ ") ? String($0.dropFirst(2)) : $0 }.joined(separator: ", ")
            return "the arguments of `\(call)` go in this order: \(listed); move the argument the error names"
        }
        return nil
    }

    /// The name of the innermost call whose argument list holds `line:column`
    /// (`Container`, or `uses` for `api.uses(…)`), found in the parsed source.
    static func callName(in source: String, line: Int, column: Int) -> String? {
        let tree = Parser.parse(source: source)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        let position = converter.position(ofLine: line, column: column)
        guard let token = tree.token(at: position) else { return nil }
        var node: Syntax? = Syntax(token)
        while let current = node {
            if let call = current.as(FunctionCallExprSyntax.self), call.arguments.range.contains(position) || call.arguments.endPosition == position {
                if let name = call.calledExpression.as(DeclReferenceExprSyntax.self) { return name.baseName.text }
                if let member = call.calledExpression.as(MemberAccessExprSyntax.self) { return member.declName.baseName.text }
                return nil
            }
            node = current.parent
        }
        return nil
    }

    private static func captured(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
