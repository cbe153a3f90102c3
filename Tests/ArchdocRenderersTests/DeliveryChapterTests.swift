import ArchdocModel
import ArchdocRenderers
import ArchitectureDescription
import Foundation
import TestSupport
import Testing

/// Chapter 7 of `architecture/examples/parcel-tracker` carries every fact of
/// `shared/reference/delivery-and-environments.md`, each found on its own.
@Suite struct DeliveryChapterTests {
    static let chapters: [String: String] = {
        // A failure here fails every test below with the loader's message.
        let model = try! Examples.load("architecture/examples/parcel-tracker").model
        return try! Arc42Tests.Project().chapters(model)
    }()

    static var deployment: String { chapters["07-deployment-view.md"] ?? "" }

    /// The facts, one by one, as the chapter states them.
    static let facts: [String] = [
        // The four environments and their statuses.
        "| **Local** | developer laptop, Docker Compose | current | `compose.yaml`, profile `dev` |",
        "Hot reload for web (Vite) and api (air); Mailpit catches e-mail",
        "| **CI** | GitLab CI runners (shared, Docker executor) | current | `ci/compose.test.yaml` |",
        "Ephemeral: a fresh database per pipeline, nothing kept between runs",
        "| **Staging** | VM (4 vCPU, 8 GB), Docker Compose | current | `compose.yaml`, profile `prod` |",
        "Receives every build of main automatically",
        "| **Production** | Kubernetes 1.30, namespace `parcel-tracker` | planned (Q3) | `deploy/kubernetes/overlays/production` |",
        "3 replicas of api, 2 of web, 1 poller",
        "Managed PostgreSQL outside the cluster",
        "only replicas, resources and the database location differ",
        // The pipeline: its file, triggers, tags and seven stages with their conditions.
        "The pipeline is `.gitlab-ci.yml`, run by GitLab CI. It runs on every push to any branch and on every merge request.",
        "Images are tagged with the commit SHA. A release tag `v1.4.2` is also pushed as `:1.4.2` and `:1.4`.",
        "| 1 | **lint** | golangci-lint run (api, poller); eslint and prettier --check (web)",
        "| 2 | **test** | go test ./... against a PostgreSQL service container; vitest run for web; API contract test with schemathesis",
        "tests against `api` of `ci/compose.test.yaml`",
        "| 3 | **build** | docker build of api, web and poller; images tagged with the commit SHA",
        "builds `api`, `web`, `poller`",
        "| 4 | **scan** | trivy image on each image; a HIGH or CRITICAL finding fails the pipeline",
        "| 5 | **publish** |",
        "pushes to `registry.gitlab.example.com/parcel/<image>:<sha>` | only on `main` and on tags `v*` |",
        "| 6 | **deploy-staging** | docker compose --profile prod pull \\&\\& up -d over SSH on the staging VM",
        "deploys to Staging | only on `main`; automatic |",
        "| 7 | **deploy-production** | kubectl apply -k deploy/kubernetes/overlays/production",
        "deploys to Production | only on tags `v*`; manual approval by the on-call lead; **planned** |",
        // Promotion and its gates.
        "Local → CI (on push) → GitLab container registry (tests and scan pass) → Staging (on main) → Production (on a release tag; planned).",
        "| Staging | Production | on a release tag (**planned**) | manual |",
        "An image is never rebuilt between environments: every environment runs the same digest. Staging and production pull the same digest.",
        // Rollback.
        "- **Method:** Redeploy the previous image tag (IMAGE\\_TAG in the staging .env; the previous overlay revision in production); database migrations are backward compatible for one release",
        "- **Triggers:** Health checks failing within 5 minutes of a deploy; HTTP 5xx rate above 2 % for 5 minutes; A critical bug report from support",
        "- **Recovery time objective (RTO):** 10 minutes",
        "- **Recovery point objective (RPO):** 15 minutes (PostgreSQL WAL archived every 15 minutes)",
        "1. Set IMAGE\\_TAG to the previous release\n2. docker compose --profile prod up -d api web poller\n3. Watch /healthz until all services report healthy\n4. Record the incident",
        // Logging, metrics and alerts.
        "- **Logs:** Every service logs JSON to stdout; in Staging shipped to Loki, by Promtail, kept 14 days.",
        "- **Metrics:** Prometheus scrapes `/metrics` of `api` (Parcel API) and `poller` (Carrier Poller) every 15 seconds; Grafana shows the dashboards.",
        "- **Alert:** p95 latency of api above 500 ms for 10 minutes (`api`).",
        "- **Alert:** poller lag above 15 minutes (`poller`).",
        "- **Alert:** any service restarting more than 3 times in 10 minutes.",
        // Configuration and secrets.
        "`.env.example` lists every variable. `.env` holds the values and is never committed.",
        "| `DATABASE_URL` | yes |  | no |",
        "| `NATS_URL` | yes |  | no |",
        "| `CARRIER_DHL_KEY` | yes |  | yes | `.env`; Kubernetes Secret `parcel-carriers` in Production |",
        "| `CARRIER_UPS_KEY` | yes |  | yes | `.env`; Kubernetes Secret `parcel-carriers` in Production |",
        "| `LOG_LEVEL` | no | `info` | no |",
        // The planned production on Kubernetes: its workloads, replicas, the database outside, how to apply it.
        "## Kubernetes: Production (planned)",
        "| `api` (Parcel API) | Deployment | 3 | ClusterIP `api:8080` |",
        "| `web` (Web App) | Deployment | 2 | ClusterIP `web:8081` → 80 |",
        "| `poller` (Carrier Poller) | Deployment | 1 | none |",
        "- `db` (Parcel Database) runs outside the cluster",
        "`kubectl apply -k deploy/kubernetes/overlays/production` applies the manifests",
        "![Deployment – Production (Kubernetes), planned](../diagrams/deployment-production.svg)",
        // The two open questions.
        "- Production hosting provider and region (Production)",
        "- Who owns the backups of the managed production database (Production)",
    ]

    @Test(arguments: facts)
    func chapter7StatesTheFact(fact: String) {
        #expect(Self.deployment.contains(fact), "chapter 7 does not say: \(fact)")
    }

    @Test func theSectionsComeInOrderAfterTheComposeProject() throws {
        let headings = Self.deployment.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        let delivery = ["## Environments", "## Kubernetes: Production (planned)", "## Build and Delivery Pipeline", "## Promotion", "## Rollback", "## Logging and Monitoring",
                        "## Configuration and Secrets", "## Open Questions"]
        #expect(Array(headings.suffix(delivery.count)) == delivery, "\(headings)")
    }

    @Test func chapter11ListsTheOpenQuestionsAndPlannedEnvironments() throws {
        let risks = try #require(Self.chapters["11-risks-and-technical-debt.md"])
        #expect(risks.contains("- Open question: Production hosting provider and region (Production)"))
        #expect(risks.contains("- Open question: Who owns the backups of the managed production database (Production)"))
        #expect(risks.contains("- Production is planned (Q3)."))
    }

    /// A secret's default is never written, even where the table has a column for it.
    @Test func aSecretsValueIsNeverWritten() throws {
        let model = ArchitectureModel(Architecture("X") {
            Configuration { Variable("TOKEN", default: "s3cr3t-value", secret: true) }
        })
        let chapters = try Arc42Tests.Project().chapters(model)
        #expect(chapters["07-deployment-view.md"]?.contains("`TOKEN`") == true)
        #expect(chapters.values.allSatisfy { !$0.contains("s3cr3t-value") })
    }

    /// A model without environments or delivery keeps chapter 7 as it was: none of the new headings.
    @Test func aModelWithoutDeliveryHasNoneOfTheSections() throws {
        let model = try Examples.load("architecture/examples/flask-fastapi-duckdb").model
        let chapter = try #require(try Arc42Tests.Project().chapters(model)["07-deployment-view.md"])
        for heading in ["## Environments", "## Build and Delivery Pipeline", "## Promotion", "## Rollback", "## Open Questions"] {
            #expect(!chapter.contains(heading))
        }
    }
}
