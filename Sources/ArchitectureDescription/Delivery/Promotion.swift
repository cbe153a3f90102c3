/// The path a build takes through registries and environments, with the gate
/// at each step.
///
/// ```swift
/// Promotion(neverRebuilt: true) {
///     Promote(local, to: ci, gate: .automatic("on push"))
///     Promote(ci, to: registry, gate: .passing("tests and scan pass"))
///     Promote(registry, to: staging, gate: .automatic("on main"))
///     Promote(staging, to: production, gate: .manualApproval("on a release tag", planned: true))
/// }
/// ```
public struct Promotion: Codable, Hashable, Sendable {
    /// The steps, in order.
    public var steps: [PromotionStep]
    /// Whether every environment runs the same image digest, never rebuilt.
    public var neverRebuilt: Bool
    /// Another rule of the promotion, in words.
    public var rule: String?
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares the promotion path.
    public init(
        neverRebuilt: Bool = false,
        rule: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        @PromotionBuilder steps: () -> [PromotionStep]
    ) {
        self.steps = steps()
        self.neverRebuilt = neverRebuilt
        self.rule = rule
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// A place a build is promoted to or from: an environment or a registry.
public enum PromotionStop: Codable, Hashable, Sendable {
    case environment(String)
    case registry(String)
}

/// Something a build can be promoted to or from.
public protocol Promotable {
    /// The stop it is on the promotion path.
    var promotionStop: PromotionStop { get }
}

extension Environment: Promotable {
    /// This environment, as a stop on the promotion path.
    public var promotionStop: PromotionStop { .environment(id) }
}

extension Registry: Promotable {
    /// This registry, as a stop on the promotion path.
    public var promotionStop: PromotionStop { .registry(id) }
}

/// One step of the promotion path: from one stop to the next, through a gate.
public struct PromotionStep: Codable, Hashable, Sendable {
    /// Where the build comes from.
    public var from: PromotionStop
    /// Where it goes.
    public var to: PromotionStop
    /// What lets it through.
    public var gate: Gate
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// A step from `source` to `destination` once `gate` opens.
    public init(
        _ source: some Promotable,
        to destination: some Promotable,
        gate: Gate,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.from = source.promotionStop
        self.to = destination.promotionStop
        self.gate = gate
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// `Promote(staging, to: production, gate: …)` reads as the step it declares.
public typealias Promote = PromotionStep

/// What lets a build through a promotion step.
public struct Gate: Codable, Hashable, Sendable {
    /// The condition, such as "tests and scan pass" or "on a release tag".
    public var condition: String
    /// Whether someone must approve it, and who.
    public var approval: Approval
    /// Whether the gate is not in place yet.
    public var isPlanned: Bool

    /// Who lets a build through.
    public enum Approval: Codable, Hashable, Sendable {
        /// Nobody: the pipeline promotes the build.
        case automatic
        /// A person, optionally named by role.
        case manual(by: String?)
    }

    /// The pipeline promotes the build when `condition` holds, such as "on push".
    public static func automatic(_ condition: String, planned: Bool = false) -> Gate {
        Gate(condition: condition, approval: .automatic, isPlanned: planned)
    }

    /// The build goes on when checks pass, such as "tests and scan pass".
    public static func passing(_ checks: String, planned: Bool = false) -> Gate {
        Gate(condition: checks, approval: .automatic, isPlanned: planned)
    }

    /// Someone (`by`, such as "on-call lead") approves it, when `condition` holds.
    public static func manualApproval(_ condition: String, by approver: String? = nil, planned: Bool = false) -> Gate {
        Gate(condition: condition, approval: .manual(by: approver), isPlanned: planned)
    }
}

/// Collects the steps of a ``Promotion``, in order.
@resultBuilder
public enum PromotionBuilder {
    /// Adds a ``PromotionStep`` to the block.
    public static func buildExpression(_ step: PromotionStep) -> [PromotionStep] { [step] }
    /// Includes parts built elsewhere, such as by a function marked with this builder.
    public static func buildExpression(_ parts: [PromotionStep]) -> [PromotionStep] { parts }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [PromotionStep]...) -> [PromotionStep] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [PromotionStep]?) -> [PromotionStep] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [PromotionStep]) -> [PromotionStep] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [PromotionStep]) -> [PromotionStep] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[PromotionStep]]) -> [PromotionStep] { parts.flatMap { $0 } }
}
