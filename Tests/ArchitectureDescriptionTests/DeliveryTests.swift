import ArchitectureDescription
import Foundation
import Testing

/// The delivery half of the DSL: durations, references by value, and the
/// JSON the loader reads.
@Suite struct DeliveryTests {
    @Test(arguments: [
        ("10m", 600, "10 minutes"), ("1h30m", 5_400, "1 hour 30 minutes"), ("15s", 15, "15 seconds"),
        ("14d", 1_209_600, "14 days"), ("2h", 7_200, "2 hours"), ("0s", 0, "0 seconds"),
    ])
    func textDurationsParse(text: String, seconds: Int, words: String) {
        let span = TimeSpan(stringLiteral: text)
        #expect(span.seconds == seconds)
        #expect(span.description == words)
    }

    @Test(arguments: ["ten minutes", "10", "m", "", "10x", "1.5h", "-5m"])
    func textThatIsNoDurationIsKept(text: String) {
        let span = TimeSpan(stringLiteral: text)
        #expect(span.seconds == nil)
        #expect(span.description == text)
    }

    @Test func typedDurationsMatchText() {
        #expect(TimeSpan.minutes(10).seconds == TimeSpan(stringLiteral: "10m").seconds)
        #expect(TimeSpan.days(14).description == "14 days")
        #expect(TimeSpan.hours(1).description == "1 hour")
    }

    @Test func referencesAreByValueAndKeepTheirIDs() {
        let api = Container("api", "API")
        let staging = Environment("staging", "Staging", runsOn: .host(.vm(cpus: 4, memoryGB: 8)))
        let registry = Registry("gitlab", url: "registry.example.com/app/<image>")
        let stage = Stage("deploy", builds: [api], pushesTo: registry, deploysTo: staging, when: [.branch("main")])
        #expect(stage.builds == ["api"])
        #expect(stage.deploysTo == "staging")
        #expect(registry.name == "registry.example.com")
        let step = Promote(registry, to: staging, gate: .automatic("on main"))
        #expect(step.from == .registry("gitlab") && step.to == .environment("staging"))
        #expect(Runtime.compose(Profile("dev")) == .compose(profile: "dev", host: .developerLaptop))
    }

    @Test func thePlatformComesFromTheFileName() {
        #expect(Pipeline(".gitlab-ci.yml") {}.platform == .gitLabCI)
        #expect(Pipeline(".github/workflows/ci.yml") {}.platform == .gitHubActions)
        #expect(Pipeline("Jenkinsfile", platform: .other("Jenkins")) {}.platform.name == "Jenkins")
    }

    @Test func theArchitectureCollectsEveryPartAndEncodesIt() throws {
        let production = Environment("production", "Production", runsOn: .kubernetes(namespace: "app"), status: .planned("Q3"))
        let architecture = Architecture("X") {
            production
            Pipeline(".gitlab-ci.yml", triggers: [.push(), .tag("v*")]) { Stage("lint"); Stage("test") }
            Rollback(method: "Redeploy", recoveryTime: .minutes(10), recoveryPoint: "15m", procedure: ["a", "b"])
            Operations { Alert("5xx above 2 %", for: .minutes(5)) }
            Configuration(exampleFile: ".env.example") { Variable("LOG_LEVEL", default: "info") }
            OpenQuestion("Who owns backups?", about: production)
        }
        #expect(architecture.environments.map(\.id) == ["production"])
        #expect(architecture.pipeline?.stages.map(\.id) == ["lint", "test"])
        #expect(architecture.rollback?.recoveryPoint?.seconds == 900)
        #expect(architecture.operations?.alerts.count == 1)
        #expect(architecture.configuration?.variables.first?.isRequired == false)
        #expect(architecture.openQuestions.first?.environment == "production")
        let decoded = try JSONDecoder().decode(Architecture.self, from: JSONEncoder().encode(architecture))
        #expect(decoded == architecture)
    }
}
