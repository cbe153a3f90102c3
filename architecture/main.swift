// archdoc's own architecture, described with archdoc. `make run` generates and
// serves it; architecture/examples/ holds example systems.
import ArchitectureDescription

let architect = Person("architect", "Architect", description: "Describes the system once, in Swift, and reads the generated docs")
let developer = Person("developer", "Developer", description: "Changes the code and keeps the architecture in step")

let ci = SoftwareSystem("ci", "CI pipeline", description: "Runs `archdoc check` on every change", isExternal: true)
let toolchain = SoftwareSystem("swift_toolchain", "Swift toolchain", description: "swiftc compiles the architecture files", isExternal: true)
let plantuml = SoftwareSystem("plantuml", "PlantUML", description: "Draws C4-PlantUML diagrams", isExternal: true)

let cli = Container(
    "archdoc", "archdoc CLI", technology: "Swift, ArgumentParser",
    description: "Loads, validates and renders the architecture; generate, check, watch, serve", icon: .swift)
let dsl = Container(
    "architecture_description", "ArchitectureDescription", technology: "Swift dynamic library",
    description: "The result-builder DSL the architecture is written in; writes the model as versioned JSON", icon: .swift)
let program = Container(
    "architecture_program", "Architecture program", technology: "Compiled Swift",
    description: "The user's architecture/*.swift, compiled and run once to print the model", icon: .cogs)
let cache = Container(
    "model_cache", "Model cache", kind: .database, technology: "JSON files",
    description: "Models keyed by SHA-256 of the sources, compiler and library", icon: .database)
let site = Container(
    "site", "Generated site", kind: .objectStore, technology: "PlantUML, Mermaid, Markdown, HTML",
    description: "Every generated artifact, written atomically and only when changed", icon: .storage)

let architecture = Architecture("archdoc", description: "Architecture as code: diagrams and documentation from one Swift description") {
    architect
    developer
    SoftwareSystem("archdoc_system", "archdoc", description: "Generates diagrams, arc42 docs and compose files from a Swift model") {
        cli; dsl; program; cache; site
    }
    ci
    toolchain
    plantuml

    architect.uses(cli, "Runs generate and serve", technology: "Terminal")
    developer.uses(site, "Reads the docs", technology: "Browser")
    ci.uses(cli, "Runs check", technology: "Process")
    cli.uses(toolchain, "Compiles the architecture with", technology: "swiftc")
    program.uses(dsl, "Is linked against", technology: "Swift")
    cli.uses(program, "Runs, reads the model from", technology: "JSON file")
    cli.uses(cache, "Reads and writes models", technology: "File system")
    cli.uses(site, "Writes artifacts to", technology: "File system")
    cli.uses(plantuml, "Checks diagrams with", technology: "java -jar")

    Deployment("Developer machine", description: "archdoc runs on the developer's machine and in CI; docker compose serves the site") {
        Profile("dev", "Development", description: "Regenerates on every change and serves the site with live reload")
        Profile("prod", "Published", description: "Serves the generated site as static files")

        Node("workstation", "Workstation", technology: "Debian 12, Swift 6.3") {
            Service(cli, build: ".", command: "archdoc generate", volumes: [".:/work"], profiles: ["dev"])
        }
        DocsServer(profiles: ["dev", "prod"])
    }
}
