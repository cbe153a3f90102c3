import ArchdocComposeFiles
import ArchdocImport
import Foundation
import SwiftParser
import SwiftSyntax
import TestSupport
import Testing
import Yams

/// A compose file is foreign input: whatever its strings hold, the Swift that
/// `import` writes has exactly the statements import writes, and nothing of
/// the file becomes code. Each payload goes into every string field of a
/// compose file; the Swift is parsed with swift-syntax and every call,
/// closure and declaration in it is checked against what import writes.
@Suite struct HostileImportTests {
    /// A compose file with `payload` in every string field (written by Yams, so the YAML itself is well formed).
    static func composeFile(_ payload: String) throws -> Data {
        let service: [String: Any] = [
            "image": payload,
            "command": payload,
            "restart": payload,
            "container_name": payload,
            "environment": ["KEY": payload, "K\(payload.count)": "v"],
            "env_file": [payload],
            "depends_on": ["db": ["condition": payload], payload: ["condition": "service_started"]],
            "healthcheck": ["test": ["CMD-SHELL", payload], "interval": payload, "timeout": payload],
            "volumes": [payload, "data:\(payload)"],
            "networks": [payload],
            "labels": [payload: payload],
            "user": payload,
            "entrypoint": payload,
            "cap_add": [payload],
            "extra_hosts": [payload],
            "profiles": [payload],
            "ports": [payload],
        ]
        let document: [String: Any] = [
            "name": payload,
            "services": ["web": service, "db": ["image": "postgres:17", "command": payload, "restart": payload]],
            "volumes": ["data": [:] as [String: Any]],
        ]
        return Data(try Yams.dump(object: document, allowUnicode: true).utf8)
    }

    /// The calls import writes: the DSL's initialisers and builders, its
    /// static members (`.healthy(…)`, `.command(…)`) and `uses`.
    static let dslCalls: Set<String> = [
        "Architecture", "SoftwareSystem", "Container", "Deployment", "Profile", "Service", "Build", "Port", "VolumeMount",
        "HealthCheck", "Dependency", "Volume", "Network", "healthy", "started", "completed", "command", "exec", "uses", "profile",
        "container", "Secret", "ConfigFile",
    ]

    /// The blocks that take a trailing closure.
    static let builders: Set<String> = ["Architecture", "SoftwareSystem", "Deployment"]

    /// Every call, closure and declaration of a Swift file that import did not write.
    final class Auditor: SyntaxVisitor {
        var problems: [String] = []

        override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
            let name = Self.calledName(node.calledExpression)
            if !HostileImportTests.dslCalls.contains(name) { problems.append("call of '\(node.calledExpression.trimmedDescription)'") }
            if node.trailingClosure != nil, !HostileImportTests.builders.contains(name) { problems.append("closure after '\(name)'") }
            return .visitChildren
        }

        override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
            let isBuilder = node.parent.flatMap { $0.as(FunctionCallExprSyntax.self) }.map {
                $0.trailingClosure?.id == node.id && HostileImportTests.builders.contains(Self.calledName($0.calledExpression))
            } ?? false
            if !isBuilder { problems.append("closure \(node.trimmedDescription.prefix(60))") }
            return .visitChildren
        }

        override func visit(_ node: PatternBindingSyntax) -> SyntaxVisitorContinueKind {
            if node.pattern.as(IdentifierPatternSyntax.self) == nil { problems.append("binding of \(node.pattern.trimmedDescription)") }
            return .visitChildren
        }

        override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
            problems.append("function \(node.name.text)")
            return .skipChildren
        }

        override func visit(_ node: StringLiteralExprSyntax) -> SyntaxVisitorContinueKind {
            if node.segments.contains(where: { $0.is(ExpressionSegmentSyntax.self) }) { problems.append("interpolation in \(node.trimmedDescription.prefix(60))") }
            return .skipChildren
        }

        static func calledName(_ expression: ExprSyntax) -> String {
            if let reference = expression.as(DeclReferenceExprSyntax.self) { return reference.baseName.text }
            if let member = expression.as(MemberAccessExprSyntax.self) { return member.declName.baseName.text }
            return expression.trimmedDescription
        }
    }

    @Test(arguments: HostilePayloads.all)
    func importedSwiftHoldsOnlyWhatImportWrites(payload: String) throws {
        let data = try Self.composeFile(payload)
        let document: ComposeDocument
        do {
            document = try ComposeParser().parse(data, path: "compose.yaml")
        } catch {
            // Refusing a file is safe too, as long as the message has a place.
            #expect(error.description.hasPrefix("compose.yaml:"), "\(error.description)")
            return
        }
        let plan = ArchitectureImporter(name: nil).plan(for: document)
        let source = SwiftSourceWriter().source(for: plan)
        let file = Parser.parse(source: source)
        #expect(!file.hasError, "the imported Swift does not parse:\n\(source)")
        // Top level: the import, a `let` per declaration, the architecture.
        for statement in file.statements {
            switch statement.item {
            case .decl(let declaration):
                #expect(declaration.is(ImportDeclSyntax.self) || declaration.is(VariableDeclSyntax.self), "\(declaration.trimmedDescription.prefix(80))")
            default:
                Issue.record("a top-level statement import does not write: \(statement.trimmedDescription.prefix(80))")
            }
        }
        let imports = file.statements.compactMap { $0.item.as(ImportDeclSyntax.self) }
        #expect(imports.map(\.path.trimmedDescription) == ["ArchitectureDescription"])
        let auditor = Auditor(viewMode: .sourceAccurate)
        auditor.walk(file)
        #expect(auditor.problems.isEmpty, "\(auditor.problems)")
        // Every comment is one line: nothing of the payload starts another.
        for line in source.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" }, "a control character in: \(line.prefix(80))")
        }
        // A container per compose service, and the project's name as the architecture's.
        let containers = file.statements.compactMap { $0.item.as(VariableDeclSyntax.self) }.filter {
            $0.bindings.first?.initializer?.value.as(FunctionCallExprSyntax.self).map { Auditor.calledName($0.calledExpression) } == "Container"
        }
        #expect(containers.count == 2)
    }
}
