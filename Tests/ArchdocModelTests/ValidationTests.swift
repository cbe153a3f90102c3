import ArchdocModel
import ArchitectureDescription
import Testing

@Suite struct ValidationTests {
    let user = Person("user", "User", description: "A user")
    let api = Container("api", "API", technology: "Swift", description: "Serves the API")
    let db = Container("db", "Database", kind: .database, technology: "Postgres", description: "Stores data")

    func diagnostics(_ architecture: Architecture) -> [Diagnostic] {
        Validator().validate(ArchitectureModel(architecture))
    }

    func errors(_ architecture: Architecture, rule: String) -> [Diagnostic] {
        diagnostics(architecture).filter { $0.severity == .error && $0.rule == rule }
    }

    @Test func validArchitectureHasNoErrors() {
        let architecture = Architecture("Shop", description: "x") {
            user
            SoftwareSystem("shop", "Shop", description: "Sells") { api; db }
            user.uses(api, "Calls")
            Deployment {
                Profile("dev")
                Service(api, build: ".", ports: ["8000:8000"], dependsOn: [.healthy(db)])
                Service(db, image: "postgres:17", ports: ["5432:5432"])
            }
        }
        #expect(diagnostics(architecture).isEmpty)
    }

    @Test func duplicateIDPointsAtTheSecondDeclaration() throws {
        let line = #line + 1
        let twin = Container("api", "Other API", technology: "Go", description: "Twin")
        let architecture = Architecture("Shop") { SoftwareSystem("shop", "Shop", description: "x") { api; twin } }
        let found = try #require(errors(architecture, rule: "duplicate-id").first)
        #expect(found.location?.line == line)
        #expect(found.message.contains("'api'"))
        #expect(found.description.contains("error: [duplicate-id]"))
    }

    @Test func relationshipToElementOutsideTheArchitecture() throws {
        let stray = Container("stray", "Stray", technology: "x", description: "x")
        let line = #line + 3
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api }
            api.uses(stray, "Calls")
        }
        let found = try #require(errors(architecture, rule: "unknown-element").first)
        #expect(found.location?.line == line)
        #expect(found.message.contains("'stray'"))
    }

    @Test func serviceOfContainerOutsideAnySystem() {
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api }
            Deployment { Service(db, image: "postgres") }
        }
        #expect(errors(architecture, rule: "unknown-element").count == 1)
    }

    @Test func dependencyCycle() throws {
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api; db }
            Deployment {
                Service(api, image: "a", dependsOn: [.started(db)])
                Service(db, image: "b", dependsOn: [.healthy(api)])
            }
        }
        let found = try #require(errors(architecture, rule: "dependency-cycle").first)
        #expect(found.message.contains("api -> db -> api") || found.message.contains("db -> api -> db"))
    }

    @Test func portClashInOneProfileOnly() throws {
        let web = Container("web", "Web", kind: .webApp, technology: "x", description: "x")
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api; web }
            Deployment {
                Profile("dev")
                Profile("prod")
                Service(api, image: "a", ports: ["8000:8000"])
                Service(web, image: "b", ports: ["127.0.0.1:8000:80"], profiles: ["dev"])
            }
        }
        let found = errors(architecture, rule: "port-conflict")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("profile 'dev'") == true)
    }

    @Test func portRangesClashWithSinglePortsAndWideRanges() {
        let web = Container("web", "Web", technology: "x", description: "x")
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api; web; db }
            Deployment {
                Service(api, image: "a", ports: ["1000-60000:1000-60000"])
                Service(web, image: "b", ports: ["8080:80"])
                Service(db, image: "c", ports: ["7000-7010:7000-7010", "61000:5432"])
            }
        }
        let found = errors(architecture, rule: "port-conflict")
        #expect(found.count == 2, "\(found.map(\.message))")
    }

    @Test func portsInDifferentProfilesDoNotClash() {
        let web = Container("web", "Web", technology: "x", description: "x")
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api; web }
            Deployment {
                Profile("dev")
                Profile("prod")
                Service(api, image: "a", ports: ["8000:8000"], profiles: ["prod"])
                Service(web, image: "b", ports: ["8000:80"], profiles: ["dev"])
                Service(db, image: "c", ports: ["8000:80/udp"])
            }
        }
        #expect(errors(architecture, rule: "port-conflict").isEmpty)
    }

    @Test func undeclaredProfile() {
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api }
            Deployment {
                Profile("dev")
                Service(api, image: "a", profiles: ["prdo"]).profile("stage", command: "x")
            }
        }
        let found = errors(architecture, rule: "unknown-profile")
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.message.contains("'dev'") })
    }

    @Test(arguments: ["API Server", "api/v2", "ápi", "db:5432", "a@b"])
    func invalidServiceName(id: String) {
        let odd = Container(id, "Odd", technology: "x", description: "x")
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { odd }
            Deployment { Service(odd, image: "a") }
        }
        #expect(errors(architecture, rule: "invalid-service-name").count == 1)
    }

    @Test(arguments: ["api", "db-migrator", "api.v2", "Api_2", "9lives", "_lead", "UPPER_case.mix-1"])
    func validServiceName(id: String) {
        #expect(ServiceNameRuleProbe.isValid(id))
    }

    @Test func dependencyMissingFromAProfile() {
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api; db }
            Deployment {
                Profile("dev")
                Profile("prod")
                Service(api, image: "a", dependsOn: [.healthy(db)])
                Service(db, image: "b", profiles: ["prod"])
            }
        }
        #expect(errors(architecture, rule: "dependency-not-deployed").count == 1)
    }

    /// Variants of one service in two profiles on one named volume are said;
    /// one variant, or a bind mount, is not.
    @Test func variantsSharingANamedVolume() {
        func warnings(_ volume: String, prodCommand: String?) -> [Diagnostic] {
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop", description: "x") { db }
                Deployment {
                    Profile("dev")
                    Profile("prod")
                    Service(db, image: "postgres:17", volumes: [VolumeMount(stringLiteral: "\(volume):/var/lib/postgresql/data")])
                        .profile("prod", command: prodCommand)
                }
            }
            return diagnostics(architecture).filter { $0.rule == "shared-variant-volume" }
        }
        let shared = warnings("pgdata", prodCommand: "postgres -c fsync=on")
        #expect(shared.count == 1)
        #expect(shared.first?.severity == .warning)
        #expect(shared.first?.message.contains("'db-dev' and 'db-prod'") == true, "\(shared.first?.message ?? "")")
        #expect(warnings("pgdata", prodCommand: nil).isEmpty)
        #expect(warnings("./data", prodCommand: "postgres -c fsync=on").isEmpty)
    }

    @Test func aSecretMustBeDeclared() {
        func errors(declaring: Bool) -> [Diagnostic] {
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop", description: "x") { db }
                Deployment {
                    if declaring { Secret("db_password", file: "./db_password.txt") }
                    Service(db, image: "postgres:17").container(secrets: ["db_password:/run/secrets/pw"])
                }
            }
            return self.errors(architecture, rule: "unknown-secret")
        }
        #expect(errors(declaring: false).count == 1)
        #expect(errors(declaring: false).first?.message.contains("add Secret(\'db_password\'") == true)
        #expect(errors(declaring: true).isEmpty)
    }

    @Test func serviceWithoutImageOrBuild() {
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api }
            Deployment { Service(api) }
        }
        #expect(errors(architecture, rule: "missing-image").count == 1)
    }

    @Test func missingDescriptionsAreWarnings() {
        let bare = Container("bare", "Bare")
        let architecture = Architecture("Shop") { SoftwareSystem("shop", "Shop") { bare } }
        let found = diagnostics(architecture)
        #expect(!found.containsErrors)
        #expect(found.filter { $0.rule == "missing-documentation" }.count == 3)
    }
}

/// The service-name pattern is internal; probe it through a model.
enum ServiceNameRuleProbe {
    static func isValid(_ id: String) -> Bool {
        let container = Container(id, "X", technology: "x", description: "x")
        let architecture = Architecture("X") {
            SoftwareSystem("s", "S", description: "x") { container }
            Deployment { Service(container, image: "x") }
        }
        return !Validator().validate(ArchitectureModel(architecture)).contains { $0.rule == "invalid-service-name" }
    }
}

/// Values docker compose refuses are errors at the service's line.
@Suite struct ComposeValueValidationTests {
    let api = Container("api", "API", technology: "Swift", description: "Serves")

    func errors(_ service: Service) -> [Diagnostic] {
        let architecture = Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api }
            Deployment { service }
        }
        return Validator().validate(ArchitectureModel(architecture)).filter { $0.severity == .error }
    }

    @Test(arguments: ["99999:80", "-1:80", "abc:def", "80:80:80:80", "8080:0", "80:80/icmp", "1.2.3.999:80:80", "8000-x:80"])
    func portsComposeRefusesAreErrors(port: String) throws {
        let line = #line + 1
        let found = errors(Service(api, image: "x", ports: [Port(stringLiteral: port)]))
        let error = try #require(found.first, "\(port) passed")
        #expect(error.rule == "invalid-compose-value")
        #expect(error.location?.line == line)
        #expect(error.message.contains(port), "\(error.message)")
    }

    @Test(arguments: ["80", "8080:80", "127.0.0.1:8080:80", "[::1]:8080:80", "::1:8080:80", "8000-8010:8000-8010", "53:53/udp", "${PORT:-8080}:80", "127.0.0.1::80"])
    func portsComposeTakesPass(port: String) {
        #expect(errors(Service(api, image: "x", ports: [Port(stringLiteral: port)])).isEmpty, "\(port)")
    }

    @Test func negativeReplicasAndAnEmptyImageAreErrors() {
        #expect(errors(Service(api, image: "x", replicas: -5)).map(\.rule) == ["invalid-compose-value"])
        let empty = errors(Service(api, image: ""))
        #expect(empty.map(\.rule) == ["missing-image"])
        #expect(empty.first?.message.contains("an empty image") == true)
    }

    @Test func durationsAndVolumeTargets() {
        let bad = errors(Service(api, image: "x", volumes: ["data:relative/path"],
                                 healthcheck: HealthCheck(test: ["CMD", "true"], interval: "10 seconds", timeout: "5s", startPeriod: "1m30s")))
        #expect(bad.count == 2, "\(bad.map(\.message))")
        #expect(bad.contains { $0.message.contains("'10 seconds' is not a duration") })
        #expect(bad.contains { $0.message.contains("'relative/path' is not an absolute path") })
        #expect(ComposeValuesRule.isDuration("1h30m") && ComposeValuesRule.isDuration("500ms") && ComposeValuesRule.isDuration("1.5s"))
        #expect(!ComposeValuesRule.isDuration("") && !ComposeValuesRule.isDuration("10") && !ComposeValuesRule.isDuration("s"))
    }
}
