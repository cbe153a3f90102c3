import ArchitectureDescription

/// Checks a model for mistakes the Swift compiler cannot see: duplicate ids,
/// references to elements that are not part of the architecture, start-up
/// cycles, port clashes, unknown profiles and invalid service names.
///
/// Each check is a ``ValidationRule``; the validator runs them all and returns
/// their diagnostics sorted by source location.
public struct Validator: Sendable {
    /// The rules that run.
    public var rules: [any ValidationRule]

    /// A validator with every built-in rule.
    public init(rules: [any ValidationRule] = Validator.defaultRules) {
        self.rules = rules
    }

    /// Every built-in rule, errors first.
    public static let defaultRules: [any ValidationRule] = [
        UniqueIDsRule(),
        SingleDeploymentRule(),
        KnownElementsRule(),
        KnownProfilesRule(),
        ServiceNamesRule(),
        ServiceImageRule(),
        DependencyCycleRule(),
        DeployedDependencyRule(),
        PortConflictRule(),
        DocumentationRule(),
    ]

    /// Runs every rule on a model.
    public func validate(_ model: ArchitectureModel) -> [Diagnostic] {
        // Rules are independent: they run on every core.
        rules.concurrentMap { $0.check(model) }.flatMap { $0 }.sortedByLocation()
    }
}

/// One check of a model.
public protocol ValidationRule: Sendable {
    /// The rule's name, as printed in brackets.
    static var name: String { get }
    /// The diagnostics the rule finds.
    func check(_ model: ArchitectureModel) -> [Diagnostic]
}

extension ValidationRule {
    func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, rule: Self.name, message, at: location)
    }

    func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, rule: Self.name, message, at: location)
    }
}

extension SourceLocation {
    /// `main.swift:12`, for mentioning another declaration inside a message.
    var shortDescription: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return "\(name):\(line)"
    }
}
