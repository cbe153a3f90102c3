import ArchitectureDescription
import ArchdocBasics
import ArchdocModel
import Foundation
import Yams

typealias YAMLNode = Yams.Node

/// Reads compose files with Yams and normalises them into ``ComposeDocument``s.
package struct ComposeParser: Sendable {
    /// Top-level keys of the Compose Specification.
    static let topLevelKeys: Set<String> = ["version", "name", "services", "networks", "volumes", "configs", "secrets", "include", "models"]

    /// The variables to substitute into values, or `nil` to keep `${…}` as written.
    package var variables: ComposeVariables?

    /// Creates a parser.
    package init(variables: ComposeVariables? = nil) {
        self.variables = variables
    }

    /// Reads a compose file from disk.
    package func parse(contentsOf path: String) throws(ComposeError) -> ComposeDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ComposeError(path: path, line: 0, "cannot be read; check the path and permissions")
        }
        return try parse(data, path: path)
    }

    /// Compose files are small; anything bigger is not one, and is refused
    /// before the YAML parser spends seconds on it.
    package static let maximumSize = 4 << 20

    /// Reads compose YAML.
    package func parse(_ data: Data, path: String) throws(ComposeError) -> ComposeDocument {
        guard data.count <= Self.maximumSize else {
            throw ComposeError(
                path: path, line: 0,
                "is \(data.count) bytes; compose files over \(Self.maximumSize) bytes (\(Self.maximumSize >> 20) MiB) are refused, check that this is the right file")
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw ComposeError(path: path, line: 0, "is not a UTF-8 text file; a compose file is YAML")
        }
        let root: YAMLNode?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.error(from: error, path: path, text: text)
        } catch {
            throw ComposeError(path: path, line: 0, "is not valid YAML: \(error)")
        }
        guard let root else { throw ComposeError(path: path, line: 0, "is empty; a compose file needs a `services:` map") }
        var reader = NodeReader(path: path, variables: variables)
        return try reader.document(root)
    }

    private static func error(from error: YamlError, path: String, text: String) -> ComposeError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return ComposeError(path: path, line: mark.line, column: mark.column, "is not valid YAML: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the mapping; the second use of the key is the line to fix.
            let (line, column) = secondUse(of: duplicates.first ?? "", after: context.mark, in: text)
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ComposeError(path: path, line: line, column: column ?? 1, "is not valid YAML: the key \(keys) is used twice in one mapping; keep one")
        case .reader(let problem, let offset, let value, let yaml):
            let (line, column) = offset.map { position(ofByte: $0, in: yaml) } ?? (0, nil)
            let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return ComposeError(path: path, line: line, column: column ?? 1, "is not valid YAML: \(problem)\(character); remove the character or write it as an escape in double quotes")
        default:
            return ComposeError(path: path, line: 0, "is not valid YAML: \(error)")
        }
    }

    /// The line and column (1-based) of the key's second use at the mapping's column, or the mapping's place.
    private static func secondUse(of key: String, after mark: Mark, in text: String) -> (Int, Int?) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var seen = 0
        for index in max(0, mark.line - 1)..<lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            guard indent + 1 >= mark.column else { break }
            guard indent + 1 == mark.column else { continue }
            let rest = line.dropFirst(indent)
            let unquoted = rest.hasPrefix("\"") || rest.hasPrefix("'") ? rest.dropFirst() : rest
            if unquoted.hasPrefix(key), unquoted.dropFirst(key.count).drop(while: { $0 == "\"" || $0 == "'" || $0 == " " }).hasPrefix(":") {
                seen += 1
                if seen == 2 { return (index + 1, indent + 1) }
            }
        }
        return (mark.line, mark.column)
    }

    /// The line and column (1-based) of a byte offset in a text.
    private static func position(ofByte offset: Int, in text: String) -> (Int, Int?) {
        let bytes = Array(text.utf8.prefix(offset))
        let line = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = bytes.count - (bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return (line, column)
    }
}

/// Walks a composed YAML tree, turning shape errors into located messages.
struct NodeReader {
    let path: String
    let variables: ComposeVariables?

    mutating func document(_ root: YAMLNode) throws(ComposeError) -> ComposeDocument {
        let top = try mapping(root, "the file")
        for (key, _) in top where !ComposeParser.topLevelKeys.contains(key.value) && !key.value.hasPrefix("x-") {
            throw fail(key, "unknown top-level key '\(key.value)'; a compose file has \(ComposeParser.topLevelKeys.sorted().joined(separator: ", ")) and x- extensions")
        }
        guard let (servicesKey, servicesNode) = top.first(where: { $0.0.value == "services" }) else {
            throw ComposeError(path: path, line: 1, "has no `services:` map; is this a compose file?")
        }
        var document = ComposeDocument(path: path, name: nil, services: [], volumes: [:], networks: [:])
        document.servicesLine = servicesKey.line
        if let name = value(top, "name") { document.name = try located(scalar(name, "name"), name) }
        for (name, node) in try mapping(servicesNode, "services") {
            document.services.append(try service(name, node))
        }
        if let include = value(top, "include") {
            for item in try sequence(include, "include") {
                if item.scalar != nil {
                    document.includes.append(try located(scalar(item, "include"), item))
                    continue
                }
                guard let paths = try value(mapping(item, "include"), "path") else { throw fail(item, "an include in long syntax needs `path:`") }
                let list = paths.sequence.map(Array.init) ?? [paths]
                for path in list { document.includes.append(try located(scalar(path, "include.path"), path)) }
            }
        }
        for (key, _) in top where key.value == "models" { document.unmodelled.append(key) }
        for (key, target) in [("secrets", \ComposeDocument.secrets), ("configs", \ComposeDocument.configs)] {
            guard let node = value(top, key) else { continue }
            for (name, definition) in try mapping(node, key) {
                var resource = ComposeResource()
                for (setting, settingNode) in try mapping(definition, "\(key).\(name.value)") {
                    let field = "\(key).\(name.value).\(setting.value)"
                    switch setting.value {
                    case "file", "environment": resource.driverOptions[setting.value] = try scalar(settingNode, field)
                    case "content" where key == "configs": resource.driverOptions["content"] = try scalar(settingNode, field)
                    case "external": resource.external = try boolean(settingNode, field)
                    case "name": resource.customName = try scalar(settingNode, field)
                    default: document.unmodelled.append(Located(field, line: setting.line, column: setting.column, file: path))
                    }
                }
                document[keyPath: target][name] = resource
            }
        }
        for (key, value) in [("volumes", \ComposeDocument.volumes), ("networks", \ComposeDocument.networks)] {
            guard let node = self.value(top, key) else { continue }
            for (name, definition) in try mapping(node, key) {
                var resource = ComposeResource()
                if definition.mapping != nil {
                    let field = "\(key).\(name.value)"
                    for (setting, settingNode) in try mapping(definition, field) {
                        switch setting.value {
                        case "driver": resource.driver = try scalar(settingNode, "\(field).driver")
                        case "driver_opts": resource.driverOptions = try keyValues(settingNode, "\(field).driver_opts").mapValues { $0.value ?? "" }
                        case "external":
                            // `external: true`, or the legacy `external: {name: …}`.
                            if settingNode.mapping != nil {
                                resource.external = true
                                resource.customName = try self.value(mapping(settingNode, "\(field).external"), "name").map { node throws(ComposeError) in try scalar(node, "\(field).external.name") }
                            } else {
                                resource.external = try boolean(settingNode, "\(field).external")
                            }
                        case "internal" where key == "networks": resource.internal = try boolean(settingNode, "\(field).internal")
                        case "name": resource.customName = try scalar(settingNode, "\(field).name")
                        case let other where !other.hasPrefix("x-"):
                            document.unmodelled.append(Located("\(field).\(other)", line: setting.line, column: setting.column, file: path))
                        default: continue
                        }
                    }
                }
                document[keyPath: value][name] = resource
            }
        }
        return document
    }

    // MARK: Services

    private func service(_ name: Located<String>, _ node: YAMLNode) throws(ComposeError) -> ComposeService {
        var service = ComposeService(name: name)
        let fields = try mapping(node, "service '\(name.value)'")
        let field = { (key: String) in "services.\(name.value).\(key)" }
        for (key, node) in fields {
            service.keys[key.value] = key
            switch key.value {
            case "image":
                service.image = try located(scalar(node, field("image")), node)
            case "build":
                service.build = try located(build(node, field("build")), node)
            case "command":
                service.command = try located(arguments(node, field("command")), node)
                if let items = node.sequence, items.count == service.command?.value.count {
                    service.commandItems = zip(items, service.command?.value ?? []).map { item, argument in located(argument, item) }
                }
            case "ports":
                service.ports = try sequence(node, field("ports")).map { item throws(ComposeError) in try located(port(item, field("ports")), item) }
                // What the long syntax says beyond the binding: `mode: host`, `name`, `app_protocol` (`mode: ingress` is the default).
                for item in try sequence(node, field("ports")) where item.mapping != nil {
                    for (key, value) in try mapping(item, field("ports"))
                    where ["mode", "name", "app_protocol"].contains(key.value) && !(key.value == "mode" && value.scalar?.string == "ingress") {
                        service.unmodelled.append(Located("ports.\(key.value)", line: key.line, column: key.column, file: path))
                    }
                }
            case "environment":
                service.environment = try environment(node, field("environment"))
            case "env_file":
                service.envFiles = try envFiles(node, field("env_file"))
            case "volumes":
                service.volumes = try sequence(node, field("volumes")).map { item throws(ComposeError) in try located(volume(item, field("volumes")), item) }
            case "networks":
                guard node.mapping != nil else {
                    service.networks = try sequence(node, field("networks")).map { item throws(ComposeError) in try located(scalar(item, field("networks")), item) }
                    continue
                }
                for (network, settings) in try mapping(node, field("networks")) {
                    service.networks.append(network)
                    guard settings.mapping != nil else { continue }
                    for (setting, value) in try mapping(settings, field("networks.\(network.value)")) {
                        if setting.value == "aliases" {
                            let aliases = try sequence(value, field("networks.\(network.value).aliases")).map { item throws(ComposeError) in try scalar(item, field("networks.\(network.value).aliases")) }
                            service.networkAliases[network.value] = Located(aliases, line: setting.line, column: setting.column, file: path)
                        }
                        service.unmodelled.append(Located("networks.\(network.value).\(setting.value)", line: setting.line, column: setting.column, file: path))
                    }
                }
            case "depends_on":
                service.dependsOn = try dependencies(node, field("depends_on"))
            case "healthcheck":
                service.healthcheck = try healthcheck(node, field("healthcheck")).map { Located($0, line: key.line, column: key.column, file: path) }
                let checkFields = try mapping(node, field("healthcheck"))
                service.healthcheckTest = checkFields.first { $0.0.value == "test" }?.0
                if let note = variableAtDefault(value(checkFields, "retries"), "healthcheck.retries") { service.variablesAtDefault.append(note) }
            case "restart":
                service.restart = try located(typedScalar(node, field("restart")), node)
                if let note = variableAtDefault(node, "restart") { service.variablesAtDefault.append(note) }
            case "profiles":
                service.profiles = try located(sequence(node, field("profiles")).map { item throws(ComposeError) in try scalar(item, field("profiles")) }, node)
            case "deploy":
                for (deployKey, deployNode) in try mapping(node, field("deploy")) {
                    if deployKey.value == "resources" {
                        try readResources(deployNode, into: &service, field: field("deploy.resources"))
                    } else if deployKey.value == "replicas" {
                        service.replicas = try located(integer(deployNode, field("deploy.replicas")), deployNode)
                        if let note = variableAtDefault(deployNode, "deploy.replicas") { service.variablesAtDefault.append(note) }
                    } else if !deployKey.value.hasPrefix("x-") {
                        service.unmodelled.append(Located("deploy.\(deployKey.value)", line: deployKey.line, column: deployKey.column, file: path))
                    }
                }
            case "extends":
                if node.scalar != nil {
                    service.extends = try located(ComposeExtends(service: scalar(node, field("extends")), file: nil), node)
                } else {
                    let fields = try mapping(node, field("extends"))
                    guard let base = value(fields, "service") else { throw fail(node, "\(field("extends")) needs `service:`, the service to extend") }
                    let file = try value(fields, "file").map { node throws(ComposeError) in try scalar(node, field("extends.file")) }
                    service.extends = Located(ComposeExtends(service: try scalar(base, field("extends.service")), file: file), line: key.line, column: key.column, file: path)
                }
            case "logging":
                for (setting, value) in try mapping(node, field("logging")) {
                    if let option = ContainerOptionField.byKey["logging.\(setting.value)"] {
                        try read(option, setting, value, into: &service, field: field("logging.\(setting.value)"))
                    } else {
                        service.unmodelled.append(Located("logging.\(setting.value)", line: setting.line, column: setting.column, file: path))
                    }
                }
            case "scale":
                if service.replicas == nil { service.replicas = try located(integer(node, field("scale")), node) }
            case let other:
                if let option = ContainerOptionField.byKey[other] {
                    try read(option, key, node, into: &service, field: field(other))
                } else if !other.hasPrefix("x-") {
                    service.unmodelled.append(key)
                }
            }
        }
        return service
    }

    /// `deploy.resources`: the CPU and memory limits and reservations archdoc
    /// models; anything else in it (devices, pids) is named for import.
    private func readResources(_ node: YAMLNode, into service: inout ComposeService, field: String) throws(ComposeError) {
        for (group, groupNode) in try mapping(node, field) {
            guard ["limits", "reservations"].contains(group.value) else {
                service.unmodelled.append(Located("deploy.resources.\(group.value)", line: group.line, column: group.column, file: path))
                continue
            }
            for (key, value) in try mapping(groupNode, "\(field).\(group.value)") {
                let name = "deploy.resources.\(group.value).\(key.value)"
                guard let option = ContainerOptionField.byKey[name], case .text(let keyPath) = option.value else {
                    service.unmodelled.append(Located(name, line: key.line, column: key.column, file: path))
                    continue
                }
                service.options[keyPath: keyPath] = try scalar(value, name)
                service.optionPlaces[name] = Located([:], line: key.line, column: key.column, file: path)
            }
        }
    }

    /// One of the container's options, in every syntax compose allows for it.
    private func read(
        _ option: ContainerOptionField, _ key: Located<String>, _ node: YAMLNode, into service: inout ComposeService, field: String
    ) throws(ComposeError) {
        var items: [String: Int] = [:]
        switch option.value {
        case .text(let path):
            service.options[keyPath: path] = try scalar(node, field)
        case .arguments(let path):
            service.options[keyPath: path] = ShellWords.join(try arguments(node, field))
        case .flag(let path):
            service.options[keyPath: path] = try boolean(node, field)
        case .map(let path) where option.key == "ulimits":
            // `nproc: 65535`, or `nofile: {soft: 20000, hard: 40000}` as `20000:40000`.
            var limits: [String: String] = [:]
            for (name, value) in try mapping(node, field) {
                if value.mapping != nil {
                    let limit = try mapping(value, "\(field).\(name.value)")
                    let part = { (key: String) throws(ComposeError) -> String in
                        guard let node = self.value(limit, key) else { throw self.fail(value, "\(field).\(name.value) needs `soft:` and `hard:`") }
                        return try self.scalar(node, "\(field).\(name.value).\(key)")
                    }
                    limits[name.value] = "\(try part("soft")):\(try part("hard"))"
                } else {
                    limits[name.value] = try scalar(value, "\(field).\(name.value)")
                }
                items[name.value] = name.line
            }
            service.options[keyPath: path] = limits
        case .map(let path):
            let pairs = try keyValues(node, field)
            service.options[keyPath: path] = pairs.mapValues { $0.value ?? "" }
            items = pairs.mapValues(\.line)
        case .list(let path):
            var values: [String] = []
            if node.scalar != nil {
                values = [try scalar(node, field)]
                items[values[0]] = line(node)
            } else if option.key == "extra_hosts", node.mapping != nil {
                for (host, address) in try mapping(node, field) {
                    values.append("\(host.value)=\(try scalar(address, "\(field).\(host.value)"))")
                    items[values[values.count - 1]] = host.line
                }
            } else {
                for item in try sequence(node, field) {
                    var text: String
                    if option.key == "secrets" || option.key == "configs", item.mapping != nil {
                        // The long syntax: source, and a target other than /run/secrets/<source>.
                        let fields = try mapping(item, field)
                        guard let source = value(fields, "source") else { throw fail(item, "a secret in long syntax needs `source:`") }
                        text = try scalar(source, "\(field).source")
                        if let target = value(fields, "target") { text += ":" + (try scalar(target, "\(field).target")) }
                        for (key, _) in fields where !["source", "target"].contains(key.value) {
                            service.unmodelled.append(Located("\(option.key).\(key.value)", line: key.line, column: key.column, file: self.path))
                        }
                    } else if option.key == "devices", item.mapping != nil {
                        // The long syntax, in the short one's order: source:target[:permissions].
                        let fields = try mapping(item, field)
                        let part = { (key: String) throws(ComposeError) -> String? in try self.value(fields, key).map { node throws(ComposeError) in try self.scalar(node, "\(field).\(key)") } }
                        text = try [part("source"), part("target"), part("permissions")].compactMap { $0 }.joined(separator: ":")
                    } else {
                        text = try scalar(item, field)
                    }
                    if option.key == "extra_hosts" { text = ContainerOptionField.normalizedExtraHost(text) }
                    values.append(text)
                    items[text] = line(item)
                }
            }
            service.options[keyPath: path] = values
        }
        // At the key: a block list starts on the line below it.
        service.optionPlaces[option.key] = Located(items, line: key.line, column: key.column, file: path)
    }

    private func build(_ node: YAMLNode, _ field: String) throws(ComposeError) -> Build {
        if node.scalar != nil { return Build(context: try scalar(node, field)) }
        let fields = try mapping(node, field)
        var build = Build(context: try value(fields, "context").map { node throws(ComposeError) in try scalar(node, "\(field).context") } ?? ".")
        build.dockerfile = try value(fields, "dockerfile").map { node throws(ComposeError) in try scalar(node, "\(field).dockerfile") }
        build.target = try value(fields, "target").map { node throws(ComposeError) in try scalar(node, "\(field).target") }
        if let args = value(fields, "args") {
            build.args = try keyValues(args, "\(field).args").compactMapValues { $0.value }
        }
        return build
    }

    private func port(_ node: YAMLNode, _ field: String) throws(ComposeError) -> ArchitectureDescription.Port {
        if node.scalar != nil { return ArchitectureDescription.Port(stringLiteral: try scalar(node, field)) }
        let fields = try mapping(node, field)
        guard let target = value(fields, "target") else { throw fail(node, "a port in long syntax needs `target:`") }
        return ArchitectureDescription.Port(
            published: try value(fields, "published").map { node throws(ComposeError) in try scalar(node, "\(field).published") },
            target: try scalar(target, "\(field).target"),
            hostIP: try value(fields, "host_ip").map { node throws(ComposeError) in try scalar(node, "\(field).host_ip") },
            protocol: try value(fields, "protocol").map { node throws(ComposeError) in try scalar(node, "\(field).protocol") })
    }

    private func volume(_ node: YAMLNode, _ field: String) throws(ComposeError) -> VolumeMount {
        if node.scalar != nil { return VolumeMount(stringLiteral: try scalar(node, field)) }
        let fields = try mapping(node, field)
        guard let target = value(fields, "target") else { throw fail(node, "a volume in long syntax needs `target:`") }
        let readOnly = try value(fields, "read_only").map { node throws(ComposeError) in try boolean(node, "\(field).read_only") } ?? false
        return VolumeMount(
            source: try value(fields, "source").map { node throws(ComposeError) in try scalar(node, "\(field).source") },
            target: try scalar(target, "\(field).target"), readOnly: readOnly)
    }

    private func environment(_ node: YAMLNode, _ field: String) throws(ComposeError) -> [String: Located<String?>] {
        try keyValues(node, field)
    }

    /// A map of strings, or a list of `KEY=value` (a bare `KEY` has no value).
    private func keyValues(_ node: YAMLNode, _ field: String) throws(ComposeError) -> [String: Located<String?>] {
        var result: [String: Located<String?>] = [:]
        if node.sequence != nil {
            for item in try sequence(node, field) {
                let text = try scalar(item, field)
                let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                result[String(parts[0])] = Located(parts.count == 2 ? String(parts[1]) : nil, line: line(item), column: column(item), file: path)
            }
        } else {
            for (key, value) in try mapping(node, field) {
                let text: String? = value.scalar.map { Self.isNull($0) ? nil : variables?.interpolate($0.string) ?? $0.string } ?? nil
                if value.scalar == nil { throw fail(value, "\(field).\(key.value) must be a string, a number or a boolean") }
                result[key.value] = Located(text, line: key.line, column: key.column, file: path)
            }
        }
        return result
    }

    private func envFiles(_ node: YAMLNode, _ field: String) throws(ComposeError) -> [Located<String>] {
        if node.scalar != nil { return [try located(scalar(node, field), node)] }
        return try sequence(node, field).map { item throws(ComposeError) in
            if item.mapping != nil, let path = try value(mapping(item, field), "path") {
                return try located(scalar(path, "\(field).path"), path)
            }
            return try located(scalar(item, field), item)
        }
    }

    private func dependencies(_ node: YAMLNode, _ field: String) throws(ComposeError) -> [Located<ComposeDependency>] {
        if node.sequence != nil {
            return try sequence(node, field).map { item throws(ComposeError) in
                try located(ComposeDependency(service: scalar(item, field), condition: "service_started", restart: false, required: true), item)
            }
        }
        return try mapping(node, field).map { name, options throws(ComposeError) in
            let fields = options.mapping == nil && options.scalar?.string == "" ? [] : try mapping(options, "\(field).\(name.value)")
            let condition = try value(fields, "condition").map { node throws(ComposeError) in try scalar(node, "\(field).\(name.value).condition") } ?? "service_started"
            let restart = try value(fields, "restart").map { node throws(ComposeError) in try boolean(node, "\(field).\(name.value).restart") } ?? false
            let required = try value(fields, "required").map { node throws(ComposeError) in try boolean(node, "\(field).\(name.value).required") } ?? true
            return Located(ComposeDependency(service: name.value, condition: condition, restart: restart, required: required), line: name.line, column: name.column, file: path)
        }
    }

    private func healthcheck(_ node: YAMLNode, _ field: String) throws(ComposeError) -> HealthCheck? {
        let fields = try mapping(node, field)
        // Disabled: the image's own check is off too, which the model says as `.disabled`.
        if let disable = value(fields, "disable"), try boolean(disable, "\(field).disable") { return .disabled }
        guard let testNode = value(fields, "test") else { return nil }
        var test: [String]
        if testNode.scalar != nil {
            test = ["CMD-SHELL", try scalar(testNode, "\(field).test")]
        } else {
            test = try sequence(testNode, "\(field).test").map { item throws(ComposeError) in try scalar(item, "\(field).test") }
        }
        if test.first == "NONE" { return .disabled }
        let text = { (key: String) throws(ComposeError) -> String? in try self.value(fields, key).map { node throws(ComposeError) in try self.scalar(node, "\(field).\(key)") } }
        return HealthCheck(
            test: test, interval: try text("interval"), timeout: try text("timeout"),
            retries: try value(fields, "retries").map { node throws(ComposeError) in try integer(node, "\(field).retries") },
            startPeriod: try text("start_period"))
    }

    /// `command` as an argument list: a list as written, a string split the
    /// way compose splits it (shell words).
    private func arguments(_ node: YAMLNode, _ field: String) throws(ComposeError) -> [String] {
        if node.scalar != nil { return ShellWords.split(try scalar(node, field)) }
        return try sequence(node, field).map { item throws(ComposeError) in try scalar(item, field) }
    }

    // MARK: Shapes

    /// The pairs of a mapping, with `<<` merge keys applied (the merged-in
    /// keys come first, so the mapping's own keys win).
    func mapping(_ node: YAMLNode, _ field: String) throws(ComposeError) -> [(Located<String>, YAMLNode)] {
        guard let mapping = node.mapping else { throw fail(node, "\(field) must be a map (key: value), not \(kind(node))") }
        var merged: [(Located<String>, YAMLNode)] = []
        var own: [(Located<String>, YAMLNode)] = []
        for (key, value) in mapping {
            if key.scalar?.string == "<<" {
                let sources = value.sequence.map(Array.init) ?? [value]
                for source in sources { merged += try self.mapping(source, field) }
                continue
            }
            guard let name = key.scalar?.string else { throw fail(key, "\(field) has a key that is not a string") }
            own.append((Located(name, line: line(key), column: column(key), file: path), value))
        }
        let ownKeys = Set(own.map(\.0.value))
        var seen: Set<String> = []
        let inherited = merged.reversed().filter { !ownKeys.contains($0.0.value) && seen.insert($0.0.value).inserted }.reversed()
        return inherited + own
    }

    func sequence(_ node: YAMLNode, _ field: String) throws(ComposeError) -> [YAMLNode] {
        guard let sequence = node.sequence else { throw fail(node, "\(field) must be a list, not \(kind(node))") }
        return Array(sequence)
    }

    func scalar(_ node: YAMLNode, _ field: String) throws(ComposeError) -> String {
        guard let scalar = node.scalar else { throw fail(node, "\(field) must be a single value, not \(kind(node))") }
        return variables?.interpolate(scalar.string) ?? scalar.string
    }

    func integer(_ node: YAMLNode, _ field: String) throws(ComposeError) -> Int {
        let text = try typedScalar(node, field)
        guard let value = Int(text) else {
            if variables == nil, node.scalar?.string.contains("${") == true {
                throw fail(node, "\(field) is \(node.scalar?.string ?? ""), a variable without a default, and archdoc's model needs a number here; give it one, such as ${NAME:-2}")
            }
            throw fail(node, "\(field) must be a whole number")
        }
        return value
    }

    /// A typed field's text. Read without variables (by import), a `${…}` is
    /// taken at its default, since the model holds a number or a policy there.
    func typedScalar(_ node: YAMLNode, _ field: String) throws(ComposeError) -> String {
        let text = try scalar(node, field)
        guard variables == nil, text.contains("${") else { return text }
        return ComposeVariables().interpolate(text)
    }

    /// For import's warning: a typed field written as a variable, and the default it was read as.
    func variableAtDefault(_ node: YAMLNode?, _ field: String) -> Located<String>? {
        guard variables == nil, let node, let text = node.scalar?.string, text.contains("${") else { return nil }
        return located("\(field) is \(text), read as its default '\(ComposeVariables().interpolate(text))'", node)
    }

    func boolean(_ node: YAMLNode, _ field: String) throws(ComposeError) -> Bool {
        switch try scalar(node, field).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(node, "\(field) must be true or false")
        }
    }

    /// `~`, `null` or nothing, unquoted.
    static func isNull(_ scalar: YAMLNode.Scalar) -> Bool {
        scalar.style != .singleQuoted && scalar.style != .doubleQuoted && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func value(_ pairs: [(Located<String>, YAMLNode)], _ key: String) -> YAMLNode? {
        pairs.last { $0.0.value == key }?.1
    }

    func located<T>(_ value: T, _ node: YAMLNode) -> Located<T> {
        Located(value, line: line(node), column: column(node), file: path)
    }

    func line(_ node: YAMLNode) -> Int { node.mark?.line ?? 0 }
    func column(_ node: YAMLNode) -> Int { node.mark?.column ?? 1 }

    func fail(_ node: YAMLNode, _ message: String) -> ComposeError {
        ComposeError(path: path, line: line(node), column: column(node), message)
    }

    func fail(_ key: Located<String>, _ message: String) -> ComposeError {
        ComposeError(path: path, line: key.line, column: key.column, message)
    }

    private func kind(_ node: YAMLNode) -> String {
        switch node {
        case .mapping: "a map"
        case .sequence: "a list"
        case .scalar(let scalar): "the value '\(scalar.string)'"
        case .alias: "an alias"
        }
    }
}
