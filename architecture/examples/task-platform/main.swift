// The system of shared/reference/deployment-profiles.md: a FastAPI platform with
// Celery, PostgreSQL, Valkey, RabbitMQ and MinIO behind Caddy, run by docker
// compose in a dev and a prod profile.
import ArchitectureDescription

let user = Person("user", "User", description: "System user")

let caddy = Container(
    "caddy_reverse_proxy", "Caddy Reverse Proxy", technology: "Caddy:alpine",
    description: "Handles HTTP/HTTPS requests, routes to appropriate services", icon: .server)
let api = Container(
    "fastapi_server", "FastAPI Server", technology: "Python, FastAPI",
    description: "Serves the application's HTTP API", icon: .python)
let beat = Container(
    "celery_beat", "Celery Beat", technology: "Python, Celery",
    description: "Schedules periodic tasks", icon: .clock)
let worker = Container(
    "celery_worker", "Celery Worker", technology: "Python, Celery",
    description: "Processes asynchronous tasks", icon: .cogs)
let postgres = Container(
    "database", "PostgreSQL", kind: .database, technology: "Postgres 17",
    description: "Stores application data and Celery results", icon: .postgresql)
let valkey = Container(
    "redis_server", "Valkey", kind: .database, technology: "Valkey 8.1",
    description: "In-memory cache (Redis API compatible)", icon: .redis)
let rabbitmq = Container(
    "rabbitmq", "RabbitMQ", kind: .queue, technology: "RabbitMQ 3.13",
    description: "Message broker for task queue", icon: .rabbitmq)
let minio = Container(
    "minio_server", "MinIO", kind: .objectStore, technology: "MinIO",
    description: "Object storage for files", icon: .storage)
let migrator = Container(
    "db_migrator", "DB Migrator", technology: "Python, Alembic",
    description: "Handles database migrations", icon: .cogs)

let backendEnvironment = [
    "DATABASE_URL": "postgresql+asyncpg://app:${POSTGRES_PASSWORD}@database:5432/app",
    "REDIS_URL": "redis://redis_server:6379/0",
    "BROKER_URL": "amqp://guest:guest@rabbitmq:5672//",
    "S3_ENDPOINT": "http://minio_server:9000",
]

let architecture = Architecture("Task Platform", description: "A web API with background tasks, run with docker compose") {
    user
    SoftwareSystem("task_platform", "Task Platform", description: "Serves the API and runs background tasks") {
        caddy; api; beat; worker; postgres; valkey; rabbitmq; minio; migrator
    }

    user.uses(caddy, "Uses", technology: "HTTP/HTTPS")
    caddy.uses(api, "Routes requests to", technology: "HTTP")
    caddy.uses(minio, "Routes storage requests to", technology: "HTTP")
    api.uses(postgres, "Reads/writes data", technology: "SQL/asyncpg")
    api.uses(valkey, "Caches data", technology: "Redis protocol")
    api.uses(rabbitmq, "Publishes tasks", technology: "AMQP")
    api.uses(minio, "Stores/retrieves files", technology: "S3 API")
    beat.uses(postgres, "Schedules tasks in", technology: "SQL/asyncpg")
    beat.uses(rabbitmq, "Publishes scheduled tasks", technology: "AMQP")
    worker.uses(postgres, "Reads/writes data", technology: "SQL/asyncpg")
    worker.uses(rabbitmq, "Consumes tasks", technology: "AMQP")
    worker.uses(minio, "Stores/retrieves files", technology: "S3 API")
    migrator.uses(postgres, "Migrates schema", technology: "SQL/alembic")

    Deployment("Docker Compose Environment", description: "One docker compose project on a developer machine or a test VM") {
        Profile("dev", "Development", description: "Intended for local testing: file watching and server reload, pytest, linting and formatting tools")
        Profile("prod", "Production", description: "A production-like system state, for integration testing of a configuration before deployment into a k8s cluster")

        Volume("pgdata")
        Volume("minio_data")
        Volume("caddy_data")

        Service(caddy, image: "caddy:2-alpine", ports: ["80:80", "443:443"],
                volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro", "caddy_data:/data"],
                dependsOn: [.started(api), .started(minio)], restart: .unlessStopped)
        Service(api, build: "./backend", environment: backendEnvironment, envFiles: [".env"],
                dependsOn: [.healthy(postgres), .completed(migrator)], restart: .unlessStopped)
            .profile("dev", command: "uvicorn app.main:app --host 0.0.0.0 --port 8000 --reload",
                     technology: "Python, Uvicorn", description: "API server with hot reload for development")
            .profile("prod", command: "gunicorn app.main:app -k uvicorn.workers.UvicornWorker -w 4 -b 0.0.0.0:8000",
                     replicas: 2, technology: "Python, Gunicorn with Uvicorn workers",
                     description: "Production API server with multiple workers")
        Service(beat, build: "./backend", command: "celery -A app.worker beat --loglevel=info",
                environment: backendEnvironment, envFiles: [".env"],
                dependsOn: [.healthy(postgres), .healthy(rabbitmq)], restart: .unlessStopped)
        Service(worker, build: "./backend", command: "celery -A app.worker worker --loglevel=info",
                environment: backendEnvironment, envFiles: [".env"],
                dependsOn: [.healthy(postgres), .healthy(rabbitmq)], restart: .unlessStopped,
                profiles: ["prod"])
        Service(postgres, image: "postgres:17",
                environment: ["POSTGRES_DB": "app", "POSTGRES_USER": "app", "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD}"],
                volumes: ["pgdata:/var/lib/postgresql/data"],
                healthcheck: .command("pg_isready -U app -d app", interval: "5s", timeout: "5s", retries: 10),
                restart: .unlessStopped)
        Service(valkey, image: "valkey/valkey:8.1-alpine",
                healthcheck: .command("valkey-cli ping", interval: "10s", retries: 5), restart: .unlessStopped)
        Service(rabbitmq, image: "rabbitmq:3.13-management-alpine", ports: ["15672:15672"],
                healthcheck: .command("rabbitmq-diagnostics -q ping", interval: "10s", timeout: "10s", retries: 5),
                restart: .unlessStopped)
        Service(minio, image: "minio/minio:latest", command: "server /data --console-address :9001",
                ports: ["9001:9001"], environment: ["MINIO_ROOT_USER": "${MINIO_ROOT_USER}", "MINIO_ROOT_PASSWORD": "${MINIO_ROOT_PASSWORD}"],
                volumes: ["minio_data:/data"], restart: .unlessStopped)
        Service(migrator, build: "./backend", command: "alembic upgrade head",
                environment: backendEnvironment, dependsOn: [.healthy(postgres)], restart: .no)
        DocsServer(technology: "MkDocs", description: "Serves project documentation",
                   image: "squidfunk/mkdocs-material:9", command: "serve --dev-addr=0.0.0.0:8000",
                   port: "8000:8000", sitePath: ".", siteMount: "/docs", profiles: ["dev"])
    }

    // The planned production: the prod profile's services on Kubernetes (deploy/kubernetes/overlays/production).
    Environment(
        "production", "Production", description: "The cluster the prod profile prepares for",
        runsOn: .kubernetes(namespace: "task-platform"), status: .planned(), manifests: ["deploy/kubernetes/overlays/production"],
        kubernetes: Kubernetes(
            profile: Profile("prod"),
            images: [api: "registry.example.com/task-platform/backend:1.0", beat: "registry.example.com/task-platform/backend:1.0",
                     worker: "registry.example.com/task-platform/backend:1.0", migrator: "registry.example.com/task-platform/backend:1.0"],
            resources: [api: .init(cpu: "250m", memory: "256Mi", memoryLimit: "512Mi")],
            // In the cluster the hosts are the Services' DNS names.
            environment: Dictionary(uniqueKeysWithValues: [api, beat, worker, migrator].map {
                ($0, ["REDIS_URL": "redis://redis-server:6379/0", "S3_ENDPOINT": "http://minio-server:9000"])
            }),
            storage: .init(size: "10Gi")))
}
