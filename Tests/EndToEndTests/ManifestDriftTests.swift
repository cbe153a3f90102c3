import ArchdocDrift
import ArchdocLoading
import ArchdocManifestFiles
import ArchdocModel
import Foundation
import Testing

/// `check` on Kubernetes manifests. The fixture is what kubectl kustomize
/// renders from task-platform's generated layout, so it matches the model;
/// each mutation is one change and gives exactly one finding of its kind at
/// its line, and each equivalent rewrite gives none.
@Suite(.serialized) struct ManifestDriftTests {
    struct Fixture {
        var model: ArchitectureModel
        var rendered: String
        var project: URL
    }

    static let example = "architecture/examples/task-platform"

    static let fixture: Fixture = {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-manifests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent(example).path
        let generated = try! ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project)
        precondition(generated.status == 0, generated.error)
        let rendered = try! Tools.run(try! Tools.path("KUBECTL"), ["kustomize", project.appendingPathComponent("deploy/kubernetes/overlays/production").path])
        precondition(rendered.status == 0, rendered.output)
        let environment = ProcessInfo.processInfo.environment.merging(["ARCHDOC_CACHE_DIR": ArchdocProcess.cacheFolder]) { _, new in new }
        let model = try! ArchitectureLoader(environment: environment).load(from: source).model
        return Fixture(model: model, rendered: rendered.output, project: project)
    }()

    static func findings(_ text: String) throws -> [Finding] {
        let model = fixture.model
        let resources = try ManifestReader().read(text, path: "plain.yaml")
        return ManifestDrift(model: model, environment: model.kubernetesEnvironments[0]).findings(against: resources)
    }

    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var find: String
        var replace: String
        var kind: Finding.Kind
        /// The text of the line the finding points at in the mutated file; `nil`: the model's declaration.
        var lineOf: String?
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "image tag", find: "image: postgres:17", replace: "image: postgres:16", kind: .image, lineOf: "image: postgres:16"),
        Mutation(name: "image name", find: "image: valkey/valkey:8.1-alpine", replace: "image: redis:7", kind: .image, lineOf: "image: redis:7"),
        Mutation(name: "image of a Job", find: "image: registry.example.com/task-platform/backend:1.0\n        name: db-migrator",
                 replace: "image: registry.example.com/task-platform/backend:1.1\n        name: db-migrator", kind: .image, lineOf: "backend:1.1"),
        Mutation(name: "replicas raised", find: "  replicas: 2\n", replace: "  replicas: 3\n", kind: .replicas, lineOf: "  replicas: 3"),
        Mutation(name: "replicas lowered", find: "  replicas: 2\n", replace: "  replicas: 1\n", kind: .replicas, lineOf: nil),
        Mutation(name: "container port", find: "- containerPort: 15672", replace: "- containerPort: 15673", kind: .port, lineOf: "- containerPort: 15673"),
        Mutation(name: "container port removed", find: "        - containerPort: 443\n          protocol: TCP\n", replace: "", kind: .port, lineOf: "- containerPort: 80"),
        Mutation(name: "Service port", find: "    port: 9001\n", replace: "    port: 9002\n", kind: .servicePort, lineOf: "- name: tcp-9001"),
        Mutation(name: "Service target port", find: "    targetPort: 15672\n", replace: "    targetPort: 15673\n", kind: .servicePort, lineOf: "- name: tcp-15672"),
        Mutation(name: "Service protocol", find: "    protocol: TCP\n    targetPort: 443\n", replace: "    protocol: UDP\n    targetPort: 443\n", kind: .servicePort, lineOf: "- name: tcp-80"),
        Mutation(name: "Service renamed away", find: "  name: minio-server\n  namespace: task-platform\nspec:\n  ports:", replace: "  name: minio\n  namespace: task-platform\nspec:\n  ports:",
                 kind: .servicePort, lineOf: "  name: minio-server\n  namespace: task-platform\nspec:\n  replicas"),
        Mutation(name: "ConfigMap value", find: "  POSTGRES_DB: app\n", replace: "  POSTGRES_DB: application\n", kind: .environment, lineOf: "  POSTGRES_DB: application"),
        Mutation(name: "ConfigMap key added", find: "  POSTGRES_DB: app\n", replace: "  POSTGRES_DB: app\n  POSTGRES_INITDB_ARGS: --data-checksums\n", kind: .environment,
                 lineOf: "  POSTGRES_INITDB_ARGS"),
        Mutation(name: "ConfigMap key removed", find: "  POSTGRES_USER: app\n", replace: "", kind: .environment, lineOf: "        - name: POSTGRES_PASSWORD"),
        Mutation(name: "Secret reference", find: "              key: POSTGRES_PASSWORD\n              name: task-platform-secrets", replace: "              key: POSTGRES_PASSWORD\n              name: postgres-secrets",
                 kind: .environment, lineOf: "        - name: POSTGRES_PASSWORD"),
        Mutation(name: "a plain env value added", find: "        envFrom:\n        - configMapRef:\n            name: fastapi-server-env\n",
                 replace: "        - name: DEBUG\n          value: \"1\"\n        envFrom:\n        - configMapRef:\n            name: fastapi-server-env\n", kind: .environment,
                 lineOf: "        - name: DATABASE_URL\n          valueFrom:\n            secretKeyRef:\n              key: DATABASE_URL\n              name: task-platform-secrets\n        - name: DEBUG"),
        Mutation(name: "readiness probe command", find: "            - pg_isready -U app -d app\n          failureThreshold: 10\n          periodSeconds: 5\n          timeoutSeconds: 5\n        volumeMounts:",
                 replace: "            - pg_isready\n          failureThreshold: 10\n          periodSeconds: 5\n          timeoutSeconds: 5\n        volumeMounts:", kind: .healthcheck,
                 lineOf: "\n            - sh\n            - -c\n            - pg_isready\n"),
        Mutation(name: "CPU request", find: "            cpu: 250m", replace: "            cpu: 500m", kind: .resources, lineOf: "            cpu: 500m"),
        Mutation(name: "memory limit", find: "            memory: 512Mi", replace: "            memory: 1Gi", kind: .resources, lineOf: "            memory: 1Gi"),
        Mutation(name: "memory request removed", find: "            cpu: 250m\n            memory: 256Mi\n", replace: "            cpu: 250m\n", kind: .resources, lineOf: "            cpu: 250m\n"),
        Mutation(name: "mount path", find: "- mountPath: /var/lib/postgresql/data", replace: "- mountPath: /var/lib/pg", kind: .volume, lineOf: "- mountPath: /var/lib/pg"),
        Mutation(name: "workload kind", find: "kind: StatefulSet\nmetadata:\n  labels:\n    app.kubernetes.io/component: database",
                 replace: "kind: Deployment\nmetadata:\n  labels:\n    app.kubernetes.io/component: database", kind: .workloadKind,
                 lineOf: "kind: Deployment\nmetadata:\n  labels:\n    app.kubernetes.io/component: database\n    app.kubernetes.io/managed-by: archdoc\n    app.kubernetes.io/name: database\n"),
        Mutation(name: "workload renamed", find: "  name: redis-server\n  namespace: task-platform\nspec:\n  replicas: 1", replace: "  name: valkey\n  namespace: task-platform\nspec:\n  replicas: 1",
                 kind: .workloadNotInManifests, lineOf: "  name: valkey"),
        Mutation(name: "argument changed", find: "        - \"4\"\n", replace: "        - \"8\"\n", kind: .command, lineOf: "        - gunicorn"),
        Mutation(name: "Job removed", find: "apiVersion: batch/v1\nkind: Job\n", replace: "apiVersion: batch/v1\nkind: CronJob\n", kind: .workloadNotInManifests, lineOf: nil),
        Mutation(name: "workload added", find: "apiVersion: batch/v1\nkind: Job\n",
                 replace: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: extra\nspec:\n  template:\n    spec:\n      containers:\n      - name: extra\n        image: busybox\n---\napiVersion: batch/v1\nkind: Job\n",
                 kind: .workloadNotInModel, lineOf: "  name: extra"),
    ]

    /// The 1-based line of the first line of `marker` (which may span lines) in `text`.
    static func line(of marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1 + (marker.hasPrefix("\n") ? 1 : 0)
    }

    @Test func theRenderedLayoutMatchesTheModel() throws {
        #expect(try Self.findings(Self.fixture.rendered).map(\.message) == [])
    }

    @Test(arguments: mutations)
    func mutationGivesOneFindingAtItsLine(mutation: Mutation) throws {
        let original = Self.fixture.rendered
        #expect(original.components(separatedBy: mutation.find).count == 2, "the fixture must hold \(mutation.find.debugDescription) once")
        let text = original.replacingOccurrences(of: mutation.find, with: mutation.replace)
        let found = try Self.findings(text)
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(found.first?.kind == mutation.kind, "\(found.map(\.message))")
        if let marker = mutation.lineOf {
            #expect(found.first?.line == Self.line(of: marker, in: text), "\(found.map { "\($0.line ?? 0): \($0.message)" })")
            #expect(found.first?.file == "plain.yaml")
        }
        #expect(found.first?.modelLocation != nil || mutation.kind == .workloadNotInModel)
    }

    /// Rewrites that change the form, not the meaning.
    static let equivalents: [(String, @Sendable (String) -> String)] = [
        ("quoted strings", { $0.replacingOccurrences(of: "image: postgres:17", with: "image: \"postgres:17\"") }),
        ("single quotes", { $0.replacingOccurrences(of: "  POSTGRES_DB: app", with: "  POSTGRES_DB: 'app'") }),
        ("x:latest as x", { $0.replacingOccurrences(of: "image: minio/minio:latest", with: "image: minio/minio") }),
        ("1000m as 1 and 256Mi as 268435456", { $0.replacingOccurrences(of: "cpu: 250m", with: "cpu: \"0.25\"").replacingOccurrences(of: "memory: 256Mi", with: "memory: \"268435456\"") }),
        ("512Mi as 0.5Gi", { $0.replacingOccurrences(of: "memory: 512Mi", with: "memory: 0.5Gi") }),
        ("documents in a List", { text in
            let documents = text.components(separatedBy: "\n---\n").map { "- " + $0.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\n", with: "\n  ") }
            return "apiVersion: v1\nkind: List\nitems:\n" + documents.joined(separator: "\n") + "\n"
        }),
        ("documents in another order", { $0.components(separatedBy: "\n---\n").reversed().map { $0.trimmingCharacters(in: .newlines) }.joined(separator: "\n---\n") + "\n" }),
        ("comments and a leading ---", { "# rendered for review\n---\n" + $0.replacingOccurrences(of: "kind: Job\n", with: "kind: Job # the migrator\n") }),
        ("flow style lists", { $0.replacingOccurrences(of: "            command:\n            - sh\n            - -c\n            - pg_isready -U app -d app\n", with: "            command: [sh, -c, pg_isready -U app -d app]\n") }),
        ("labels and annotations added", { $0.replacingOccurrences(of: "  name: database\n  namespace: task-platform\n", with: "  annotations:\n    owner: platform\n  name: database\n  namespace: task-platform\n") }),
        ("ports numbers quoted as YAML ints", { $0.replacingOccurrences(of: "containerPort: 15672", with: "containerPort: 0x3D38") }),
        ("key order inside a container", { $0.replacingOccurrences(of: "        image: postgres:17\n", with: "").replacingOccurrences(of: "        name: database\n", with: "        name: database\n        image: postgres:17\n") }),
    ]

    @Test(arguments: equivalents.indices)
    func equivalentRewriteGivesNoFinding(index: Int) throws {
        let (name, rewrite) = Self.equivalents[index]
        let text = rewrite(Self.fixture.rendered)
        #expect(text != Self.fixture.rendered, "\(name) changed nothing")
        #expect(try Self.findings(text).map(\.message) == [], "\(name)")
    }

    /// `check -k` renders the overlay with kubectl and points each finding
    /// back into the source: replicas at the overlay's entry, an image at the base file's line.
    @Test func checkWithAKustomizeFolderPointsIntoItsFiles() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-check-k-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent(Self.example).path
        #expect(try ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project).status == 0)
        let overlay = "deploy/kubernetes/overlays/production"
        let clean = try ArchdocProcess.run(["check", "--quiet", "-a", source, "-k", overlay], in: project)
        #expect(clean.status == 0, "\(clean.output)\(clean.error)")

        let kustomization = project.appendingPathComponent("\(overlay)/kustomization.yaml")
        let overlayText = try String(contentsOf: kustomization, encoding: .utf8).replacingOccurrences(of: "  count: 2", with: "  count: 5")
        try overlayText.write(to: kustomization, atomically: true, encoding: .utf8)
        let base = project.appendingPathComponent("deploy/kubernetes/base/database.yaml")
        let baseText = try String(contentsOf: base, encoding: .utf8).replacingOccurrences(of: "image: postgres:17", with: "image: postgres:16")
        try baseText.write(to: base, atomically: true, encoding: .utf8)
        let result = try ArchdocProcess.run(["check", "--quiet", "-a", source, "-k", overlay], in: project)
        #expect(result.status == 1)
        let replicasLine = try #require(Self.line(of: "  count: 5", in: overlayText))
        let imageLine = try #require(Self.line(of: "image: postgres:16", in: baseText))
        #expect(result.output.contains("\(overlay)/kustomization.yaml:\(replicasLine): [replicas]"), "\(result.output)")
        #expect(result.output.contains("deploy/kubernetes/base/database.yaml:\(imageLine): [image]"), "\(result.output)")
    }

    /// A manifest that is not YAML, not Kubernetes, or too large exits 65 at its place; nothing is written.
    @Test(arguments: [
        ("not-yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n", ":5:"),
        ("not-kubernetes", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\nservices:\n  web:\n    image: x\n", ":6:1: error: [manifest] is not a Kubernetes resource"),
        ("no-name", "apiVersion: apps/v1\nkind: Deployment\nspec: {}\n", ":1:1: error: [manifest] has a Deployment without metadata.name"),
    ])
    func badManifestsExit65AtTheirPlace(name: String, text: String, expected: String) throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-bad-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try text.write(to: project.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
        let source = ArchdocProcess.packageRoot.appendingPathComponent(Self.example).path
        let result = try ArchdocProcess.run(["check", "--quiet", "-a", source, "-f", "\(name).yaml"], in: project)
        #expect(result.status == 65, "\(result.output)\(result.error)")
        #expect(result.error.contains("\(name).yaml\(expected)"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func aManifestOverTheSizeLimitIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-large-\(UUID().uuidString).yaml").path
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: \"" + String(repeating: "x", count: ManifestReader.sizeLimit) + "\"\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ManifestError.self) { try ManifestReader().read(contentsOf: path) }
        do { _ = try ManifestReader().read(contentsOf: path) } catch { #expect(error.description.contains("over the limit of 4194304 bytes")) }
    }

    /// An HTTP check is compared as Kubernetes' httpGet: its path and port.
    @Test func anHTTPProbesPathIsCompared() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-http-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent("architecture/examples/parcel-tracker").path
        #expect(try ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project).status == 0)
        let rendered = try Tools.run(try Tools.path("KUBECTL"), ["kustomize", project.appendingPathComponent("deploy/kubernetes/overlays/production").path])
        #expect(rendered.output.contains("path: /healthz"))
        let environment = ProcessInfo.processInfo.environment.merging(["ARCHDOC_CACHE_DIR": ArchdocProcess.cacheFolder]) { _, new in new }
        let model = try ArchitectureLoader(environment: environment).load(from: source).model
        func findings(_ text: String) throws -> [Finding] {
            ManifestDrift(model: model, environment: model.kubernetesEnvironments[0]).findings(against: try ManifestReader().read(text, path: "plain.yaml"))
        }
        #expect(try findings(rendered.output).map(\.message) == [])
        let mutated = rendered.output.replacingOccurrences(of: "path: /healthz", with: "path: /ready")
        #expect(mutated != rendered.output)
        let found = try findings(mutated)
        #expect(found.count == 1 && found.first?.kind == .healthcheck, "\(found.map(\.message))")
    }
}
