import ArchdocComposeFiles
import ArchdocDrift
import ArchdocModel
import ArchdocRenderers
import ArchitectureDescription
import Foundation
import Testing

/// The container's options (``ContainerOptionField``) through the renderer,
/// the reader and `check`: every field survives a round trip, each single
/// change is one finding at its line, and each equivalent form is none.
@Suite struct ContainerOptionDriftTests {
    /// One service with every option set.
    static let model: ArchitectureModel = {
        let api = Container("api", "API", technology: "Go")
        let architecture = Architecture("Hardened") {
            SoftwareSystem("shop", "Shop") { api }
            Deployment {
                Service(api, image: "ghcr.io/acme/api:2.3")
                    .container(
                        name: "acme-api", hostname: "api-1", user: "1000:1000", workingDirectory: "/srv", entrypoint: "tini -- /srv/start",
                        platform: "linux/amd64", pullPolicy: "always", labels: ["team": "payments", "tier": "backend"], expose: ["9000", "9001"],
                        networkMode: "bridge", links: ["cache:redis"], extraHosts: ["metrics.internal=10.0.0.5"], dns: ["1.1.1.1", "8.8.8.8"],
                        capAdd: ["NET_ADMIN"], capDrop: ["ALL"], privileged: false, readOnly: true, devices: ["/dev/fuse:/dev/fuse:rwm"],
                        tmpfs: ["/tmp"], shmSize: "256m", initProcess: true, stopSignal: "SIGINT", stopGracePeriod: "45s",
                        cpuLimit: "0.5", memoryLimit: "512M", cpuReservation: "0.25", memoryReservation: "128M",
                        ulimits: ["nproc": "65535", "nofile": "20000:40000"], loggingDriver: "json-file", loggingOptions: ["max-size": "10m"],
                        secrets: ["db_password", "api_token:/etc/api/token"], configs: ["app_conf:/etc/app.conf"])
                ConfigFile("app_conf", content: "level = info")
                Secret("db_password", file: "./secrets/db_password.txt")
                Secret("api_token", environment: "API_TOKEN")
            }
        }
        return ArchitectureModel(architecture)
    }()

    static var rendered: String { ComposeRenderer().render(model) }

    static func findings(in text: String) throws -> [Finding] {
        let document = try ComposeParser().parse(Data(text.utf8), path: "compose.yaml")
        return ComposeDrift(model: model).findings(against: document)
    }

    @Test func everyFieldIsWrittenReadAndFoundEqual() throws {
        let text = Self.rendered
        for field in ContainerOptionField.all {
            // deploy.resources.limits.cpus is `cpus:` under `limits:` under `resources:` under `deploy:`.
            let written = field.isDeployField ? "\n          \(field.leafKey):" : field.group != nil ? "\n      \(field.leafKey):" : "\n    \(field.key):"
            #expect(text.contains(written), "\(field.key) is not written")
        }
        #expect(text.contains("    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n          memory: \"512M\"\n        reservations:\n"), "\(text)")
        let service = try #require(ComposeParser().parse(Data(text.utf8), path: "compose.yaml").service("api"))
        #expect(service.options == Self.model.architecture.deployment?.allServices.first?.options)
        #expect(service.unmodelled.isEmpty)
        #expect(try Self.findings(in: text).isEmpty)
    }

    struct Change: CustomTestStringConvertible, Sendable {
        var find: String
        var replace: String
        /// The text whose line the finding is at.
        var lineOf: String
        var testDescription: String { "\(find) → \(replace)" }
    }

    static let changes: [Change] = [
        Change(find: "container_name: acme-api", replace: "container_name: api", lineOf: "container_name: api"),
        Change(find: "hostname: api-1", replace: "hostname: api-2", lineOf: "hostname: api-2"),
        Change(find: "user: \"1000:1000\"", replace: "user: root", lineOf: "user: root"),
        Change(find: "working_dir: /srv", replace: "working_dir: /app", lineOf: "working_dir: /app"),
        Change(find: "entrypoint: tini -- /srv/start", replace: "entrypoint: [\"/srv/start\"]", lineOf: "entrypoint:"),
        Change(find: "platform: linux/amd64", replace: "platform: linux/arm64", lineOf: "platform:"),
        Change(find: "pull_policy: always", replace: "pull_policy: missing", lineOf: "pull_policy:"),
        Change(find: "tier: backend", replace: "tier: frontend", lineOf: "tier: frontend"),
        Change(find: "      team: payments\n", replace: "", lineOf: "labels:"),
        Change(find: "      tier: backend\n", replace: "      tier: backend\n      owner: ops\n", lineOf: "owner: ops"),
        Change(find: "- \"9001\"", replace: "- \"9002\"", lineOf: "9002"),
        Change(find: "network_mode: bridge", replace: "network_mode: host", lineOf: "network_mode: host"),
        Change(find: "- \"cache:redis\"", replace: "- cache", lineOf: "- cache"),
        Change(find: "metrics.internal=10.0.0.5", replace: "metrics.internal=10.0.0.9", lineOf: "10.0.0.9"),
        Change(find: "    - 8.8.8.8\n", replace: "", lineOf: "dns:"),
        Change(find: "- NET_ADMIN", replace: "- SYS_ADMIN", lineOf: "SYS_ADMIN"),
        Change(find: "    - ALL\n", replace: "    - ALL\n    - MKNOD\n", lineOf: "MKNOD"),
        Change(find: "privileged: false", replace: "privileged: true", lineOf: "privileged: true"),
        Change(find: "read_only: true", replace: "read_only: false", lineOf: "read_only: false"),
        Change(find: "/dev/fuse:/dev/fuse:rwm", replace: "/dev/fuse:/dev/fuse:r", lineOf: "/dev/fuse:r\""),
        Change(find: "- /tmp", replace: "- /run", lineOf: "- /run"),
        Change(find: "shm_size: 256m", replace: "shm_size: 1g", lineOf: "shm_size: 1g"),
        Change(find: "init: true", replace: "init: false", lineOf: "init: false"),
        Change(find: "stop_signal: SIGINT", replace: "stop_signal: SIGTERM", lineOf: "SIGTERM"),
        Change(find: "stop_grace_period: 45s", replace: "stop_grace_period: 1m", lineOf: "stop_grace_period: 1m"),
        Change(find: "    init: true\n", replace: "", lineOf: "  api:"),
        Change(find: "cpus: \"0.5\"", replace: "cpus: \"1.5\"", lineOf: "cpus: \"1.5\""),
        Change(find: "hard: 40000", replace: "hard: 50000", lineOf: "  nofile:"),
        Change(find: "driver: json-file", replace: "driver: local", lineOf: "driver: local"),
        Change(find: "target: /etc/api/token", replace: "target: /run/secrets/api_token", lineOf: "- source: api_token"),
        Change(find: "target: /etc/app.conf", replace: "target: /etc/app.ini", lineOf: "- source: app_conf"),
        Change(find: "content: \"level = info\"", replace: "content: \"level = debug\"", lineOf: "  app_conf:\n    content"),
        Change(find: "file: ./secrets/db_password.txt", replace: "file: ./secrets/other.txt", lineOf: "  db_password:\n    file"),
        Change(find: "max-size: 10m", replace: "max-size: 20m", lineOf: "max-size: 20m"),
        Change(find: "memory: \"128M\"", replace: "memory: \"256M\"", lineOf: "memory: \"256M\""),
    ]

    @Test(arguments: changes)
    func aChangeIsOneFindingAtItsLine(_ change: Change) throws {
        let original = Self.rendered
        let range = try #require(original.range(of: change.find), "'\(change.find)' is not in the file")
        let mutated = original.replacingCharacters(in: range, with: change.replace)
        let findings = try Self.findings(in: mutated)
        #expect(findings.count == 1, "\(findings.map(\.message))")
        let finding = try #require(findings.first)
        #expect(finding.kind == .containerOption)
        let found = try #require(mutated.range(of: change.lineOf))
        #expect(finding.line == mutated[..<found.lowerBound].filter { $0 == "\n" }.count + 1, "\(finding.message)")
    }

    static let equivalents: [Change] = [
        Change(find: "    labels:\n      team: payments\n      tier: backend\n", replace: "    labels:\n    - team=payments\n    - tier=backend\n", lineOf: ""),
        Change(find: "metrics.internal=10.0.0.5", replace: "metrics.internal:10.0.0.5", lineOf: ""),
        Change(find: "    extra_hosts:\n    - \"metrics.internal=10.0.0.5\"\n", replace: "    extra_hosts:\n      metrics.internal: 10.0.0.5\n", lineOf: ""),
        Change(find: "entrypoint: tini -- /srv/start", replace: "entrypoint: [\"tini\", \"--\", \"/srv/start\"]", lineOf: ""),
        Change(find: "    tmpfs:\n    - /tmp\n", replace: "    tmpfs: /tmp\n", lineOf: ""),
        Change(find: "    devices:\n    - \"/dev/fuse:/dev/fuse:rwm\"\n", replace: "    devices:\n    - source: /dev/fuse\n      target: /dev/fuse\n      permissions: rwm\n", lineOf: ""),
        Change(find: "    privileged: false\n", replace: "", lineOf: ""),
        Change(find: "    cap_drop:\n    - ALL\n", replace: "    cap_drop: [ALL]\n", lineOf: ""),
        Change(find: "    - db_password\n", replace: "    - source: db_password\n", lineOf: ""),
        Change(find: "file: ./secrets/db_password.txt", replace: "file: secrets/db_password.txt", lineOf: ""),
        // As docker compose config writes them: a number of CPUs, memory in bytes.
        Change(find: "cpus: \"0.5\"", replace: "cpus: 0.50", lineOf: ""),
        Change(find: "memory: \"512M\"", replace: "memory: \"536870912\"", lineOf: ""),
        Change(find: "memory: \"128M\"", replace: "memory: 128m", lineOf: ""),
    ]

    @Test(arguments: equivalents)
    func anEquivalentFormIsNoFinding(_ change: Change) throws {
        let original = Self.rendered
        let range = try #require(original.range(of: change.find), "'\(change.find)' is not in the file")
        let findings = try Self.findings(in: original.replacingCharacters(in: range, with: change.replace))
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    /// What archdoc does not model is listed with its line, for import to name.
    @Test func unmodelledKeysAreListedWithTheirLines() throws {
        let text = "services:\n  api:\n    image: x\n    volumes_from: [other]\n    deploy:\n      replicas: 2\n      resources:\n        limits: {cpus: '1', pids: 10}\n      placement: {constraints: []}\n    x-owner: me\n"
        let service = try #require(ComposeParser().parse(Data(text.utf8), path: "compose.yaml").service("api"))
        #expect(service.unmodelled.map(\.value) == ["volumes_from", "deploy.resources.limits.pids", "deploy.placement"])
        #expect(service.unmodelled.map(\.line) == [4, 8, 9])
        #expect(service.options.cpuLimit == "1")
        // A long-syntax port's `mode: host` is said; the default `mode: ingress` (as config writes it) is not.
        let ports = "services:\n  api:\n    image: x\n    ports:\n      - {target: 80, published: 8080, mode: host}\n      - {target: 81, published: 8081, mode: ingress}\n"
        let withPorts = try #require(ComposeParser().parse(Data(ports.utf8), path: "compose.yaml").service("api"))
        #expect(withPorts.unmodelled.map(\.value) == ["ports.mode"])
        #expect(withPorts.unmodelled.map(\.line) == [5])
        #expect(service.replicas?.value == 2)
    }
}
