import ArchdocModel
import ArchitectureDescription

/// Formats the facts of deployed services as Markdown, for chapter 7.
enum DeploymentFacts {
    /// A profile as readers know it: `Development (`dev`)`, or just `` `dev` ``
    /// when the name is the id.
    static func profileLabel(_ profile: Profile) -> String {
        profile.name == profile.id ? MarkdownText.code(profile.id) : "\(MarkdownText.inline(profile.name)) (\(MarkdownText.code(profile.id)))"
    }

    /// The image or build of a service in one profile: `` `nginx:1.27` ``,
    /// ``build `./backend` (Dockerfile `Dockerfile.prod`, target `prod`)``.
    static func imageOrBuild(image: String?, build: ArchitectureDescription.Build?, inTable: Bool = false) -> String {
        var parts: [String] = []
        if let image { parts.append(MarkdownText.code(image, inTable: inTable)) }
        if let build { parts.append(self.build(build, inTable: inTable)) }
        return parts.isEmpty ? Arc42Format.none : parts.joined(separator: ", ")
    }

    /// ``build `./backend` (Dockerfile `Dockerfile.prod`, target `prod`, args `A=1`)``;
    /// `lead` replaces the leading word.
    static func build(_ build: ArchitectureDescription.Build, lead: String = "build", inTable: Bool = false) -> String {
        var details: [String] = []
        if let dockerfile = build.dockerfile { details.append("Dockerfile \(MarkdownText.code(dockerfile, inTable: inTable))") }
        if let target = build.target { details.append("target \(MarkdownText.code(target, inTable: inTable))") }
        if !build.args.isEmpty {
            let args = build.args.sorted { $0.key < $1.key }.map { MarkdownText.code("\($0.key)=\($0.value)", inTable: inTable) }
            details.append("args \(args.joined(separator: ", "))")
        }
        let context = "\(lead) \(MarkdownText.code(build.context, inTable: inTable))"
        return details.isEmpty ? context : "\(context) (\(details.joined(separator: ", ")))"
    }

    /// Code spans joined by commas, or the placeholder.
    static func codeList(_ items: [String], inTable: Bool = false) -> String {
        items.isEmpty ? Arc42Format.none : items.map { MarkdownText.code($0, inTable: inTable) }.joined(separator: ", ")
    }

    /// Volume mounts: `` `./data:/app/data` ``, with `(read-only)` where so.
    static func volumes(_ mounts: [VolumeMount], inTable: Bool = false) -> String {
        codeList(mounts.map(\.description), inTable: inTable)
    }

    /// The container's options that are set, in ``ContainerOptionField``'s
    /// order: "user `1000`; read-only root file system; capabilities dropped: `ALL`".
    static func containerOptions(_ options: ContainerOptions) -> String {
        ContainerOptionField.all.compactMap { field -> String? in
            guard field.isSet(in: options) else { return nil }
            switch field.value {
            case .text(let path), .arguments(let path):
                return "\(field.prose) \(MarkdownText.code(options[keyPath: path] ?? ""))"
            case .list(let path):
                return "\(field.prose): \(codeList(options[keyPath: path]))"
            case .flag(let path):
                return options[keyPath: path] == true ? field.prose : "no \(field.prose)"
            case .map(let path):
                return "\(field.prose): \(codeList(options[keyPath: path].sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }))"
            }
        }.joined(separator: "; ")
    }

    /// ``run `pg_isready` every 5s, timeout 5s, 10 retries, start period 30s``.
    static func healthCheck(_ check: HealthCheck) -> String {
        var test: String
        switch check.test.first {
        case "CMD-SHELL": test = "run \(MarkdownText.code(check.test.dropFirst().joined(separator: " ")))"
        case "CMD": test = "run \(MarkdownText.code(check.test.dropFirst().map(shellQuoted).joined(separator: " ")))"
        case "NONE": return "disabled"
        default: test = "run \(MarkdownText.code(check.test.joined(separator: " ")))"
        }
        var details: [String] = []
        if let interval = check.interval { details.append("every \(MarkdownText.inline(interval))") }
        if let timeout = check.timeout { details.append("timeout \(MarkdownText.inline(timeout))") }
        if let retries = check.retries { details.append("\(retries) \(retries == 1 ? "retry" : "retries")") }
        if let start = check.startPeriod { details.append("start period \(MarkdownText.inline(start))") }
        if !details.isEmpty { test += " " + details.joined(separator: ", ") }
        return test
    }

    /// An argument as a shell would need it: unchanged when plain, else in
    /// double quotes (or single quotes when it holds `"`, `$`, `` ` `` or `\`).
    static func shellQuoted(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,@%+".contains($0) }
        if plain { return argument }
        if !argument.contains(where: { "\"$`\\".contains($0) }) { return "\"\(argument)\"" }
        return "'" + argument.replacing("'", with: "'\\''") + "'"
    }

    /// `` `backend` when healthy (`service_healthy`) ``.
    static func dependency(_ dependency: Dependency) -> String {
        let when = switch dependency.condition {
        case .started: "when started"
        case .healthy: "when healthy"
        case .completedSuccessfully: "when completed successfully"
        }
        var text = "\(MarkdownText.code(dependency.containerID)) \(when) (\(MarkdownText.code(dependency.condition.rawValue)))"
        if dependency.restart { text += ", restarted with it" }
        if !dependency.required { text += ", optional (started without it where it does not run)" }
        return text
    }

    /// `` `/api/*` → `backend:12000` ``.
    static func route(_ route: Route) -> String {
        let destination = route.port.map { "\(route.containerID):\($0)" } ?? route.containerID
        return "\(MarkdownText.code(route.path)) → \(MarkdownText.code(destination))"
    }

    /// The URL a published port is reached at from the host, such as
    /// `http://localhost:8000`; `nil` for a UDP port, a range or an unpublished port.
    static func url(for port: Port) -> String? {
        guard let published = port.published, !published.isEmpty, published.allSatisfy({ $0.isASCII && $0.isNumber }),
              (port.protocol ?? "tcp").lowercased() == "tcp"
        else { return nil }
        var host = "localhost"
        if let ip = port.hostIP, !["", "0.0.0.0", "::", "[::]"].contains(ip),
           ip.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" || $0 == "[" || $0 == "]" }) {
            host = ip.contains(":") && !ip.hasPrefix("[") ? "[\(ip)]" : ip
        }
        let scheme = published == "443" || port.target == "443" ? "https" : "http"
        return "\(scheme)://\(host):\(published)"
    }
}

extension DeploymentFacts {
    /// The variables compose must interpolate in a value and that have no
    /// default: `$NAME`, `${NAME}`, `${NAME:?message}`; not `${NAME:-default}`,
    /// `${NAME:+alternative}` or the escaped `$$`.
    static func requiredVariables(in text: String) -> [String] {
        var names: [String] = []
        let characters = Array(text)
        var index = 0
        func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isName(_ c: Character) -> Bool { isNameStart(c) || (c.isASCII && c.isNumber) }
        while index < characters.count {
            guard characters[index] == "$", index + 1 < characters.count else { index += 1; continue }
            let next = characters[index + 1]
            if next == "$" {
                index += 2
            } else if next == "{" {
                var end = index + 2
                while end < characters.count, isName(characters[end]) { end += 1 }
                let name = String(characters[(index + 2)..<end])
                let rest = characters[end...].prefix(2)
                let optional = rest.first == "-" || rest.first == "+" || rest.starts(with: [":", "-"]) || rest.starts(with: [":", "+"])
                if !name.isEmpty, isNameStart(name.first!), !optional { names.append(name) }
                index = end
            } else if isNameStart(next) {
                var end = index + 1
                while end < characters.count, isName(characters[end]) { end += 1 }
                names.append(String(characters[(index + 1)..<end]))
                index = end
            } else {
                index += 1
            }
        }
        return names
    }
}
