import Foundation

/// How long `archdoc generate` takes to compile an architecture written the
/// way the README teaches: a `let` per container, and the system's
/// containers, three relationships per container and a service per container
/// (some with `.profile(…)` settings) inside the `Architecture` and
/// `Deployment` blocks. ``SyntheticSource`` writes `c.append(…)` statements
/// instead, which never showed what the README's style costs swiftc.
struct CompileTime {
    var work: String
    var archdoc: String  // the release archdoc binary
    var notes: [String] = []

    static let sizes = [100, 400, 1_000]
    static let stage = "compile README-style architecture (cold)"
    static let editStage = "serve: one-line edit in one of 10 files of 1,000 containers → reload event"

    /// `architecture/main.swift` with `count` containers in the README's style.
    static func readmeStyle(containers count: Int) -> String {
        var out = "import ArchitectureDescription\n\nlet user = Person(\"user\", \"User\", description: \"System user\")\n\n"
        for i in 0..<count { out += containerDeclaration(i) }
        out += "\nlet architecture = Architecture(\"Scale\") {\n    user\n    SoftwareSystem(\"scale\", \"Scale\", description: \"The product\") {\n"
        for i in 0..<count { out += "        c\(i)\n" }
        out += "    }\n    user.uses(c0, \"Uses\", technology: \"HTTPS\")\n"
        for i in 0..<count { out += relationships(i, count: count, indent: "    ") }
        out += "    Deployment {\n        Profile(\"dev\", \"Development\")\n        Profile(\"prod\", \"Production\")\n"
        for i in 0..<count { out += service(i, count: count, indent: "        ") }
        out += "        DocsServer(profiles: [\"dev\"])\n    }\n}\n"
        return out
    }

    /// `let c<i> = Container(…)`: every tenth a database, five icons in turn.
    static func containerDeclaration(_ i: Int) -> String {
        let icons = ["python", "server", "postgresql", "redis", "cogs"]
        let kind = i % 10 == 9 ? ", kind: .database" : ""
        return "let c\(i) = Container(\"c\(i)\", \"Container \(i)\"\(kind), technology: \"Python, FastAPI\", description: \"Serves part \(i) of the API\", icon: .\(icons[i % 5]))\n"
    }

    /// Container `i`'s three relationships, to containers 7, 14 and 21 further on.
    static func relationships(_ i: Int, count: Int, indent: String) -> String {
        (1...3).map { k in
            var j = (i + k * 7) % count
            if j == i { j = (i + 1) % count }
            return "\(indent)c\(i).uses(c\(j), \"Calls \(k)\", technology: \"HTTP\")\n"
        }.joined()
    }

    /// Container `i`'s service: a database with a health check, or an app that
    /// depends on its ten's database, every fourth with per-profile settings.
    static func service(_ i: Int, count: Int, indent: String) -> String {
        if i % 10 == 9 {
            return "\(indent)Service(c\(i), image: \"postgres:17\", volumes: [\"pg\(i):/var/lib/postgresql/data\"], healthcheck: .command(\"pg_isready\"))\n"
        }
        let database = i / 10 * 10 + 9
        let dependency = database < count ? ", dependsOn: [.healthy(c\(database))]" : ""
        var out = "\(indent)Service(c\(i), image: \"registry.example.com/c\(i):1.0\", ports: [\"\(10_000 + i):8080\"]\(dependency))\n"
        if i % 4 == 0 {
            out += "\(indent)    .profile(\"dev\", command: \"uvicorn app:app --reload\")\n"
            out += "\(indent)    .profile(\"prod\", command: \"gunicorn app:app\", replicas: 2)\n"
        }
        return out
    }

    /// The same architecture split over `parts` files, as the README's
    /// "Splitting an architecture" teaches: `main.swift` assembles the parts,
    /// and `part<k>.swift` declares its containers and, in builder-marked
    /// computed variables, the containers' relationships (some to other
    /// parts' containers) and services. File names to contents.
    static func split(containers count: Int, parts: Int) -> [(name: String, text: String)] {
        let perPart = (count + parts - 1) / parts
        var main = "import ArchitectureDescription\n\nlet user = Person(\"user\", \"User\", description: \"System user\")\n\n"
        main += "let architecture = Architecture(\"Scale\") {\n    user\n    SoftwareSystem(\"scale\", \"Scale\", description: \"The product\") {\n"
        for part in 0..<parts { main += "        part\(part)Containers\n" }
        main += "    }\n    user.uses(c0, \"Uses\", technology: \"HTTPS\")\n"
        for part in 0..<parts { main += "    part\(part)Relationships\n" }
        main += "    Deployment {\n        Profile(\"dev\", \"Development\")\n        Profile(\"prod\", \"Production\")\n"
        for part in 0..<parts { main += "        part\(part)Services\n" }
        main += "        DocsServer(profiles: [\"dev\"])\n    }\n}\n"
        var files = [(name: "main.swift", text: main)]
        for part in 0..<parts {
            let range = (part * perPart)..<min(count, (part + 1) * perPart)
            var out = "import ArchitectureDescription\n\n"
            for i in range { out += containerDeclaration(i) }
            out += "\n@ContainerListBuilder var part\(part)Containers: [Container] {\n"
            for i in range { out += "    c\(i)\n" }
            out += "}\n\n@ArchitectureBuilder var part\(part)Relationships: [ArchitectureComponent] {\n"
            for i in range { out += relationships(i, count: count, indent: "    ") }
            out += "}\n\n@DeploymentBuilder var part\(part)Services: [DeploymentComponent] {\n"
            for i in range { out += service(i, count: count, indent: "    ") }
            out += "}\n"
            files.append((name: "part\(part).swift", text: out))
        }
        return files
    }

    /// `archdoc serve` on the 1,000-container architecture split over 10
    /// files; each run changes one service's image tag, a one-line edit in
    /// `part4.swift`, and times it to the reload event on the page's event
    /// stream, as a browser sees it: the incremental compile, the program, and
    /// the site rebuilt.
    mutating func incrementalEdit() throws -> Measurement? {
        let project = "\(work)/split-1000"
        try? FileManager.default.removeItem(atPath: "\(project)/architecture")
        try FileManager.default.createDirectory(atPath: "\(project)/architecture", withIntermediateDirectories: true)
        for file in Self.split(containers: 1_000, parts: 10) {
            try file.text.write(toFile: "\(project)/architecture/\(file.name)", atomically: true, encoding: .utf8)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = "\(work)/compile-cache"
        let server = try BackgroundProcess(archdoc, ["serve", "--port", "0"], in: project, log: "\(work)/serve-split.log", environment: environment)
        defer { server.stop() }
        // The first, cold compile of all ten files comes before the server listens.
        guard let port = server.waitFor(#"http://127\.0\.0\.1:(\d+)/"#, seconds: 300).flatMap({ Int($0) }), let curl = Processes.which("curl") else {
            notes.append("archdoc serve on the split architecture did not start (or curl is missing): \(server.output.suffix(400))")
            return nil
        }
        let events = try BackgroundProcess(curl, ["--silent", "--no-buffer", "http://127.0.0.1:\(port)/_archdoc/events"], in: project, log: "\(work)/events-split.log")
        defer { events.stop() }
        guard events.waitFor("(retry): ", seconds: 10) != nil else {
            notes.append("no event stream on the split architecture's server")
            return nil
        }
        let part = "\(project)/architecture/part4.swift"
        return try ServeLoad.reloadLatency(
            Self.editStage, runs: 3, timeout: .seconds(120), note: "incremental compile of part4.swift, relink, run, site rebuilt",
            events: events, notes: &notes,
            save: { run in
                let text = try String(contentsOfFile: part, encoding: .utf8)
                let old = "registry.example.com/c451:1.\(run)\"", new = "registry.example.com/c451:1.\(run + 1)\""
                guard text.contains(old) else { throw CocoaError(.fileReadCorruptFile) }
                try text.replacingOccurrences(of: old, with: new).write(toFile: part, atomically: true, encoding: .utf8)
            })
    }

    /// For each size: `archdoc generate` with the model not cached (swiftc's
    /// module cache warm, as on any machine after the first run), then with it
    /// cached; the compile is the difference. Peak memory is the largest
    /// process of the cold run, swiftc's frontend included.
    mutating func run() throws -> [Measurement] {
        var out: [Measurement] = []
        let cache = "\(work)/compile-cache"
        // The first size runs twice: once to fill swiftc's module cache.
        for (round, size) in ([Self.sizes[0]] + Self.sizes).enumerated() {
            let project = "\(work)/readme-style-\(size)"
            try FileManager.default.createDirectory(atPath: "\(project)/architecture", withIntermediateDirectories: true)
            try Self.readmeStyle(containers: size).write(toFile: "\(project)/architecture/main.swift", atomically: true, encoding: .utf8)
            var environment = ProcessInfo.processInfo.environment
            environment["ARCHDOC_CACHE_DIR"] = cache
            try? FileManager.default.removeItem(atPath: "\(cache)/models")
            let cold = try Processes.run("/usr/bin/time", ["-v", archdoc, "generate"], in: project, environment: environment)
            guard cold.status == 0 else {
                notes.append("README-style architecture of \(size) containers failed: \(cold.stderr.suffix(600))")
                continue
            }
            let warm = try Processes.run(archdoc, ["generate"], in: project, environment: environment)
            let peak = cold.stderr.split(separator: "\n").first { $0.contains("Maximum resident set size") }
                .flatMap { Double($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }.map { $0 / 1024 }
            guard round > 0 else { continue }
            out.append(Measurement(stage: Self.stage, size: size, medianMs: cold.wallMs - warm.wallMs, minMs: nil, runs: 1, peakMiB: peak,
                                   note: String(format: "generate %.0f ms cold, %.0f ms cached", cold.wallMs, warm.wallMs)))
        }
        if let edit = try incrementalEdit() { out.append(edit) }
        return out
    }
}
