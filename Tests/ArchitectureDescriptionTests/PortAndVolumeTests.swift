import ArchitectureDescription
import Testing

@Suite struct PortTests {
    @Test(arguments: [
        ("80:80", nil, "80", "80", nil),
        ("127.0.0.1:8443:443/tcp", "127.0.0.1", "8443", "443", "tcp"),
        ("9000", nil, nil, "9000", nil),
        ("8000-8010:8000-8010/udp", nil, "8000-8010", "8000-8010", "udp"),
        ("127.0.0.1::80", "127.0.0.1", nil, "80", nil),
        // A variable with a default holds a `:` (and may hold a `/`) that is not a separator.
        ("${PORT:-8080}:80", nil, "${PORT:-8080}", "80", nil),
        ("${HOST:-127.0.0.1}:${PORT:-53}:53/udp", "${HOST:-127.0.0.1}", "${PORT:-53}", "53", "udp"),
        ("${PORT:?set PORT}:${TARGET:-80/tcp}", nil, "${PORT:?set PORT}", "${TARGET:-80/tcp}", nil),
    ] as [(String, String?, String?, String, String?)])
    func parsesShortSyntax(text: String, hostIP: String?, published: String?, target: String, proto: String?) {
        let port = Port(stringLiteral: text)
        #expect(port.hostIP == hostIP)
        #expect(port.published == published)
        #expect(port.target == target)
        #expect(port.protocol == proto)
        #expect(port.description == text)
    }
}

@Suite struct VolumeMountTests {
    @Test func variablesWithDefaultsStayWhole() {
        let mount: VolumeMount = "${DATA:-./data}:${TARGET:-/data}:ro,rslave"
        #expect(mount.source == "${DATA:-./data}")
        #expect(mount.target == "${TARGET:-/data}")
        #expect(mount.readOnly)
        #expect(mount.options == ["rslave"])
        #expect(mount.description == "${DATA:-./data}:${TARGET:-/data}:ro,rslave")
    }

    @Test func namedVolume() {
        let mount: VolumeMount = "pgdata:/var/lib/postgresql/data"
        #expect(mount.source == "pgdata")
        #expect(mount.target == "/var/lib/postgresql/data")
        #expect(mount.isNamedVolume)
        #expect(!mount.readOnly)
    }

    @Test func readOnlyBindMount() {
        let mount: VolumeMount = "./site:/usr/share/nginx/html:ro"
        #expect(mount.source == "./site")
        #expect(mount.readOnly)
        #expect(!mount.isNamedVolume)
        #expect(mount.description == "./site:/usr/share/nginx/html:ro")
    }

    @Test func mountOptions() {
        let mount: VolumeMount = "./src:/app:ro,z"
        #expect(mount.target == "/app")
        #expect(mount.readOnly)
        #expect(mount.options == ["z"])
        #expect(mount.description == "./src:/app:ro,z")
        let cached: VolumeMount = "./src:/app:cached"
        #expect(cached.target == "/app")
        #expect(!cached.readOnly)
        #expect(cached.description == "./src:/app:cached")
    }

    @Test func anonymousVolume() {
        let mount: VolumeMount = "/app/node_modules"
        #expect(mount.source == nil)
        #expect(mount.target == "/app/node_modules")
    }
}
