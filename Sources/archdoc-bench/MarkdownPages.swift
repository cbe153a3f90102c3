import Foundation

/// 1,000 synthetic Markdown pages, like a project's own docs: headings, prose with
/// emphasis and links, lists, a code block and a pipe table each.
enum MarkdownPages {
    static func write(count: Int = 1_000, to folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try (0..<count).map { i in
            let path = "\(folder)/page-\(String(format: "%04d", i)).md"
            try page(i, count: count).write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }
    }

    static func page(_ i: Int, count: Int) -> String {
        var text = "# Page \(i): how service \(i) works\n\n"
        for section in 0..<4 {
            text += "## Section \(section) of page \(i)\n\n"
            text += "Service **\(i)** talks to [page \((i + section + 1) % count)](page-\(String(format: "%04d", (i + section + 1) % count)).md) "
            text += "over `HTTPS`. It keeps *its own* state and retries with back-off; see the [runbook](https://example.com/runbook/\(i)).\n"
            text += "The second sentence of this paragraph explains why, in plain words, for readers new to the system.\n\n"
            text += "- first point about \(section)\n- second point, with `code`\n- third point\n\n"
        }
        text += "```swift\nlet service = Container(\"s\(i)\", \"Service \(i)\")\n```\n\n"
        text += "| Setting | Dev | Prod |\n|---|---|---|\n| replicas | 1 | 3 |\n| log level | debug | info |\n"
        return text
    }
}
