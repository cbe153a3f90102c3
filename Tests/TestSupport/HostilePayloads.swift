/// Text that breaks generated files when it is not escaped: every test of an
/// output puts each payload into every string field it can, then reads the
/// output back with the real parser (Yams, SwiftParser, PlantUML, Mermaid, a browser).
package enum HostilePayloads {
    /// At least 40 payloads: line breaks of every kind, quotes and escapes of
    /// each generated language, directives of the diagram languages, markup,
    /// YAML specials, control characters, bidirectional marks and a long name.
    package static let all: [String] = [
        // Line breaks of every kind, alone and in front of code.
        "a\nb", "a\rb", "a\r\nb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "a\u{0B}b\u{0C}c",
        "bogus\nlet _ = { () -> Int in fatalError(\"RAN\") }()\n//",
        "x\r}\rlet _ = fatalError(\"RAN\")\r//",
        "x\u{2028}include: [evil.yaml]\u{2028}#",
        "x\nservices:\n  evil:\n    image: evil\n#",
        // Quotes, backslashes, comment closers and Swift's string syntax.
        "\"", "'", "\\", "\\\\\"", "*/ let x = 1 /*", "\"\"\"", "\\(fatalError(\"RAN\"))", "#\"", "\"#", "##\"raw\"##",
        // Diagram and template directives.
        "@enduml", "@startuml\n!include /etc/passwd", "!include https://example.invalid/x.puml", "%%{init: {\"theme\": \"dark\"}}%%",
        "click a href \"javascript:alert(1)\"", "a --> b", "end", "{{name}}", "[link](javascript:alert(1))",
        // Markup and script.
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "</textarea><svg onload=alert(1)>",
        "&amp; &lt; &#x3C;", "<!-- x -->",
        // YAML specials.
        ": x", "- x", "? x", "&anchor", "*alias", "!!python/object:os.system", "{a: b}", "[a, b]", "# not a comment",
        "---", "...", "|", ">", "~", "null", "yes", "0x1F", "1e3", "${HOME}", "$$", "%s%n",
        // Control characters and bidirectional marks.
        "nul\u{0}byte", "esc\u{1B}[31mred", "bell\u{07}", "del\u{7F}", "c1\u{9B}", "rtl\u{202E}txt.exe", "mark\u{200F}", "iso\u{2066}late\u{2069}",
        "tab\tbed", " leading and trailing ",
        // Non-ASCII and a very long name.
        "Ünïcødé 日本 🚀", String(repeating: "long-name ", count: 1_000),
    ]
}
