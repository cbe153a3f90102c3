/// A port a service publishes, in compose's short syntax or built field by field.
///
/// ```swift
/// ports: ["80:80", "127.0.0.1:8443:443/tcp", "9000"]
/// ```
public struct Port: Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The host address the port binds to, such as `127.0.0.1`; `nil` for all.
    public var hostIP: String?
    /// The port (or range) on the host; `nil` when only the container port is exposed.
    public var published: String?
    /// The port (or range) inside the container.
    public var target: String
    /// `tcp` or `udp`; `nil` means compose's default, `tcp`.
    public var `protocol`: String?

    /// Creates a port mapping.
    public init(published: String? = nil, target: String, hostIP: String? = nil, protocol: String? = nil) {
        self.hostIP = hostIP
        self.published = published
        self.target = target
        self.protocol = `protocol`
    }

    /// Parses compose's short syntax: `[[HOST_IP:][PUBLISHED]:]TARGET[/PROTOCOL]`.
    public init(stringLiteral value: String) {
        var rest = Substring(value)
        var proto: String?
        if let slash = Self.separators(in: rest, "/").last {
            proto = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        var fields = Self.fields(of: rest, separatedBy: ":")
        let target = fields.removeLast()
        let published = fields.popLast().flatMap { $0.isEmpty ? nil : $0 }
        let hostIP = fields.isEmpty ? nil : fields.joined(separator: ":")
        self.init(published: published, target: target, hostIP: hostIP, protocol: proto)
    }

    /// The short syntax, as written in a compose file (`127.0.0.1::80` when
    /// only the host address is given).
    public var description: String {
        var text = hostIP.map { "\($0):\(published ?? ""):\(target)" } ?? [published, target].compactMap { $0 }.joined(separator: ":")
        if let proto = `protocol` { text += "/\(proto)" }
        return text
    }

    /// The places of `separator` in `text` outside `${…}`, so that a variable
    /// with a default (`${PORT:-8080}`) stays one field.
    static func separators(in text: Substring, _ separator: Character) -> [String.Index] {
        var found: [String.Index] = []
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "$", next < text.endIndex, text[next] == "{" {
                depth += 1
                index = text.index(after: next)
                continue
            }
            if character == "}", depth > 0 { depth -= 1 } else if character == separator, depth == 0 { found.append(index) }
            index = next
        }
        return found
    }

    /// `text` split at `separator` outside `${…}`, empty fields kept.
    static func fields(of text: Substring, separatedBy separator: Character) -> [String] {
        var fields: [String] = []
        var start = text.startIndex
        for index in separators(in: text, separator) {
            fields.append(String(text[start..<index]))
            start = text.index(after: index)
        }
        fields.append(String(text[start...]))
        return fields
    }
}
