/// What an environment on Kubernetes needs beyond the compose model, each
/// with a default: which profile's services it runs, replicas, what stays
/// outside the cluster, images for services that only build, resources,
/// storage, the Service type, an ingress and an image pull secret.
///
/// ```swift
/// Environment("production", "Production", runsOn: .kubernetes(version: "1.30", namespace: "shop"),
///             kubernetes: Kubernetes(profile: prod, replicas: [api: 3], outside: [db],
///                                    resources: [api: Resources(cpu: "250m", memory: "256Mi")],
///                                    ingress: Ingress(host: "shop.example.com", tlsSecret: "shop-tls")))
/// ```
public struct Kubernetes: Codable, Hashable, Sendable {
    /// The profile whose services and settings the environment runs; `nil` for the services of every profile.
    public var profile: String?
    /// Replicas per container id, over the profile's.
    public var replicas: [String: Int]
    /// Ids of the containers that run outside the cluster, such as a managed database.
    public var outside: [String]
    /// The image per container id, for services that only build one.
    public var images: [String: String]
    /// Requests and limits per container id.
    public var resources: [String: Resources]
    /// Environment values per container id that differ in the cluster, over the profile's,
    /// such as a URL that names a Service (`redis-server`) where compose names the service (`redis_server`).
    public var environment: [String: [String: String]]
    /// The claims of named volumes.
    public var storage: Storage
    /// How Services are exposed.
    public var serviceType: ServiceType
    /// The ingress for the routes of a reverse proxy.
    public var ingress: Ingress?
    /// The Secret that pulls images from a private registry.
    public var imagePullSecret: String?
    /// The Secret that holds secret variables no `.kubernetesSecret` source names.
    public var secretName: String?
    /// The folder of the kustomize layout: `<path>/base` and `<path>/overlays/<environment>`.
    public var path: String

    /// Kubernetes settings; every one has a default.
    public init(
        profile: Profile? = nil,
        replicas: [Container: Int] = [:],
        outside: [Container] = [],
        images: [Container: String] = [:],
        resources: [Container: Resources] = [:],
        environment: [Container: [String: String]] = [:],
        storage: Storage = Storage(),
        serviceType: ServiceType = .clusterIP,
        ingress: Ingress? = nil,
        imagePullSecret: String? = nil,
        secretName: String? = nil,
        path: String = "deploy/kubernetes"
    ) {
        self.profile = profile?.id
        self.replicas = Dictionary(replicas.map { ($0.key.id, $0.value) }) { first, _ in first }
        self.outside = outside.map(\.id)
        self.images = Dictionary(images.map { ($0.key.id, $0.value) }) { first, _ in first }
        self.resources = Dictionary(resources.map { ($0.key.id, $0.value) }) { first, _ in first }
        self.environment = Dictionary(environment.map { ($0.key.id, $0.value) }) { first, _ in first }
        self.storage = storage
        self.serviceType = serviceType
        self.ingress = ingress
        self.imagePullSecret = imagePullSecret
        self.secretName = secretName
        self.path = path
    }

    /// Requests and, optionally, limits of CPU and memory, in Kubernetes quantities (`250m`, `512Mi`).
    public struct Resources: Codable, Hashable, Sendable {
        /// The CPU it requests, such as `250m`.
        public var cpu: String?
        /// The memory it requests, such as `256Mi`.
        public var memory: String?
        /// The most CPU it may use, such as `1`.
        public var cpuLimit: String?
        /// The most memory it may use, such as `512Mi`.
        public var memoryLimit: String?

        /// Requests, and limits when given.
        public init(cpu: String? = nil, memory: String? = nil, cpuLimit: String? = nil, memoryLimit: String? = nil) {
            self.cpu = cpu
            self.memory = memory
            self.cpuLimit = cpuLimit
            self.memoryLimit = memoryLimit
        }
    }

    /// The size and class of the claims of named volumes.
    public struct Storage: Codable, Hashable, Sendable {
        /// Per claim, such as `10Gi`.
        public var size: String
        /// The storage class; `nil` for the cluster's default.
        public var storageClass: String?

        /// A claim size (default `1Gi`) and class.
        public init(size: String = "1Gi", storageClass: String? = nil) {
            self.size = size
            self.storageClass = storageClass
        }
    }

    /// How a Service is reached.
    public enum ServiceType: String, Codable, Hashable, Sendable {
        case clusterIP = "ClusterIP"
        case nodePort = "NodePort"
        case loadBalancer = "LoadBalancer"
    }

    /// An ingress host, and the Secret of its TLS certificate.
    public struct Ingress: Codable, Hashable, Sendable {
        /// The host name the ingress answers to, such as `tasks.example.com`.
        public var host: String
        /// The secret that holds the TLS certificate for the host, if it serves HTTPS.
        public var tlsSecret: String?
        /// The ingress class that serves it, such as `nginx`.
        public var className: String?

        /// An ingress for `host`.
        public init(host: String, tlsSecret: String? = nil, className: String? = nil) {
            self.host = host
            self.tlsSecret = tlsSecret
            self.className = className
        }
    }
}
