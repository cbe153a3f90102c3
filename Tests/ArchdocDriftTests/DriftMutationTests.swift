import ArchdocComposeFiles
import ArchdocDrift
import ArchdocModel
import ArchdocRenderers
import ArchitectureDescription
import Foundation
import TestSupport
import Testing

/// Single edits to a generated compose file: each real change gives exactly
/// the expected finding at the right line; each rewrite in an equivalent form
/// gives none.
@Suite(.serialized) struct DriftMutationTests {
    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var find: String
        var replace: String
        /// The service whose block the edit is made in (the first match after its header).
        var service: String
        var kind: Finding.Kind
        /// The text whose line the finding must point at; `nil`: the service's header line.
        var lineOf: String?
        var testDescription: String { name }
    }

    static let variables = ComposeVariables(["POSTGRES_PASSWORD": "secret", "MINIO_ROOT_USER": "minio", "MINIO_ROOT_PASSWORD": "minio-secret"])

    // A failure here fails every test below with the loader's message.
    static let taskPlatform: ArchitectureModel = try! Examples.load("architecture/examples/task-platform").model

    static let mutations: [Mutation] = [
        Mutation(name: "image tag", find: "image: postgres:17", replace: "image: postgres:16", service: "database", kind: .image, lineOf: "image: postgres:16"),
        Mutation(name: "image name", find: "image: valkey/valkey:8.1-alpine", replace: "image: redis:7", service: "redis_server", kind: .image, lineOf: "image: redis:7"),
        Mutation(name: "image tag of a queue", find: "3.13-management-alpine", replace: "3.12-management-alpine", service: "rabbitmq", kind: .image, lineOf: "3.12-management"),
        Mutation(name: "docs image", find: "mkdocs-material:9", replace: "mkdocs-material:8", service: "docs", kind: .image, lineOf: "mkdocs-material:8"),
        Mutation(name: "build context", find: "build: ./backend", replace: "build: ./api", service: "fastapi_server-dev", kind: .build, lineOf: "build: ./api"),
        Mutation(name: "build dockerfile", find: "build: ./backend", replace: "build:\n      context: ./backend\n      dockerfile: Dockerfile.prod", service: "db_migrator", kind: .build, lineOf: "context: ./backend"),
        Mutation(name: "command", find: " --reload", replace: "", service: "fastapi_server-dev", kind: .command, lineOf: "command: uvicorn"),
        Mutation(name: "command word", find: "celery -A app.worker beat", replace: "celery -A app.worker worker", service: "celery_beat", kind: .command, lineOf: "command:"),
        Mutation(name: "command shortened", find: "command: server /data --console-address :9001", replace: "command: server /data", service: "minio_server", kind: .command, lineOf: "command: server /data"),
        Mutation(name: "published port", find: "\"80:80\"", replace: "\"8080:80\"", service: "caddy_reverse_proxy", kind: .port, lineOf: "8080:80"),
        Mutation(name: "target port", find: "\"9001:9001\"", replace: "\"9001:9002\"", service: "minio_server", kind: .port, lineOf: "9001:9002"),
        Mutation(name: "protocol", find: "\"443:443\"", replace: "\"443:443/udp\"", service: "caddy_reverse_proxy", kind: .port, lineOf: "443:443/udp"),
        Mutation(name: "host ip", find: "\"15672:15672\"", replace: "\"127.0.0.1:15672:15672\"", service: "rabbitmq", kind: .port, lineOf: "127.0.0.1"),
        Mutation(name: "extra port", find: "    volumes:\n    - pgdata", replace: "    ports:\n    - \"5432:5432\"\n    volumes:\n    - pgdata", service: "database", kind: .port, lineOf: "5432:5432"),
        Mutation(name: "docs port", find: "\"8000:8000\"", replace: "\"8001:8000\"", service: "docs", kind: .port, lineOf: "8001:8000"),
        Mutation(name: "named volume renamed", find: "- caddy_data:/data", replace: "- caddy_config:/data", service: "caddy_reverse_proxy", kind: .volume, lineOf: "caddy_config"),
        Mutation(name: "read-only dropped", find: "./Caddyfile:/etc/caddy/Caddyfile:ro", replace: "./Caddyfile:/etc/caddy/Caddyfile", service: "caddy_reverse_proxy", kind: .volume, lineOf: "./Caddyfile"),
        Mutation(name: "volume removed", find: "    volumes:\n    - pgdata:/var/lib/postgresql/data\n", replace: "", service: "database", kind: .volume, lineOf: nil),
        Mutation(name: "named volume to bind mount", find: "- minio_data:/data", replace: "- ./data:/data", service: "minio_server", kind: .volume, lineOf: "./data:/data"),
        Mutation(name: "docs volume writable", find: ".:/docs:ro", replace: ".:/docs", service: "docs", kind: .volume, lineOf: ".:/docs"),
        Mutation(name: "network added", find: "    healthcheck:\n      test:\n      - CMD-SHELL\n      - valkey-cli ping", replace: "    networks:\n    - backend\n    healthcheck:\n      test:\n      - CMD-SHELL\n      - valkey-cli ping", service: "redis_server", kind: .network, lineOf: "- backend"),
        Mutation(name: "profile added", find: "    profiles:\n    - dev\n", replace: "    profiles:\n    - dev\n    - test\n", service: "fastapi_server-dev", kind: .profiles, lineOf: "- dev"),
        Mutation(name: "profiles removed", find: "    profiles:\n    - prod\n", replace: "", service: "celery_worker", kind: .profiles, lineOf: nil),
        Mutation(name: "profile changed", find: "    profiles:\n    - dev\n", replace: "    profiles:\n    - prod\n", service: "docs", kind: .profiles, lineOf: "- prod"),
        Mutation(name: "restart changed", find: "restart: unless-stopped", replace: "restart: always", service: "database", kind: .restart, lineOf: "restart: always"),
        Mutation(name: "restart removed", find: "    restart: unless-stopped\n", replace: "", service: "rabbitmq", kind: .restart, lineOf: nil),
        Mutation(name: "restart no to on-failure", find: "restart: \"no\"", replace: "restart: on-failure", service: "db_migrator", kind: .restart, lineOf: "on-failure"),
        Mutation(name: "replicas changed", find: "replicas: 2", replace: "replicas: 3", service: "fastapi_server-prod", kind: .replicas, lineOf: "replicas: 3"),
        Mutation(name: "replicas removed", find: "    deploy:\n      replicas: 2\n", replace: "", service: "fastapi_server-prod", kind: .replicas, lineOf: nil),
        Mutation(name: "depends_on condition", find: "      fastapi_server-dev:\n        condition: service_started", replace: "      fastapi_server-dev:\n        condition: service_healthy", service: "caddy_reverse_proxy", kind: .dependsOn, lineOf: "fastapi_server-dev:"),
        Mutation(name: "depends_on removed", find: "      minio_server:\n        condition: service_started\n", replace: "", service: "caddy_reverse_proxy", kind: .dependsOn, lineOf: "depends_on:"),
        Mutation(name: "depends_on added", find: "      rabbitmq:\n        condition: service_healthy\n", replace: "      rabbitmq:\n        condition: service_healthy\n      redis_server:\n        condition: service_started\n", service: "celery_beat", kind: .dependsOn, lineOf: "redis_server:"),
        Mutation(name: "depends_on healthy to started", find: "      rabbitmq:\n        condition: service_healthy", replace: "      rabbitmq:\n        condition: service_started", service: "celery_worker", kind: .dependsOn, lineOf: "rabbitmq:"),
        Mutation(name: "depends_on completed to started", find: "condition: service_completed_successfully", replace: "condition: service_started", service: "fastapi_server-prod", kind: .dependsOn, lineOf: "db_migrator:"),
        Mutation(name: "environment removed", find: "      POSTGRES_DB: app\n", replace: "", service: "database", kind: .environment, lineOf: "environment:"),
        Mutation(name: "environment added", find: "    environment:\n      POSTGRES_DB", replace: "    environment:\n      EXTRA: x\n      POSTGRES_DB", service: "database", kind: .environment, lineOf: "EXTRA: x"),
        Mutation(name: "environment value", find: "POSTGRES_USER: app", replace: "POSTGRES_USER: admin", service: "database", kind: .environment, lineOf: "POSTGRES_USER"),
        Mutation(name: "environment value of a variant", find: "REDIS_URL: redis://redis_server:6379/0", replace: "REDIS_URL: redis://redis_server:6379/1", service: "fastapi_server-prod", kind: .environment, lineOf: "REDIS_URL"),
        Mutation(name: "healthcheck removed", find: "    healthcheck:\n      test:\n      - CMD-SHELL\n      - pg_isready -U app -d app\n      interval: 5s\n      timeout: 5s\n      retries: 10\n", replace: "", service: "database", kind: .healthcheck, lineOf: nil),
        Mutation(name: "healthcheck test", find: "- valkey-cli ping", replace: "- redis-cli ping", service: "redis_server", kind: .healthcheck, lineOf: "test:"),
        Mutation(name: "variant alias removed", find: "    networks:\n      default:\n        aliases:\n        - fastapi_server\n", replace: "", service: "fastapi_server-prod", kind: .network, lineOf: nil),
        Mutation(name: "variant alias renamed", find: "        - fastapi_server\n", replace: "        - api\n", service: "fastapi_server-dev", kind: .network, lineOf: "aliases:"),
        Mutation(name: "volume target moved", find: "- pgdata:/var/lib/postgresql/data", replace: "- pgdata:/data", service: "database", kind: .volume, lineOf: "pgdata:/data"),
        Mutation(name: "argument of a command list", find: "command: alembic upgrade head", replace: "command:\n    - alembic\n    - upgrade\n    - base", service: "db_migrator", kind: .command, lineOf: "- base"),
        Mutation(name: "healthcheck added", find: "    command: alembic upgrade head\n", replace: "    command: alembic upgrade head\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n", service: "db_migrator", kind: .healthcheck, lineOf: "healthcheck:"),
        Mutation(name: "service added", find: "volumes:\n  pgdata", replace: "  extra:\n    image: busybox\nvolumes:\n  pgdata", service: "docs", kind: .serviceNotInModel, lineOf: "  extra:"),
    ]

    @Test(arguments: mutations)
    func mutationGivesExactlyTheExpectedFinding(_ mutation: Mutation) throws {
        let original = ComposeRenderer().render(Self.taskPlatform)
        let header = "\n  \(mutation.service):\n"
        let start = try #require(original.range(of: header), "no service \(mutation.service)")
        let target = try #require(original.range(of: mutation.find, range: start.upperBound..<original.endIndex), "'\(mutation.find)' not in \(mutation.service)")
        var mutated = original
        mutated.replaceSubrange(target, with: mutation.replace)
        #expect(mutated != original)

        let document = try ComposeParser(variables: Self.variables).parse(Data(mutated.utf8), path: "compose.yaml")
        let findings = ComposeDrift(model: Self.taskPlatform, variables: Self.variables).findings(against: document)
        #expect(findings.count == 1, "\(findings.map(\.message))")
        let finding = try #require(findings.first)
        #expect(finding.kind == mutation.kind, "\(finding.message)")
        let service = mutation.kind == .serviceNotInModel ? "extra" : mutation.service
        #expect(finding.service == service)
        let expectedLine = try Self.line(of: mutation.lineOf ?? "  \(service):", in: mutated, after: mutation.kind == .serviceNotInModel ? nil : header)
        #expect(finding.line == expectedLine, "\(finding.message)")
        #expect(finding.file == "compose.yaml")
        #expect(finding.modelLocation?.file.hasSuffix("task-platform/main.swift") == true)
    }

    @Test func removedServiceIsReportedAtTheServicesKey() throws {
        let original = ComposeRenderer().render(Self.taskPlatform)
        let start = try #require(original.range(of: "\n  celery_worker:\n"))
        let end = try #require(original.range(of: "\n  database:\n", range: start.upperBound..<original.endIndex))
        let mutated = original.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
        let document = try ComposeParser(variables: Self.variables).parse(Data(mutated.utf8), path: "compose.yaml")
        let findings = ComposeDrift(model: Self.taskPlatform, variables: Self.variables).findings(against: document)
        #expect(findings.map(\.kind) == [.serviceNotInCompose])
        #expect(findings.first?.line == (try Self.line(of: "services:", in: mutated)))
    }

    static let equivalents: [Mutation] = [
        Mutation(name: "long port syntax", find: "    - \"80:80\"\n", replace: "    - target: 80\n      published: \"80\"\n      protocol: tcp\n", service: "caddy_reverse_proxy", kind: .port),
        Mutation(name: "explicit tcp", find: "\"443:443\"", replace: "\"443:443/tcp\"", service: "caddy_reverse_proxy", kind: .port),
        Mutation(name: "list environment", find: "    environment:\n      POSTGRES_DB: app\n      POSTGRES_PASSWORD: \"${POSTGRES_PASSWORD}\"\n      POSTGRES_USER: app\n",
                 replace: "    environment:\n    - POSTGRES_DB=app\n    - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\n    - POSTGRES_USER=app\n", service: "database", kind: .environment),
        Mutation(name: "quoted image", find: "image: postgres:17", replace: "image: \"postgres:17\"", service: "database", kind: .image),
        Mutation(name: "implicit latest", find: "image: minio/minio:latest", replace: "image: minio/minio", service: "minio_server", kind: .image),
        Mutation(name: "docker hub prefix", find: "image: postgres:17", replace: "image: docker.io/library/postgres:17", service: "database", kind: .image),
        Mutation(name: "key order", find: "    restart: unless-stopped\n    healthcheck:\n      test:\n      - CMD-SHELL\n      - valkey-cli ping\n      interval: 10s\n      retries: 5\n",
                 replace: "    healthcheck:\n      retries: 5\n      interval: 10s\n      test:\n      - CMD-SHELL\n      - valkey-cli ping\n    restart: unless-stopped\n", service: "redis_server", kind: .restart),
        Mutation(name: "anchor and merge key", find: "    restart: unless-stopped\n", replace: "    <<: *restart-policy\n", service: "rabbitmq", kind: .restart),
        Mutation(name: "x- extension field", find: "    image: postgres:17\n", replace: "    image: postgres:17\n    x-owner: data-team\n", service: "database", kind: .image),
        Mutation(name: "long build syntax", find: "build: ./backend", replace: "build:\n      context: backend/\n      dockerfile: Dockerfile", service: "celery_beat", kind: .build),
        Mutation(name: "command as a list", find: "command: alembic upgrade head", replace: "command: [\"alembic\", \"upgrade\", \"head\"]", service: "db_migrator", kind: .command),
        Mutation(name: "healthcheck test as a string", find: "      test:\n      - CMD-SHELL\n      - valkey-cli ping\n", replace: "      test: valkey-cli ping\n", service: "redis_server", kind: .healthcheck),
        Mutation(name: "long volume syntax", find: "    - pgdata:/var/lib/postgresql/data\n", replace: "    - type: volume\n      source: pgdata\n      target: /var/lib/postgresql/data\n", service: "database", kind: .volume),
        Mutation(name: "interpolated default", find: "POSTGRES_DB: app", replace: "POSTGRES_DB: ${DB_NAME:-app}", service: "database", kind: .environment),
        Mutation(name: "env_file as a string", find: "    env_file:\n    - .env\n", replace: "    env_file: .env\n", service: "celery_beat", kind: .environment),
        Mutation(name: "flow mapping", find: "      database:\n        condition: service_healthy\n", replace: "      database: {condition: service_healthy}\n", service: "db_migrator", kind: .dependsOn),
        Mutation(name: "restart quoted", find: "restart: unless-stopped", replace: "restart: 'unless-stopped'", service: "minio_server", kind: .restart),
        Mutation(name: "bind mount without ./", find: "./Caddyfile:/etc/caddy/Caddyfile:ro", replace: "Caddyfile:/etc/caddy/Caddyfile:ro", service: "caddy_reverse_proxy", kind: .volume),
        Mutation(name: "replicas via scale", find: "    deploy:\n      replicas: 2\n", replace: "    scale: 2\n", service: "fastapi_server-prod", kind: .replicas),
    ]

    @Test(arguments: equivalents)
    func equivalentFormGivesNoFinding(_ mutation: Mutation) throws {
        var original = ComposeRenderer().render(Self.taskPlatform)
        if mutation.replace.contains("*restart-policy") {
            original = original.replacingOccurrences(of: "services:\n", with: "x-defaults: &restart-policy\n  restart: unless-stopped\nservices:\n")
        }
        let header = "\n  \(mutation.service):\n"
        let start = try #require(original.range(of: header))
        let target = try #require(original.range(of: mutation.find, range: start.upperBound..<original.endIndex), "'\(mutation.find)' not in \(mutation.service)")
        var mutated = original
        mutated.replaceSubrange(target, with: mutation.replace)
        #expect(mutated != original)
        let document = try ComposeParser(variables: Self.variables).parse(Data(mutated.utf8), path: "docker-compose.yml")
        let findings = ComposeDrift(model: Self.taskPlatform, variables: Self.variables).findings(against: document)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test func overrideFilesMergeLikeDockerCompose() throws {
        let original = ComposeRenderer().render(Self.taskPlatform)
        let base = original.replacingOccurrences(of: "    image: postgres:17\n", with: "    image: postgres:15\n")
        let override = "services:\n  database:\n    image: postgres:17\n"
        let parser = ComposeParser(variables: Self.variables)
        let merged = try parser.parse(Data(base.utf8), path: "compose.yaml").merged(with: parser.parse(Data(override.utf8), path: "compose.override.yaml"))
        #expect(ComposeDrift(model: Self.taskPlatform, variables: Self.variables).findings(against: merged).isEmpty)

        let wrongOverride = "services:\n  database:\n    image: postgres:18\n"
        let mergedWrong = try parser.parse(Data(original.utf8), path: "compose.yaml").merged(with: parser.parse(Data(wrongOverride.utf8), path: "compose.override.yaml"))
        let findings = ComposeDrift(model: Self.taskPlatform, variables: Self.variables).findings(against: mergedWrong)
        #expect(findings.map(\.kind) == [.image])
        #expect(findings.first?.file == "compose.override.yaml")
        #expect(findings.first?.line == 3)
    }

    /// The 1-based line of the first occurrence of `needle` (after `anchor`).
    static func line(of needle: String, in text: String, after anchor: String? = nil) throws -> Int {
        let start = try anchor.map { anchor in try #require(text.range(of: anchor)).lowerBound } ?? text.startIndex
        let found = try #require(text.range(of: needle, range: start..<text.endIndex), "'\(needle)' not found")
        return text[..<found.lowerBound].filter { $0 == "\n" }.count + 1
    }
}
