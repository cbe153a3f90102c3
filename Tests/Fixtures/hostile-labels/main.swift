// Labels that break naive diagram writers: quotes, brackets, braces, newlines,
// markup, preprocessor characters, HTML and non-ASCII text. The real PlantUML
// and Mermaid must render every view of this architecture.
import ArchitectureDescription

let nasty = "He said \"hi\" [x] {y} (z) <script>alert(1)</script>\nline 2 – Ünïcødé 日本語 ✓ $var %date% !include //no italics// **no bold** __u__ --s-- a|b #1 `code` C:\\path & more; end"

let user = Person("user-1", "User \"root\" <admin>", description: nasty)
let api = Container("api.v2", "API (v2) [beta] {x}", technology: "Swift \"6\" | Vapor", description: nasty, icon: .swift)
let end = Container("end", "end", kind: .queue, technology: "RabbitMQ", description: "An id that is a Mermaid keyword")
let graph = Container("graph", "subgraph", kind: .objectStore, technology: "S3", description: "Another keyword\r\nwith CRLF")
let web = Container("o-web", "Web «app»", kind: .webApp, technology: "TypeScript", description: "Starts with o, which Mermaid edges treat specially")
let ext = SoftwareSystem("ext", "Extern \"Ω\"", description: nasty, isExternal: true)
// More of the corpus of Tests/TestSupport/HostilePayloads.swift: directives of every diagram
// language, markup in a title, line breaks of every kind, Swift's string syntax, bidi marks.
let directives = "@enduml\n@startuml\n!include /etc/passwd\n%%{init: {\"theme\": \"dark\"}}%%\nclick a href \"javascript:alert(1)\"\nend"
let breaks = "a\u{85}b\u{2028}c\u{2029}d\re \"\"\" \\(x) #\" rtl\u{202E}txt mark\u{200F} {{name}} [link](javascript:alert(1))"
let markup = SoftwareSystem("markup", "<img src=x onerror=alert(1)> & </title><svg onload=alert(1)>", description: directives)
let worker = Container("worker", "Worker ${HOME} $$ %s", technology: "--> |x| ;", description: breaks)

let architecture = Architecture("Hostile \"labels\" <b>") {
    user
    SoftwareSystem("sys", "Sys <1> \"quoted\"", description: nasty) { api; end; graph; web; worker }
    api.uses(worker, directives, technology: breaks)
    ext
    markup
    user.uses(markup, "<script>alert(2)</script>\n@enduml", technology: "%%{init}%%")
    user.uses(web, "Says \"hi\"\nand [more]", technology: "HTTP|S <1.1>")
    web.uses(api, "Calls %function()", technology: "JSON/HTTP")
    api.uses(end, "Publishes {events}", technology: "AMQP")
    api.uses(graph, "Stores -> files", technology: "S3 API")
    api.uses(ext, "Notifies \"ext\"", technology: "Webhook")

    Deployment("Compose \"host\"", description: nasty) {
        Profile("dev", "Dev <local>", description: "Profile with \"quotes\"")
        Node("vm-1", "VM «1»", technology: "Debian \"12\"", description: nasty) {
            Service(api, image: "api:1", dependsOn: [.started(end)])
            Service(end, image: "rabbitmq:3")
        }
        Service(graph, image: "minio/minio")
        Service(web, image: "web:1", dependsOn: [.started(api)])
        Service(worker, image: "worker:1", command: "run --all", environment: ["PAYLOAD": directives, "BREAKS": breaks])
    }
}
