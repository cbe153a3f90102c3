import ArchdocLoading
import ArchdocModel
import ArchitectureDescription
import Foundation
import TestSupport
import Testing
import Yams

/// The manifests of every example's Kubernetes environments, read by the real
/// tools: `kubectl kustomize` renders each overlay, kubernetes-validate
/// accepts every resource against the Kubernetes 1.30 schemas (strict), and
/// the rendered replicas, images and ports are the model's.
@Suite(.serialized) struct KubernetesManifestTests {
    static let examples = ["architecture/examples/parcel-tracker", "architecture/examples/task-platform"]

    @Test(arguments: examples)
    func everyOverlayRendersValidatesAndHoldsTheModel(example: String) throws {
        let kubectl = try Tools.path("KUBECTL")
        let validate = try Tools.path("KUBERNETES_VALIDATE")
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-k8s-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let source = ArchdocProcess.packageRoot.appendingPathComponent(example).path
        let generated = try ArchdocProcess.run(["generate", "--quiet", "-a", source], in: project)
        #expect(generated.status == 0, "\(generated.error)")
        let model = try ArchitectureLoader(environment: ["ARCHDOC_CACHE_DIR": ArchdocProcess.cacheFolder].merging(ProcessInfo.processInfo.environment) { first, _ in first })
            .load(from: source).model

        let environments = model.architecture.environments.filter { if case .kubernetes = $0.runtime { true } else { false } }
        #expect(!environments.isEmpty)
        for environment in environments {
            let settings = environment.kubernetes ?? Kubernetes()
            let overlay = project.appendingPathComponent("\(settings.path)/overlays/\(environment.id)")
            let rendered = try Tools.run(kubectl, ["kustomize", overlay.path])
            #expect(rendered.status == 0, "\(environment.id): \(rendered.output)")
            let file = project.appendingPathComponent("rendered-\(environment.id).yaml")
            try rendered.output.write(to: file, atomically: true, encoding: .utf8)
            let valid = try Tools.run(validate, ["-k", "1.30.0", "--strict", "--quiet", file.path])
            #expect(valid.status == 0, "\(environment.id): \(valid.output)")

            // Read back: one workload per service the environment runs, with the model's replicas, image and ports.
            let documents = try Yams.load_all(yaml: rendered.output).compactMap { $0 as? [String: Any] }
            guard case .kubernetes(_, let namespace, _) = environment.runtime else { continue }
            #expect(documents.allSatisfy { (($0["metadata"] as? [String: Any])?["namespace"] as? String) == namespace })
            let profile = settings.profile ?? model.profiles[0].id
            let services = model.deployedServices(in: profile).filter { !settings.outside.contains($0.name) }
            let workloads = documents.filter { ["Deployment", "StatefulSet", "Job"].contains($0["kind"] as? String) }
            #expect(workloads.count == services.count, "\(workloads.compactMap { ($0["metadata"] as? [String: Any])?["name"] })")
            for service in services {
                let name = service.name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
                let workload = try #require(workloads.first { (($0["metadata"] as? [String: Any])?["name"] as? String) == name }, "no workload \(name)")
                let spec = try #require(workload["spec"] as? [String: Any])
                if workload["kind"] as? String != "Job" {
                    #expect(spec["replicas"] as? Int == settings.replicas[service.name] ?? service.replicas ?? 1, "\(name) replicas")
                }
                let podSpec = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
                let container = try #require((podSpec["containers"] as? [[String: Any]])?.first)
                if let image = settings.images[service.name] ?? service.image { #expect(container["image"] as? String == image, "\(name) image") }
                if let http = service.service.healthcheck?.http {
                    // An HTTP check of the model is Kubernetes' own httpGet probe.
                    let get = (container["readinessProbe"] as? [String: Any])?["httpGet"] as? [String: Any]
                    #expect(get?["path"] as? String == http.path && get?["port"] as? Int == http.port, "\(name) probe: \(String(describing: container["readinessProbe"]))")
                }
                let ports = ((container["ports"] as? [[String: Any]]) ?? []).compactMap { $0["containerPort"] as? Int }
                #expect(ports == service.service.ports.compactMap { Int($0.target) }, "\(name) ports")
            }
            #expect(!rendered.output.contains("never-written"))
        }
    }

    /// A reverse proxy's routes become the overlay's Ingress, which kubectl renders and the schemas accept.
    @Test func routesBecomeAnIngress() throws {
        let source = """
            import ArchitectureDescription

            let proxy = Container("nginx", "Proxy", technology: "Nginx", description: "Routes")
            let api = Container("api", "API", technology: "Go", description: "Serves")
            let web = Container("web", "Web", kind: .webApp, technology: "Vue", description: "Shows")
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop", description: "Sells") { proxy; api; web }
                Deployment {
                    Service(proxy, image: "nginx:1.27", ports: ["80:80"], routes: [Route("/api/*", to: api, port: 8080), Route("/", to: web, port: 80)])
                    Service(api, image: "shop/api:1", ports: ["8080"])
                    Service(web, image: "shop/web:1", ports: ["8081:80"])
                }
                Environment("production", "Production", runsOn: .kubernetes(namespace: "shop"),
                            kubernetes: Kubernetes(ingress: .init(host: "shop.example.com", tlsSecret: "shop-tls")))
            }
            """
        let project = try TemporaryProject(files: ["main.swift": source])
        let generated = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(generated.status == 0, "\(generated.error)")
        let rendered = try Tools.run(try Tools.path("KUBECTL"), ["kustomize", project.path("deploy/kubernetes/overlays/production")])
        #expect(rendered.status == 0, "\(rendered.output)")
        try rendered.output.write(toFile: project.path("rendered.yaml"), atomically: true, encoding: .utf8)
        let valid = try Tools.run(try Tools.path("KUBERNETES_VALIDATE"), ["-k", "1.30.0", "--strict", "--quiet", project.path("rendered.yaml")])
        #expect(valid.status == 0, "\(valid.output)")
        let ingress = try #require(try Yams.load_all(yaml: rendered.output).compactMap { $0 as? [String: Any] }.first { $0["kind"] as? String == "Ingress" })
        let spec = try #require(ingress["spec"] as? [String: Any])
        let rule = try #require((spec["rules"] as? [[String: Any]])?.first)
        #expect(rule["host"] as? String == "shop.example.com")
        let paths = try #require((rule["http"] as? [String: Any])?["paths"] as? [[String: Any]])
        #expect(paths.map { $0["path"] as? String } == ["/api", "/"])
        #expect(paths.map { ((($0["backend"] as? [String: Any])?["service"] as? [String: Any])?["port"] as? [String: Any])?["number"] as? Int } == [8080, 80])
        #expect(((spec["tls"] as? [[String: Any]])?.first?["secretName"] as? String) == "shop-tls")
    }

    /// A value that names a compose host the cluster calls otherwise (`cache_server` is the Service
    /// `cache-server`) is a warning at the service's line, until Kubernetes(environment:) sets it.
    @Test func aComposeHostNameTheClusterRenamesIsAWarning() throws {
        func source(override: Bool) -> String {
            """
            import ArchitectureDescription

            let api = Container("api", "API", technology: "Go", description: "Serves")
            let cache = Container("cache_server", "Cache", kind: .database, technology: "Valkey", description: "Caches")
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop", description: "Sells") { api; cache }
                Deployment {
                    Service(api, image: "shop/api:1", environment: ["CACHE_URL": "redis://cache_server:6379"])
                    Service(cache, image: "valkey/valkey:8") // CACHE
                }
                Environment("production", "Production", runsOn: .kubernetes(namespace: "shop"),
                            kubernetes: Kubernetes(environment: \(override ? "[api: [\"CACHE_URL\": \"redis://cache-server:6379\"]]" : "[:]")))
            }
            """
        }
        let project = try TemporaryProject(files: ["main.swift": source(override: false)])
        let warned = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(warned.status == 0)
        let line = try project.line(of: "// CACHE")
        #expect(warned.error.contains("main.swift:\(line):") && warned.error.contains("warning: [kubernetes] service 'cache_server' is the Service 'cache-server'"), "\(warned.error)")
        #expect(warned.error.contains("api.CACHE_URL"))
        try source(override: true).write(toFile: project.path("architecture/main.swift"), atomically: true, encoding: .utf8)
        let quiet = try ArchdocProcess.run(["generate"], in: project.root)
        #expect(quiet.status == 0)
        #expect(!quiet.error.contains("[kubernetes]"), "\(quiet.error)")
        #expect(try project.read("deploy/kubernetes/base/api.yaml").contains("redis://cache-server:6379"))
    }

    /// Two environments on Kubernetes that run different profiles share one
    /// base; each overlay patches what differs (image, arguments, resources,
    /// environment, replicas, what it leaves out), so kubectl renders each
    /// exactly as the model says: `check` finds nothing in either.
    @Test func eachOverlayRendersItsOwnEnvironment() throws {
        let source = """
            import ArchitectureDescription

            let api = Container("api", "API", technology: "Go", description: "Serves")
            let worker = Container("worker", "Worker", technology: "Go", description: "Works")
            let db = Container("db", "Database", kind: .database, technology: "PostgreSQL", description: "Stores")
            let staging = Profile("staging")
            let prod = Profile("prod")
            let architecture = Architecture("Shop") {
                SoftwareSystem("shop", "Shop", description: "Sells") { api; worker; db }
                Deployment {
                    staging
                    prod
                    Service(api, image: "shop/api:1.0", command: "serve", ports: ["8080"], environment: ["LOG_LEVEL": "debug", "MODE": "test"])
                        .profile("prod", command: "serve --workers 4", image: "shop/api:1.1", replicas: 3, environment: ["LOG_LEVEL": "info"])
                    Service(worker, image: "shop/worker:1.0", environment: ["QUEUE": "jobs"], profiles: ["staging"])
                    Service(db, image: "postgres:17", volumes: ["pgdata:/var/lib/postgresql/data"])
                }
                Environment("staging", "Staging", runsOn: .kubernetes(namespace: "shop-staging"), kubernetes: Kubernetes(profile: staging))
                Environment("production", "Production", runsOn: .kubernetes(namespace: "shop"),
                            kubernetes: Kubernetes(profile: prod, outside: [db], resources: [api: .init(cpu: "500m", memory: "512Mi")]))
            }
            """
        let project = try TemporaryProject(files: ["main.swift": source])
        let generated = try ArchdocProcess.run(["generate", "--quiet"], in: project.root)
        #expect(generated.status == 0, "\(generated.error)")
        for environment in ["staging", "production"] {
            let overlay = "deploy/kubernetes/overlays/\(environment)"
            let rendered = try Tools.run(try Tools.path("KUBECTL"), ["kustomize", project.path(overlay)])
            #expect(rendered.status == 0, "\(environment): \(rendered.output)")
            try rendered.output.write(toFile: project.path("\(environment).yaml"), atomically: true, encoding: .utf8)
            let valid = try Tools.run(try Tools.path("KUBERNETES_VALIDATE"), ["-k", "1.30.0", "--strict", "--quiet", project.path("\(environment).yaml")])
            #expect(valid.status == 0, "\(environment): \(valid.output)")
            let check = try ArchdocProcess.run(["check", "--quiet", "-k", overlay], in: project.root)
            #expect(check.status == 0, "\(environment): \(check.output)\(check.error)")
        }
        let production = try project.read("production.yaml")
        #expect(production.contains("image: shop/api:1.1") && production.contains("replicas: 3") && production.contains("--workers"))
        #expect(!production.contains("name: worker") && !production.contains("name: db"))
        #expect(production.contains("LOG_LEVEL: info") && production.contains("cpu: 500m"))
        let staging = try project.read("staging.yaml")
        #expect(staging.contains("image: shop/api:1.0") && staging.contains("LOG_LEVEL: debug") && staging.contains("name: worker"))
    }
}
