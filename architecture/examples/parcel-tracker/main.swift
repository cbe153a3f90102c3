// The system of shared/reference/delivery-and-environments.md: a Go API, a
// Vue single-page app behind Nginx, a Go poller of carrier APIs, PostgreSQL
// and NATS, with four environments, a GitLab pipeline, promotion, rollback,
// operations, configuration and open questions.
import ArchitectureDescription

let customer = Person("customer", "Customer", description: "Looks up where a parcel is")
let dhl = SoftwareSystem("dhl", "DHL", description: "Carrier API for tracking events", isExternal: true)
let ups = SoftwareSystem("ups", "UPS", description: "Carrier API for tracking events", isExternal: true)

let api = Container("api", "Parcel API", technology: "Go", description: "Serves parcels and their events over HTTP/JSON")
let web = Container("web", "Web App", kind: .webApp, technology: "Vue, served by Nginx", description: "The single-page app customers use")
let poller = Container("poller", "Carrier Poller", technology: "Go", description: "Background worker that polls the carrier APIs")
let db = Container("db", "Parcel Database", kind: .database, technology: "PostgreSQL 16", description: "Parcels, events and customers")
let bus = Container("bus", "Event Bus", kind: .queue, technology: "NATS 2.10, JetStream on", description: "Parcel events between poller and API")
let mailpit = Container("mailpit", "Mailpit", technology: "Mailpit", description: "Catches e-mail in development")

let dev = Profile("dev", "Development", description: "Local development: hot reload for web (Vite) and api (air); Mailpit catches e-mail")
let prod = Profile("prod", "Production-like", description: "The images as they run in staging")

let local = Environment("local", "Local", runsOn: .compose(dev, on: .developerLaptop), composeFiles: ["compose.yaml"],
                        notes: ["Hot reload for web (Vite) and api (air)", "Mailpit catches e-mail"])
let ci = Environment("ci", "CI", runsOn: .ciRunners(.gitLabCI, runners: "shared, Docker executor"), composeFiles: ["ci/compose.test.yaml"],
                     notes: ["Ephemeral: a fresh database per pipeline, nothing kept between runs"])
let staging = Environment("staging", "Staging", runsOn: .compose(prod, on: .vm(cpus: 4, memoryGB: 8)), composeFiles: ["compose.yaml"],
                          notes: ["Receives every build of main automatically",
                                  "Runs the same images as production will; only replicas, resources and the database location differ"])
let production = Environment(
    "production", "Production", runsOn: .kubernetes(version: "1.30", namespace: "parcel-tracker"), status: .planned("Q3"),
    manifests: ["deploy/kubernetes/overlays/production"],
    notes: ["3 replicas of api, 2 of web, 1 poller", "Managed PostgreSQL outside the cluster", "Hosting provider: to be decided"],
    kubernetes: Kubernetes(
        profile: prod, replicas: [api: 3, web: 2, poller: 1], outside: [db],
        images: [api: "registry.gitlab.example.com/parcel/api:1.4.2", web: "registry.gitlab.example.com/parcel/web:1.4.2",
                 poller: "registry.gitlab.example.com/parcel/poller:1.4.2"],
        secretName: "parcel-tracker"))

let registry = Registry("gitlab", url: "registry.gitlab.example.com/parcel/<image>:<sha>", name: "GitLab container registry")

let architecture = Architecture("Parcel Tracker", description: "Shows customers where their parcels are") {
    customer
    dhl
    ups
    SoftwareSystem("parcel_tracker", "Parcel Tracker", description: "Tracks parcels across carriers") { api; web; poller; db; bus; mailpit }

    customer.uses(web, "Looks up parcels in", technology: "HTTPS, browser")
    web.uses(api, "Calls", technology: "HTTP/JSON")
    api.uses(db, "Reads and writes parcels", technology: "SQL")
    api.uses(bus, "Subscribes to parcel events", technology: "NATS")
    poller.uses(bus, "Publishes parcel events", technology: "NATS JetStream")
    poller.uses(db, "Reads parcels to poll", technology: "SQL")
    poller.uses(dhl, "Polls tracking events", technology: "HTTPS")
    poller.uses(ups, "Polls tracking events", technology: "HTTPS")
    api.uses(mailpit, "Sends notification e-mail", technology: "SMTP")

    Deployment("Docker Compose", description: "One compose project: dev on laptops, prod on the staging VM") {
        dev
        prod
        Service(api, build: "./api", ports: ["8080:8080"],
                environment: ["DATABASE_URL": "${DATABASE_URL}", "NATS_URL": "${NATS_URL}", "LOG_LEVEL": "${LOG_LEVEL:-info}"],
                healthcheck: .http("/healthz", port: 8080, interval: "10s"),
                dependsOn: [.healthy(db), .started(bus)], restart: .unlessStopped)
            .profile("dev", command: "air")
        Service(web, build: "./web", ports: ["8081:80"], dependsOn: [.started(api)], restart: .unlessStopped)
            .profile("dev", command: "npm run dev -- --host")
        Service(poller, build: "./poller",
                environment: ["DATABASE_URL": "${DATABASE_URL}", "NATS_URL": "${NATS_URL}",
                              "CARRIER_DHL_KEY": "${CARRIER_DHL_KEY}", "CARRIER_UPS_KEY": "${CARRIER_UPS_KEY}"],
                dependsOn: [.healthy(db), .started(bus)], restart: .unlessStopped)
        Service(db, image: "postgres:16", environment: ["POSTGRES_PASSWORD": "${POSTGRES_PASSWORD}"],
                volumes: ["pgdata:/var/lib/postgresql/data"], healthcheck: .command("pg_isready", interval: "5s"))
        Service(bus, image: "nats:2.10", command: "-js")
        Service(mailpit, image: "axllent/mailpit", ports: ["8025:8025"], profiles: ["dev"])
        Volume("pgdata")
    }

    local
    ci
    staging
    production

    Pipeline(".gitlab-ci.yml", triggers: [.push(branches: .any), .mergeRequest()], imageTags: [.commitSHA, .version, .minorVersion]) {
        Stage("lint", steps: ["golangci-lint run (api, poller)", "eslint and prettier --check (web)"], tools: ["golangci-lint", "eslint", "prettier"])
        Stage("test", steps: ["go test ./... against a PostgreSQL service container", "vitest run for web",
                              "API contract test with schemathesis against the running api"],
              tools: ["go test", "vitest", "schemathesis"], testsAgainst: .compose("ci/compose.test.yaml", services: [api]))
        Stage("build", steps: ["docker build of api, web and poller; images tagged with the commit SHA"], tools: ["docker build"],
              builds: [api, web, poller])
        Stage("scan", steps: ["trivy image on each image; a HIGH or CRITICAL finding fails the pipeline"], tools: ["trivy"])
        Stage("publish", steps: ["Push each image; a tag v1.4.2 is also pushed as :1.4.2 and :1.4"], pushesTo: registry,
              when: [.branch("main"), .tag("v*")])
        Stage("deploy-staging", steps: ["docker compose --profile prod pull && up -d over SSH on the staging VM"], tools: ["docker compose", "ssh"],
              deploysTo: staging, when: [.branch("main"), .automatic])
        Stage("deploy-production", steps: ["kubectl apply -k deploy/kubernetes/overlays/production"], tools: ["kubectl"],
              deploysTo: production, when: [.tag("v*"), .manualApproval(by: "the on-call lead"), .planned])
    }

    Promotion(neverRebuilt: true, rule: "Staging and production pull the same digest") {
        Promote(local, to: ci, gate: .automatic("on push"))
        Promote(ci, to: registry, gate: .passing("tests and scan pass"))
        Promote(registry, to: staging, gate: .automatic("on main"))
        Promote(staging, to: production, gate: .manualApproval("on a release tag", planned: true))
    }

    Rollback(
        method: "Redeploy the previous image tag (IMAGE_TAG in the staging .env; the previous overlay revision in production); database migrations are backward compatible for one release",
        triggers: ["Health checks failing within 5 minutes of a deploy", "HTTP 5xx rate above 2 % for 5 minutes", "A critical bug report from support"],
        recoveryTime: .minutes(10), recoveryPoint: .minutes(15), recoveryPointBasis: "PostgreSQL WAL archived every 15 minutes",
        procedure: ["Set IMAGE_TAG to the previous release", "docker compose --profile prod up -d api web poller",
                    "Watch /healthz until all services report healthy", "Record the incident"])

    Operations {
        Logging("JSON to stdout", shippedTo: "Loki, by Promtail", retention: .days(14), in: [staging])
        Metrics(scrapedBy: "Prometheus", endpoint: "/metrics", every: .seconds(15), of: [api, poller], dashboards: "Grafana")
        Alert("p95 latency of api above 500 ms", for: .minutes(10), covers: [api])
        Alert("poller lag above 15 minutes", covers: [poller])
        Alert("any service restarting more than 3 times in 10 minutes")
    }

    Configuration(exampleFile: ".env.example", localFile: ".env") {
        Variable("DATABASE_URL", description: "PostgreSQL connection URL", from: [.envFile(".env")])
        Variable("NATS_URL", description: "NATS server URL", from: [.envFile(".env")])
        Variable("CARRIER_DHL_KEY", description: "DHL API key", secret: true,
                 from: [.envFile(".env"), .kubernetesSecret("parcel-carriers", in: production)])
        Variable("CARRIER_UPS_KEY", description: "UPS API key", secret: true,
                 from: [.envFile(".env"), .kubernetesSecret("parcel-carriers", in: production)])
        Variable("LOG_LEVEL", description: "Log level", default: "info")
        Variable("POSTGRES_PASSWORD", description: "Password of the development database", secret: true, from: [.envFile(".env")])
    }

    OpenQuestion("Production hosting provider and region", about: production)
    OpenQuestion("Who owns the backups of the managed production database", about: production)
}
