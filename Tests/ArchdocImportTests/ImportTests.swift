import ArchdocComposeFiles
import ArchdocImport
import ArchitectureDescription
import Foundation
import Testing

@Suite struct ImportIdentifierTests {
    @Test(arguments: [
        ("db-migrator", "dbMigrator"),
        ("fastapi_server", "fastapiServer"),
        ("static.files", "staticFiles"),
        ("9lives", "service9lives"),
        ("default", "defaultService"),
        ("class", "classService"),
        ("self", "selfService"),
        ("API-gateway", "apiGateway"),
        ("myService", "myService"),
        ("redis_server-2", "redisServer2"),
        ("_", "service"),
    ])
    func camelCaseMakesValidReadableIdentifiers(name: String, identifier: String) {
        #expect(SwiftIdentifiers.camelCase(name) == identifier)
    }

    @Test func collisionsGetANumberInFileOrder() {
        var names = SwiftIdentifiers(reserved: ["architecture"])
        #expect(names.make("db-migrator") == "dbMigrator")
        #expect(names.make("db_migrator") == "dbMigrator2")
        #expect(names.make("db.migrator") == "dbMigrator3")
        #expect(names.make("architecture") == "architecture2")
        #expect(names.make("api") == "api")
    }
}

@Suite struct ImportSwiftLiteralTests {
    @Test func plainTextStaysPlain() {
        #expect(SwiftLiteral.string("postgres:17") == #""postgres:17""#)
        #expect(SwiftLiteral.string("") == #""""#)
        #expect(SwiftLiteral.string("${POSTGRES_PASSWORD}") == #""${POSTGRES_PASSWORD}""#)
    }

    @Test func nonASCIIIsKeptAsIs() {
        #expect(SwiftLiteral.string("Grüße, 世界 🚀") == "\"Grüße, 世界 🚀\"")
    }

    @Test func quotesAndBackslashesBecomeARawString() {
        #expect(SwiftLiteral.string(#"say "hi""#) == ##"#"say "hi""#"##)
        #expect(SwiftLiteral.string(#"C:\data"#) == ##"#"C:\data"#"##)
        // An interpolation is inert in a raw string with one `#`.
        #expect(SwiftLiteral.string(#"not \(interpolated)"#) == ##"#"not \(interpolated)"#"##)
    }

    @Test func rawStringsUseEnoughHashes() {
        #expect(SwiftLiteral.string(##"ends "# here"##) == ###"##"ends "# here"##"###)
        #expect(SwiftLiteral.string(##"an escape \#(x)"##) == ###"##"an escape \#(x)"##"###)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(SwiftLiteral.string("line 1\nline \"2\"") == #""line 1\nline \"2\"""#)
        #expect(SwiftLiteral.string("a\tb\r\u{0}") == #""a\tb\r\0""#)
        #expect(SwiftLiteral.string("bell\u{7}") == #""bell\u{7}""#)
        // With a line break, `\(` is escaped rather than put in a raw string.
        #expect(SwiftLiteral.string("x\n\\(y)") == #""x\n\\(y)""#)
    }

    @Test func textStartingWithTwoQuotesIsNotAMultiLineDelimiter() {
        #expect(SwiftLiteral.string(#""" quoted"#) == #""\"\" quoted""#)
    }

    @Test func arraysAndDictionaries() {
        #expect(SwiftLiteral.array(["CMD", "curl -f"]) == #"["CMD", "curl -f"]"#)
        #expect(SwiftLiteral.dictionary([("A", "1"), ("B", "two")]) == #"["A": "1", "B": "two"]"#)
        #expect(SwiftLiteral.dictionary([]) == "[:]")
    }
}

@Suite struct ImportContainerGuessTests {
    @Test(arguments: [
        ("postgres:17", ContainerKind.database, "postgresql", "PostgreSQL 17"),
        ("bitnami/postgresql:16.4.0", .database, "postgresql", "PostgreSQL 16.4.0"),
        ("docker.io/library/mysql:8.4", .database, "database", "MySQL 8.4"),
        ("mariadb:11", .database, "database", "MariaDB 11"),
        ("mongo:8", .database, "database", "MongoDB 8"),
        ("redis:7.4-alpine", .database, "redis", "Redis 7.4"),
        ("valkey/valkey:8.1-alpine", .database, "redis", "Valkey 8.1"),
        ("memcached:1.6", .database, "database", "Memcached 1.6"),
        ("rabbitmq:3.13-management-alpine", .queue, "rabbitmq", "RabbitMQ 3.13"),
        ("localhost:5000/nats:latest", .queue, nil, "NATS"),
        ("minio/minio:RELEASE.2024-10-02T17-50-41Z", .objectStore, "storage", "MinIO"),
        ("chrislusf/seaweedfs", .objectStore, "storage", "SeaweedFS"),
        ("nginx:1.27-alpine", .service, "nginx", "nginx 1.27"),
        ("caddy:2-alpine", .service, "server", "Caddy 2"),
        ("traefik:v3.1", .service, "server", "Traefik 3.1"),
        ("haproxy:3.0", .service, "server", "HAProxy 3.0"),
        ("python:3.12-slim", .service, "python", "Python 3.12"),
        ("ghcr.io/acme/api:1.4", .service, nil, "ghcr.io/acme/api:1.4"),
    ] as [(String, ContainerKind, String?, String)])
    func imagesDecideKindIconAndTechnology(image: String, kind: ContainerKind, icon: String?, technology: String) {
        let guess = ContainerGuess(image: image)
        #expect(guess.kind == kind)
        #expect(guess.icon == icon)
        #expect(guess.technology == technology)
    }

    @Test func confluentKafkaIsAQueue() {
        #expect(ContainerGuess(image: "confluentinc/cp-kafka:7.7.0").kind == .queue)
    }

    @Test func aBuildIsTheTechnologyAndTheNameHintsAnIcon() {
        let worker = ContainerGuess(image: "acme/app:1", buildContext: "./backend", serviceName: "celery_worker")
        #expect(worker.technology == "Built from ./backend")
        #expect(worker.kind == .service)
        #expect(worker.icon == "cogs")
        #expect(ContainerGuess(image: nil, buildContext: ".", serviceName: "celery-beat").icon == "clock")
        #expect(ContainerGuess(image: nil, buildContext: ".", serviceName: "api").icon == nil)
    }

    @Test func everyGuessedIconIsAPredefinedIcon() {
        let predefined: [String: Icon] = [
            "python": .python, "postgresql": .postgresql, "redis": .redis, "rabbitmq": .rabbitmq, "swift": .swift,
            "nginx": .nginx, "server": .server, "database": .database, "cogs": .cogs, "clock": .clock,
            "storage": .storage, "book": .book,
        ]
        let images = ["postgres", "mysql", "redis", "valkey", "rabbitmq", "minio", "nginx", "caddy", "python", "swift", "duckdb"]
        for image in images {
            if let icon = ContainerGuess(image: image).icon { #expect(predefined[icon] != nil, "\(image): .\(icon)") }
        }
    }
}

@Suite struct ImportSourceTests {
    static let compose = """
        name: shop
        services:
          web-app:
            build: ./web
            command: ["npm", "run", "start", "--", "--port=3000", "it's"]
            ports: ["3000:3000", {target: 9229, published: "9229", host_ip: 127.0.0.1}]
            environment:
              - NODE_ENV=production
              - API_TOKEN
            depends_on:
              db:
                condition: service_healthy
                restart: true
              migrate:
                condition: service_completed_successfully
            restart: on-failure:5
            profiles: [dev]
          migrate:
            build:
              context: ./web
              dockerfile: Dockerfile.migrate
              target: migrate
            command: npm run migrate
            depends_on: [db]
            restart: "no"
          db:
            image: postgres:17
            environment:
              POSTGRES_PASSWORD: secret
            volumes: ["pgdata:/var/lib/postgresql/data", {type: bind, source: ./init, target: /docker-entrypoint-initdb.d, read_only: true}]
            networks: [back]
            healthcheck:
              test: ["CMD", "pg_isready", "-U", "postgres"]
              interval: 5s
              retries: 5
            deploy:
              replicas: 1
        volumes:
          pgdata:
            driver: local
        networks:
          back:
            driver: bridge
        """

    func plan(_ yaml: String = compose, name: String? = nil) throws -> ImportPlan {
        let document = try ComposeParser().parse(Data(yaml.utf8), path: "compose.yaml")
        return ArchitectureImporter(name: name).plan(for: document)
    }

    func source(_ yaml: String = compose) throws -> String {
        SwiftSourceWriter().source(for: try plan(yaml))
    }

    @Test func planHasAContainerPerServiceWithItsNameAsID() throws {
        let plan = try plan()
        #expect(plan.architectureName == "shop")
        #expect(plan.containers.map(\.id) == ["web-app", "migrate", "db"])
        #expect(plan.containers.map(\.variable) == ["webApp", "migrate", "db"])
        #expect(plan.containers.map(\.name) == ["Web App", "Migrate", "DB"])
        #expect(plan.profiles == ["dev"])
        #expect(plan.relationships.map { "\($0.sourceID)->\($0.destinationID)" } == ["web-app->db", "web-app->migrate", "migrate->db"])
        #expect(plan.volumes == [ImportedResource(name: "pgdata", driver: "local")])
        #expect(plan.networks == [ImportedResource(name: "back", driver: "bridge")])
    }

    @Test func containersAreLetsWithGuessesAndTODOs() throws {
        let source = try source()
        #expect(source.hasPrefix("// Imported by `archdoc import` from compose.yaml."))
        #expect(source.contains("import ArchitectureDescription\n"))
        #expect(source.contains("""
            let db = Container(
                "db", "DB", kind: .database, technology: "PostgreSQL 17",
                description: "TODO: describe what DB does", icon: .postgresql)
            """))
        #expect(source.contains("""
            let webApp = Container(
                "web-app", "Web App", technology: "Built from ./web",
                description: "TODO: describe what Web App does")
            """))
    }

    @Test func architectureHoldsOneSystemAndTheDependsOnRelationships() throws {
        let source = try source()
        #expect(source.contains("let architecture = Architecture(\"shop\") {"))
        #expect(source.contains("""
                SoftwareSystem("shop", "shop", description: "TODO: describe what shop does") {
                    webApp; migrate; db
                }
            """))
        #expect(source.contains("// From depends_on"))
        #expect(source.contains("    webApp.uses(db, \"Uses\")\n    webApp.uses(migrate, \"Uses\")\n    migrate.uses(db, \"Uses\")"))
    }

    @Test func deploymentCarriesEverySetting() throws {
        let source = try source()
        #expect(source.contains("    Deployment {\n        Profile(\"dev\")\n\n        Volume(\"pgdata\", driver: \"local\")\n        Network(\"back\", driver: \"bridge\")\n"))
        #expect(source.contains(##"Service(webApp, build: "./web", command: #"npm run start -- --port=3000 'it'\''s'"#,"##))
        #expect(source.contains(#"ports: ["3000:3000", "127.0.0.1:9229:9229"]"#))
        #expect(source.contains("environment: webAppEnvironment"))
        #expect(source.contains("dependsOn: [Dependency(db, condition: .healthy, restart: true), .completed(migrate)]"))
        #expect(source.contains("restart: .onFailure"))
        #expect(source.contains(#"profiles: ["dev"]"#))
        #expect(source.contains(#"build: Build(context: "./web", dockerfile: "Dockerfile.migrate", target: "migrate")"#))
        #expect(source.contains("dependsOn: [.started(db)], restart: .no)"))
        #expect(source.contains(#"Service(db, image: "postgres:17", environment: ["POSTGRES_PASSWORD": "secret"]"#))
        #expect(source.contains(#"volumes: ["pgdata:/var/lib/postgresql/data", "./init:/docker-entrypoint-initdb.d:ro"]"#))
        #expect(source.contains(#"networks: ["back"]"#))
        #expect(source.contains(#"healthcheck: .exec(["pg_isready", "-U", "postgres"], interval: "5s", retries: 5)"#))
        #expect(source.contains("replicas: 1"))
        #expect(!source.contains("image: nil"))
    }

    @Test func whatCannotBeCarriedOverIsANoteAndAComment() throws {
        let plan = try plan()
        #expect(plan.notes.count == 1)
        #expect(plan.notes.first?.description.hasPrefix("compose.yaml:16:14: warning: [import] service 'web-app': restart 'on-failure:5'") == true)
        #expect(try source().contains("        // Note: restart 'on-failure:5' is imported as .onFailure; the DSL has no retry limit\n        Service(webApp,"))
    }

    @Test func passThroughVariablesBecomeInterpolationsWithAComment() throws {
        let plan = try plan()
        let web = try #require(plan.container("web-app"))
        #expect(web.service.environment.map(\.key) == ["NODE_ENV", "API_TOKEN"])
        #expect(web.service.environment.last?.value == "${API_TOKEN}")
        #expect(web.service.passThrough == ["API_TOKEN"])
        let source = try source()
        #expect(source.contains("""
            let webAppEnvironment = [
                "NODE_ENV": "production",
                "API_TOKEN": "${API_TOKEN}",  // passed through from the host
            """))
    }

    @Test func sharedEnvironmentsAreDeclaredOnce() throws {
        let source = try source("""
            x-env: &env
              A: "1"
              B: "2"
              C: "3"
              D: "4"
            services:
              api: {image: "acme/api", environment: *env}
              worker: {image: "acme/api", environment: *env}
              solo: {image: "acme/solo", environment: {ONLY: "one"}}
            """)
        #expect(source.contains("// The environment of api and worker.\nlet apiEnvironment = ["))
        #expect(source.contains("Service(api, image: \"acme/api\", environment: apiEnvironment)"))
        #expect(source.contains("Service(worker, image: \"acme/api\", environment: apiEnvironment)"))
        #expect(source.contains(#"Service(solo, image: "acme/solo", environment: ["ONLY": "one"])"#))
        #expect(!source.contains("workerEnvironment"))
    }

    @Test func sharedBuildsAreDeclaredOnceAfterTheirContext() throws {
        let source = try source("""
            x-build: &build {context: ./backend, target: runtime}
            services:
              api: {build: *build, command: serve}
              worker: {build: *build, command: work}
              web: {build: ./web}
            """)
        #expect(source.contains(#"let backendBuild = Build(context: "./backend", target: "runtime")"#))
        #expect(source.contains(#"Service(api, build: backendBuild, command: "serve")"#))
        #expect(source.contains(#"Service(worker, build: backendBuild, command: "work")"#))
        #expect(source.contains(#"Service(web, build: "./web")"#))
    }

    @Test func dependenciesOnMissingServicesAreLeftOutWithANote() throws {
        let plan = try plan("""
            services:
              api:
                image: acme/api
                depends_on:
                  ghost: {condition: service_started}
                  db: {condition: service_healthy, required: false}
              db: {image: "postgres"}
            """)
        let api = try #require(plan.container("api"))
        var optional = ImportedDependency(serviceName: "db", condition: .healthy, restart: false)
        optional.required = false
        #expect(api.service.dependsOn == [optional])
        #expect(plan.relationships == [ImportedRelationship(sourceID: "api", destinationID: "db")])
        // Only the dependency on a service the file does not have is a note; `required: false` is carried.
        #expect(plan.notes.map(\.location?.line) == [5])
        #expect(api.service.notes.first?.contains("'ghost'") == true)
    }

    @Test func optionalDependenciesAreCarriedAsOptional() throws {
        let plan = try plan("""
            services:
              proxy:
                image: caddy
                depends_on:
                  api-dev: {condition: service_started, required: false}
                  api-prod: {condition: service_started, required: false}
                  cache: {condition: service_started, required: false}
              api-dev: {build: ., profiles: [dev]}
              api-prod: {build: ., profiles: [prod]}
              cache: {image: valkey/valkey}
            """)
        let proxy = try #require(plan.container("proxy"))
        #expect(proxy.service.dependsOn.map(\.serviceName) == ["api-dev", "api-prod", "cache"])
        #expect(proxy.service.dependsOn.allSatisfy { !$0.required })
        #expect(plan.relationships.map(\.destinationID) == ["api-dev", "api-prod", "cache"])
        #expect(plan.notes.isEmpty)
    }

    @Test func theNameComesFromTheOptionTheFileOrItsFolder() throws {
        #expect(try plan(name: "Task Platform").architectureName == "Task Platform")
        let document = try ComposeParser().parse(Data("services: {app: {image: hello}}".utf8), path: "/srv/acme-shop/compose.yaml")
        let plan = ArchitectureImporter().plan(for: document)
        #expect(plan.architectureName == "acme-shop")
        #expect(plan.systemID == "acme-shop")
    }

    @Test func theSystemIDAvoidsAServiceName() throws {
        let plan = try plan("name: shop\nservices: {shop: {image: nginx}}")
        #expect(plan.systemID == "shop_system")
    }

    @Test func awkwardPortsAndMountsUseTheirInitialisers() throws {
        let source = try source("""
            services:
              app:
                image: acme/app
                ports: [{target: 80, host_ip: 127.0.0.1}]
                volumes: [{type: volume, source: data, target: "/srv:ro"}, {type: bind, source: "./a:b", target: /data}]
            """)
        #expect(source.contains(#"ports: ["127.0.0.1::80"]"#))
        #expect(source.contains(#"volumes: [VolumeMount(source: "data", target: "/srv:ro"), "./a:b:/data"]"#))
    }

    @Test func aFileWithoutProfilesHasNoProfileDeclarations() throws {
        let source = try source("services:\n  app:\n    image: hello-world\n")
        #expect(!source.contains("Profile("))
        #expect(source.contains("    Deployment {\n        Service(app, image: \"hello-world\")\n    }"))
    }
}
