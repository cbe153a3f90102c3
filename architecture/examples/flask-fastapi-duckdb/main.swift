// The system of shared/reference/deployment-view.md: a Flask frontend and a
// FastAPI backend behind an Nginx reverse proxy, with DuckDB as a file on the
// host, run by docker compose on a single VM.
import ArchitectureDescription

let user = Person("user", "User", description: "Uses the web application through a browser, from the internet")

let nginx = Container(
    "nginx", "Nginx Reverse Proxy", technology: "Nginx",
    description: "Accepts HTTP and HTTPS; routes /api/* to the backend and everything else to the frontend",
    icon: .nginx, properties: ["config": "nginx/docker-compose.conf"])
let frontend = Container(
    "frontend", "Flask Frontend", kind: .webApp, technology: "Python, Flask",
    description: "Renders the web pages; stateless", icon: .python)
let backend = Container(
    "backend", "FastAPI Backend", technology: "Python, FastAPI",
    description: "Serves the HTTP API; stateless, keeps its data in DuckDB", icon: .python)
let duckdb = Container(
    "db", "DuckDB", kind: .database, technology: "DuckDB (embedded)",
    description: "File on host, opened in-process by the backend",
    icon: .database, properties: ["file": "data/app.db", "mounted at": "/app/data"])

let architecture = Architecture(
    "Flask, FastAPI and DuckDB", description: "A small web application: Flask pages over a FastAPI API with an embedded DuckDB"
) {
    user
    SoftwareSystem("web_app", "Web Application", description: "Serves the web pages and the API behind one reverse proxy") {
        nginx; frontend; backend; duckdb
    }

    user.uses(nginx, "Opens the web app", technology: "HTTP/HTTPS, browser")
    user.uses(frontend, "Opens the web app directly, without the proxy", technology: "HTTP, browser")
    nginx.uses(frontend, "Routes / to", technology: "HTTP")
    nginx.uses(backend, "Routes /api/* to", technology: "HTTP")
    frontend.uses(backend, "Calls the API of", technology: "HTTP/JSON")
    backend.uses(duckdb, "Reads/writes data", technology: "DuckDB, in-process")

    Deployment(
        "Docker Compose",
        description: "All services are containerized and orchestrated with docker compose",
        motivation: "All three components run on a single VM (or as Docker containers) for simplicity and low operational overhead.",
        qualityFeatures: "The frontend and backend are stateless; DuckDB persists data on the host filesystem, so the data survives container restarts via the volume mount."
    ) {
        Network("app-network", driver: "bridge")

        Node("docker_host", "Docker Host / VM", technology: "Docker Engine", description: "A single VM that runs every container") {
            Service(backend, build: "./backend", ports: ["12000:12000"],
                    environment: ["DUCKDB_PATH": "/app/data/app.db"], envFiles: [".env"],
                    volumes: ["./data:/app/data"], networks: ["app-network"],
                    healthcheck: .exec(["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:12000/health')"],
                                       interval: "10s", timeout: "5s", retries: 5, startPeriod: "10s"),
                    restart: .unlessStopped)
            Service(frontend, build: "./frontend", ports: ["12001:12001"],
                    environment: ["BACKEND_URL": "http://backend:12000"], envFiles: [".env"],
                    networks: ["app-network"], dependsOn: [.healthy(backend)], restart: .unlessStopped)
            Service(nginx, image: "nginx:1.27-alpine", ports: ["80:80", "443:443"],
                    volumes: ["./nginx/docker-compose.conf:/etc/nginx/conf.d/default.conf:ro"],
                    networks: ["app-network"], dependsOn: [.started(frontend), .started(backend)],
                    restart: .unlessStopped,
                    routes: [Route("/api/*", to: backend, port: 12000), Route("/", to: frontend, port: 12001)])
        }
    }
}
