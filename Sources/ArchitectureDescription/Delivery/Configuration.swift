/// The variables a deployment needs: which are required, their defaults,
/// which are secrets, and where each comes from.
///
/// ```swift
/// Configuration(exampleFile: ".env.example", localFile: ".env") {
///     Variable("DATABASE_URL", from: [.envFile(".env")])
///     Variable("LOG_LEVEL", default: "info")
///     Variable("CARRIER_DHL_KEY", secret: true, from: [.envFile(".env"), .kubernetesSecret("parcel-carriers", in: production)])
/// }
/// ```
///
/// A secret's value never appears in a generated document, and a compose
/// environment that sets one to a literal value is an error
/// (rule `secret-in-compose`).
public struct Configuration: Codable, Hashable, Sendable {
    /// The file that documents every variable, such as `.env.example`.
    public var exampleFile: String?
    /// The file that holds the values and is never committed, such as `.env`.
    public var localFile: String?
    /// The variables, in declaration order.
    public var variables: [Variable]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares the configuration.
    public init(
        exampleFile: String? = nil,
        localFile: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        @VariableBuilder variables: () -> [Variable]
    ) {
        self.exampleFile = exampleFile
        self.localFile = localFile
        self.variables = variables()
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// One variable of the configuration.
public struct Variable: Codable, Hashable, Sendable {
    /// Its name, such as `DATABASE_URL`.
    public var name: String
    /// What it sets.
    public var description: String?
    /// The value used when none is given; `nil` for a required variable.
    public var defaultValue: String?
    /// Whether its value is a secret, never written into a document.
    public var isSecret: Bool
    /// Where its value comes from.
    public var sources: [VariableSource]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Whether a deployment must give it a value.
    public var isRequired: Bool { defaultValue == nil }

    /// Declares a variable: required unless it has a `default`.
    public init(
        _ name: String,
        description: String? = nil,
        default defaultValue: String? = nil,
        secret: Bool = false,
        from sources: [VariableSource] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.name = name
        self.description = description
        self.defaultValue = defaultValue
        self.isSecret = secret
        self.sources = sources
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// Where a variable's value comes from, in every environment or in one.
public struct VariableSource: Codable, Hashable, Sendable {
    /// The kinds of source.
    public enum Kind: Codable, Hashable, Sendable {
        /// A file of `KEY=value` lines, such as `.env`.
        case envFile(String)
        /// The shell that runs compose.
        case shell
        /// A Kubernetes Secret.
        case kubernetesSecret(String)
        /// A Kubernetes ConfigMap.
        case configMap(String)
        /// A variable of the CI platform.
        case ciVariable
    }

    /// The source.
    public var kind: Kind
    /// The id of the environment it applies in; `nil` for all.
    public var environment: String?

    /// A file of `KEY=value` lines.
    public static func envFile(_ path: String, in environment: Environment? = nil) -> VariableSource {
        VariableSource(kind: .envFile(path), environment: environment?.id)
    }

    /// The shell that runs compose.
    public static func shell(in environment: Environment? = nil) -> VariableSource {
        VariableSource(kind: .shell, environment: environment?.id)
    }

    /// A Kubernetes Secret.
    public static func kubernetesSecret(_ name: String, in environment: Environment? = nil) -> VariableSource {
        VariableSource(kind: .kubernetesSecret(name), environment: environment?.id)
    }

    /// A Kubernetes ConfigMap.
    public static func configMap(_ name: String, in environment: Environment? = nil) -> VariableSource {
        VariableSource(kind: .configMap(name), environment: environment?.id)
    }

    /// A variable of the CI platform.
    public static func ciVariable(in environment: Environment? = nil) -> VariableSource {
        VariableSource(kind: .ciVariable, environment: environment?.id)
    }
}

/// Collects the variables of a ``Configuration``, in order.
@resultBuilder
public enum VariableBuilder {
    /// Adds a ``Variable`` to the block.
    public static func buildExpression(_ variable: Variable) -> [Variable] { [variable] }
    /// Includes parts built elsewhere, such as by a function marked with this builder.
    public static func buildExpression(_ parts: [Variable]) -> [Variable] { parts }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [Variable]...) -> [Variable] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [Variable]?) -> [Variable] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [Variable]) -> [Variable] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [Variable]) -> [Variable] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[Variable]]) -> [Variable] { parts.flatMap { $0 } }
}
