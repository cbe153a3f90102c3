import ArchitectureDescription
import Dispatch
import Synchronization

/// Checks a model for mistakes the Swift compiler cannot see: duplicate ids,
/// references to elements that are not part of the architecture, start-up
/// cycles, port clashes, unknown profiles and invalid service names, and in
/// the delivery model unknown environments, promotion cycles, durations that
/// are not ones and secrets with a value in the compose file.
///
/// Each check is a ``ValidationRule``; the validator runs them all and returns
/// their diagnostics sorted by source location.
package struct Validator: Sendable {
    /// The rules that run.
    package var rules: [any ValidationRule]

    /// A validator with every built-in rule.
    package init(rules: [any ValidationRule] = Validator.defaultRules) {
        self.rules = rules
    }

    /// Every built-in rule, errors first.
    package static let defaultRules: [any ValidationRule] = [
        UniqueIDsRule(),
        SingleDeploymentRule(),
        KnownElementsRule(),
        KnownProfilesRule(),
        ServiceNamesRule(),
        ServiceImageRule(),
        DependencyCycleRule(),
        DeployedDependencyRule(),
        VariantVolumeRule(),
        KnownSecretsRule(),
        PortConflictRule(),
        ComposeValuesRule(),
        KnownEnvironmentsRule(),
        EnvironmentProfileRule(),
        PromotionCycleRule(),
        DeliveryDurationsRule(),
        SecretInComposeRule(),
        ConfigurationVariablesRule(),
        DocumentationRule(),
    ]

    /// Runs every rule on a model.
    package func validate(_ model: ArchitectureModel) -> [Diagnostic] {
        // Rules are independent: they run on every core. (The model imports
        // nothing of archdoc's, so not Basics' concurrentMap either.)
        let rules = self.rules
        let found = Mutex([[Diagnostic]](repeating: [], count: rules.count))
        DispatchQueue.concurrentPerform(iterations: rules.count) { index in
            let diagnostics = rules[index].check(model)
            found.withLock { $0[index] = diagnostics }
        }
        return found.withLock { $0 }.flatMap { $0 }.sortedByLocation()
    }
}

/// One check of a model.
package protocol ValidationRule: Sendable {
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
    package var shortDescription: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return "\(name):\(line)"
    }
}
