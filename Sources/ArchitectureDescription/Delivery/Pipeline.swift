/// The build and delivery pipeline: its definition file, what starts it, and
/// its stages in order.
///
/// ```swift
/// Pipeline(".gitlab-ci.yml", triggers: [.push(), .mergeRequest()], imageTags: [.commitSHA, .version, .minorVersion]) {
///     Stage("lint", steps: ["golangci-lint run (api, poller)"], tools: ["golangci-lint"])
///     Stage("build", steps: ["docker build of api, web and poller"], builds: [api, web, poller])
///     Stage("publish", pushesTo: registry, when: [.branch("main"), .tag("v*")])
///     Stage("deploy-staging", deploysTo: staging, when: [.branch("main"), .automatic])
/// }
/// ```
public struct Pipeline: Codable, Hashable, Sendable {
    /// The definition file, such as `.gitlab-ci.yml` or `.github/workflows/ci.yml`.
    public var file: String
    /// The platform that runs it.
    public var platform: CIPlatform
    /// What starts a run.
    public var triggers: [Trigger]
    /// How built images are tagged.
    public var imageTags: [ImageTag]
    /// The stages, in the order they run.
    public var stages: [Stage]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares the pipeline. The platform is taken from the file's name
    /// (`.gitlab-ci.yml`, `.github/workflows/…`) unless given.
    public init(
        _ file: String,
        platform: CIPlatform? = nil,
        triggers: [Trigger] = [],
        imageTags: [ImageTag] = [],
        file sourceFile: String = #filePath,
        line: Int = #line,
        column: Int = #column,
        @StageBuilder stages: () -> [Stage]
    ) {
        self.file = file
        self.platform = platform ?? Self.platform(of: file)
        self.triggers = triggers
        self.imageTags = imageTags
        self.stages = stages()
        self.location = SourceLocation(file: sourceFile, line: line, column: column)
    }

    /// The platform a definition file's name implies.
    static func platform(of file: String) -> CIPlatform {
        if file.hasSuffix(".gitlab-ci.yml") || file.hasSuffix(".gitlab-ci.yaml") { return .gitLabCI }
        if file.contains(".github/workflows/") { return .gitHubActions }
        return .other("CI")
    }
}

/// What starts a pipeline run.
public enum Trigger: Codable, Hashable, Sendable {
    /// A push to a branch.
    case push(branches: BranchFilter = .any)
    /// A merge request (GitLab) or pull request (GitHub) into a branch.
    case mergeRequest(into: BranchFilter = .any)
    /// A pushed tag matching a pattern, such as `v*`.
    case tag(String)
    /// Someone starts it by hand.
    case manual
    /// A schedule, in cron syntax.
    case schedule(String)
}

/// Which branches a trigger or condition applies to.
public enum BranchFilter: Codable, Hashable, Sendable {
    /// Every branch.
    case any
    /// Only these branches (patterns such as `release/*` allowed).
    case only([String])
}

/// How the pipeline tags the images it builds.
public enum ImageTag: Codable, Hashable, Sendable {
    /// The commit SHA, on every build.
    case commitSHA
    /// On a release tag `v1.4.2`, also `1.4.2`.
    case version
    /// On a release tag `v1.4.2`, also `1.4`.
    case minorVersion
    /// The branch name.
    case branch
    /// `latest`.
    case latest
    /// Any other rule, in words.
    case custom(String)
}

/// One stage of the pipeline: its steps and tools, and what it builds,
/// pushes, deploys and tests.
public struct Stage: Codable, Hashable, Sendable {
    /// The stage's name in the definition file, such as `deploy-staging`.
    public var id: String
    /// What it does, in a sentence.
    public var description: String?
    /// The steps, in order, such as `go test ./...`.
    public var steps: [String]
    /// The tools it runs.
    public var tools: [String]
    /// The ids of the containers whose images it builds.
    public var builds: [String]
    /// The registry it pushes images to.
    public var pushesTo: Registry?
    /// The id of the environment it deploys to.
    public var deploysTo: String?
    /// When it runs; empty for every run.
    public var conditions: [StageCondition]
    /// The compose file or services its tests run against.
    public var testsAgainst: TestTarget?
    /// The jobs of the definition file that belong to it; empty for one job named like the stage.
    public var jobs: [String]
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a stage.
    public init(
        _ id: String,
        description: String? = nil,
        steps: [String] = [],
        tools: [String] = [],
        builds: [Container] = [],
        pushesTo registry: Registry? = nil,
        deploysTo environment: Environment? = nil,
        when conditions: [StageCondition] = [],
        testsAgainst: TestTarget? = nil,
        jobs: [String] = [],
        file: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        self.id = id
        self.description = description
        self.steps = steps
        self.tools = tools
        self.builds = builds.map(\.id)
        self.pushesTo = registry
        self.deploysTo = environment?.id
        self.conditions = conditions
        self.testsAgainst = testsAgainst
        self.jobs = jobs
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// When a stage runs, or how.
public enum StageCondition: Codable, Hashable, Sendable {
    /// Only on this branch.
    case branch(String)
    /// Only on tags matching this pattern, such as `v*`.
    case tag(String)
    /// Only after someone approves it.
    case manualApproval(by: String? = nil)
    /// Without anyone's approval.
    case automatic
    /// Its failure does not fail the pipeline.
    case optional
    /// It is not built yet.
    case planned
}

/// What a stage's tests run against.
public struct TestTarget: Codable, Hashable, Sendable {
    /// A compose file the tests start, such as `ci/compose.test.yaml`.
    public var composeFile: String?
    /// The ids of the containers the tests call.
    public var services: [String]

    /// The services of a compose file (all of them when `services` is empty).
    public static func compose(_ file: String, services: [Container] = []) -> TestTarget {
        TestTarget(composeFile: file, services: services.map(\.id))
    }

    /// Containers of the model, however they are started.
    public static func services(_ containers: [Container]) -> TestTarget {
        TestTarget(composeFile: nil, services: containers.map(\.id))
    }
}

/// An image registry that stages push to and environments pull from.
public struct Registry: Codable, Hashable, Sendable {
    /// A stable id, such as `gitlab`.
    public var id: String
    /// Where images go, such as `registry.gitlab.example.com/parcel/<image>:<tag>`.
    public var url: String
    /// The display name; the URL's host when not given.
    public var name: String
    /// Where it is declared in the architecture files, for diagnostics.
    public var location: SourceLocation

    /// Declares a registry.
    public init(_ id: String, url: String, name: String? = nil, file: String = #filePath, line: Int = #line, column: Int = #column) {
        self.id = id
        self.url = url
        self.name = name ?? String(url.split(separator: "/").first ?? Substring(url))
        self.location = SourceLocation(file: file, line: line, column: column)
    }
}

/// Collects the stages of a ``Pipeline``, in order.
@resultBuilder
public enum StageBuilder {
    /// Adds a ``Stage`` to the block.
    public static func buildExpression(_ stage: Stage) -> [Stage] { [stage] }
    /// Includes parts built elsewhere, such as by a function marked with this builder.
    public static func buildExpression(_ parts: [Stage]) -> [Stage] { parts }
    /// Joins the statements of a block, in order.
    public static func buildBlock(_ parts: [Stage]...) -> [Stage] { parts.flatMap { $0 } }
    /// An `if` without `else`: its statements when the condition holds, else none.
    public static func buildOptional(_ part: [Stage]?) -> [Stage] { part ?? [] }
    /// The statements of an `if` branch.
    public static func buildEither(first: [Stage]) -> [Stage] { first }
    /// The statements of an `else` branch.
    public static func buildEither(second: [Stage]) -> [Stage] { second }
    /// The statements of every pass of a `for` loop.
    public static func buildArray(_ parts: [[Stage]]) -> [Stage] { parts.flatMap { $0 } }
}
