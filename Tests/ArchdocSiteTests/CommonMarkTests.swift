import ArchdocBasics
import ArchdocGeneration
import ArchdocLoading
import ArchdocRenderers
import ArchdocSite
import ArchdocTemplates
import Foundation
import TestSupport
import Testing

/// `CommonMark.render`: cmark's HTML plus heading anchors, pipe tables, and the
/// headings, links and text the site builder needs.
@Suite struct CommonMarkTests {
    // MARK: Headings

    @Test func headingAnchorsAreGitHubSlugsUniqueWithinThePage() {
        let page = CommonMark.render("""
            # Hello World
            ## Hello World
            ## Hello World
            ## What's new? (v2.0) — *really*!
            ## Ünïcødé 日本語 Straße
            ## snake_case and kebab-case
            ## a-1
            ## a
            ## a
            ## !!!
            ## 🎉
            ## `<code>` & more
            """)
        #expect(page.headings.map(\.anchor) == [
            "hello-world", "hello-world-1", "hello-world-2",
            "whats-new-v20--really",
            "ünïcødé-日本語-straße",
            "snake_case-and-kebab-case",
            "a-1", "a", "a-2",
            "section", "section-1",
            "code--more",
        ])
        #expect(page.headings[3].text == "What's new? (v2.0) — really!")
        #expect(page.headings[11].text == "<code> & more")
    }

    @Test func headingsGetAnIDAndASelfLink() {
        let page = CommonMark.render("## Getting *started*\n\ntext\n")
        #expect(page.html == """
            <h2 id="getting-started"><a class="anchor" href="#getting-started" aria-hidden="true">#</a>Getting <em>started</em></h2>
            <p>text</p>

            """)
    }

    @Test func headingAnchorsCanBeTurnedOff() {
        let page = CommonMark.render("## Getting started\n", options: MarkdownOptions(headingAnchors: false))
        #expect(page.html == "<h2>Getting started</h2>\n")
        #expect(page.headings == [MarkdownHeading(level: 2, text: "Getting started", anchor: "getting-started")])
    }

    @Test func titleIsTheFirstLevelOneHeading() {
        #expect(CommonMark.render("## Intro\n\n# The *Title*\n\n# Second\n").title == "The Title")
        #expect(CommonMark.render("Setext Title\n============\n").title == "Setext Title")
        #expect(CommonMark.render("## Only level two\n\ntext\n").title == nil)
        #expect(CommonMark.render("").title == nil)
    }

    @Test func headingsAreTableOfContentsDataInDocumentOrder() {
        let page = CommonMark.render("""
            # Guide

            ## Install

            ### On Linux

            > ## Quoted

            - ### In a list

            ```
            # not a heading
            ```

            Setext two
            ----------
            """)
        #expect(page.headings == [
            MarkdownHeading(level: 1, text: "Guide", anchor: "guide"),
            MarkdownHeading(level: 2, text: "Install", anchor: "install"),
            MarkdownHeading(level: 3, text: "On Linux", anchor: "on-linux"),
            MarkdownHeading(level: 2, text: "Quoted", anchor: "quoted"),
            MarkdownHeading(level: 3, text: "In a list", anchor: "in-a-list"),
            MarkdownHeading(level: 2, text: "Setext two", anchor: "setext-two"),
        ])
        for heading in page.headings {
            #expect(page.html.contains(#"<h\#(heading.level) id="\#(heading.anchor)">"#))
        }
        #expect(page.html.contains("<pre><code># not a heading\n</code></pre>"))
    }

    // MARK: Links

    @Test func linksAndImagesHaveTheirSourceLines() {
        let page = CommonMark.render("""
            # Links [in a heading](heading.md)

            A [first](one.md) and ![a picture](pic.svg "Title"),
            a `code span
            over two lines` then [second](two.md#part)
            and <https://example.com/auto>.

            A [reference][ref] and a [collapsed][] one.

            > - nested [deep](deep.md)

            [ref]: ref.md
            [collapsed]: <with space.md>
            [unused]: unused.md
            """)
        #expect(page.links == [
            MarkdownLink(destination: "heading.md", line: 1),
            MarkdownLink(destination: "one.md", line: 3),
            MarkdownLink(destination: "pic.svg", line: 3, isImage: true),
            MarkdownLink(destination: "two.md#part", line: 5),
            MarkdownLink(destination: "https://example.com/auto", line: 6),
            MarkdownLink(destination: "ref.md", line: 8),
            MarkdownLink(destination: "with space.md", line: 8),
            MarkdownLink(destination: "deep.md", line: 10),
        ])
        #expect(page.html.contains(#"<a href="with%20space.md">collapsed</a>"#))
    }

    // MARK: Escaping and safety

    @Test func textAndCodeAreEscaped() {
        let page = CommonMark.render("""
            Tom & Jerry <3 a<b "q"

            Code `a < b && c > d`

                if a < b && c { }

            ```swift
            let s = "<tag>" & x
            ```
            """)
        #expect(page.html == """
            <p>Tom &amp; Jerry &lt;3 a&lt;b &quot;q&quot;</p>
            <p>Code <code>a &lt; b &amp;&amp; c &gt; d</code></p>
            <pre><code>if a &lt; b &amp;&amp; c { }
            </code></pre>
            <pre><code class="language-swift">let s = &quot;&lt;tag&gt;&quot; &amp; x
            </code></pre>

            """)
        #expect(page.plainText.contains("let s = \"<tag>\" & x"))
    }

    @Test func rawHTMLIsOmittedByDefault() {
        let markdown = "<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\nInline <b onclick=\"x()\">bold</b> text\n"
        let page = CommonMark.render(markdown)
        #expect(!page.html.contains("<script"))
        #expect(!page.html.contains("<div"))
        #expect(!page.html.contains("<b "))
        #expect(page.html.contains("<!-- raw HTML omitted -->"))
        #expect(page.html.contains("Inline <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> text"))
    }

    @Test func rawHTMLPassesWithAllowRawHTML() {
        let markdown = "<div class=\"x\">\n<h2>Raw heading</h2>\n</div>\n\nInline <b>bold</b> text\n\n## Markdown heading\n"
        let page = CommonMark.render(markdown, options: MarkdownOptions(allowRawHTML: true))
        #expect(page.html.contains("<div class=\"x\">\n<h2>Raw heading</h2>\n</div>"))
        #expect(page.html.contains("Inline <b>bold</b> text"))
        // Raw headings keep their markup and are not part of the table of contents.
        #expect(page.headings.map(\.text) == ["Markdown heading"])
        #expect(page.html.contains(#"<h2 id="markdown-heading">"#))
    }

    @Test func javascriptURLsAreDroppedInSafeMode() {
        let markdown = "[click](javascript:alert(1)) ![x](vbscript:y) [ok](https://example.com)\n"
        let safe = CommonMark.render(markdown)
        #expect(!safe.html.contains("javascript:"))
        #expect(!safe.html.contains("vbscript:"))
        #expect(safe.html.contains(#"<a href="">click</a>"#))
        #expect(safe.html.contains(#"<a href="https://example.com">ok</a>"#))
        // The link list keeps every destination, for diagnostics.
        #expect(safe.links.map(\.destination) == ["javascript:alert(1)", "vbscript:y", "https://example.com"])
        let unsafe = CommonMark.render(markdown, options: MarkdownOptions(allowRawHTML: true))
        #expect(unsafe.html.contains(#"<a href="javascript:alert(1)">click</a>"#))
    }

    @Test func smartPunctuationIsOffByDefault() {
        #expect(CommonMark.render("\"a\" -- b...\n").html == "<p>&quot;a&quot; -- b...</p>\n")
        #expect(CommonMark.render("\"a\" -- b...\n", options: MarkdownOptions(smartPunctuation: true)).html == "<p>“a” – b…</p>\n")
    }

    @Test func htmlTextEscapesTheFiveSpecialCharacters() {
        #expect(HTMLText.escaped(#"Tom & "Jerry" <'3'>"#) == "Tom &amp; &quot;Jerry&quot; &lt;&#39;3&#39;&gt;")
        #expect(HTMLText.escaped("plain Ünïcødé") == "plain Ünïcødé")
        #expect(HTMLText.escaped("") == "")
    }

    // MARK: Tables

    @Test func pipeTableWithAlignment() {
        let page = CommonMark.render("""
            | Left | Center | Right | None |
            | :--- | :----: | ----: | ---- |
            | a | b | c | d |
            """)
        #expect(page.html == """
            <table>
            <thead>
            <tr>
            <th style="text-align:left">Left</th>
            <th style="text-align:center">Center</th>
            <th style="text-align:right">Right</th>
            <th>None</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td style="text-align:left">a</td>
            <td style="text-align:center">b</td>
            <td style="text-align:right">c</td>
            <td>d</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func tableCellsAreInlineMarkdownRenderedByCmark() {
        let page = CommonMark.render("""
            Name | Value
            --- | ---
            `a \\| b` and a\\|b | [link](target.md) **bold** <i>raw</i>
            | # not a heading | - not a list
            | 1. not a list | [x]: not-a-definition
            | a < b & c |
            """)
        #expect(page.html.contains("<td><code>a | b</code> and a|b</td>"))
        #expect(page.html.contains(#"<td><a href="target.md">link</a> <strong>bold</strong> <!-- raw HTML omitted -->raw<!-- raw HTML omitted --></td>"#))
        #expect(page.html.contains("<td># not a heading</td>\n<td>- not a list</td>"))
        #expect(page.html.contains("<td>1. not a list</td>\n<td>[x]: not-a-definition</td>"))
        #expect(page.html.contains("<td>a &lt; b &amp; c</td>\n<td></td>"))
        #expect(page.links == [MarkdownLink(destination: "target.md", line: 3)])
        #expect(!page.html.contains("\u{A0}"))
        #expect(page.plainText.contains("a | b and a|b link bold raw"))
    }

    @Test func textAndLinksOfManyTablesKeepDocumentOrder() {
        // Each table's text is spliced in at its place, between the paragraphs around it.
        let tables = (1...3).map { "before \($0)\n\n| T\($0) |\n| --- |\n| [cell \($0)](t\($0).md) |\n\nafter [\($0)](p\($0).md)" }
        let page = CommonMark.render(tables.joined(separator: "\n\n"))
        #expect(page.plainText == (1...3).map { "before \($0)\nT\($0)\ncell \($0)\nafter \($0)" }.joined(separator: "\n"))
        #expect(page.links.map(\.destination) == ["t1.md", "p1.md", "t2.md", "p2.md", "t3.md", "p3.md"])
    }

    @Test func tableCellsUseThePagesReferenceDefinitions() {
        let page = CommonMark.render("""
            | Doc |
            | --- |
            | [guide][] |
            | [missing][] |

            [guide]: guide.md
            """)
        #expect(page.html.contains(#"<td><a href="guide.md">guide</a></td>"#))
        #expect(page.html.contains("<td>[missing][]</td>"))
        #expect(page.links == [MarkdownLink(destination: "guide.md", line: 3)])
    }

    @Test func tableRightAfterAHeadingAndAfterText() {
        let page = CommonMark.render("""
            ## Services
            | Service | Port |
            |---|--:|
            | api | 8000 |
            | [db](db.md) | 5432 |
            Some text
            | a | b |
            |---|---|
            """)
        #expect(page.headings.map(\.text) == ["Services"])
        #expect(page.html.hasPrefix(#"<h2 id="services">"#))
        #expect(page.html.contains("</h2>\n<table>\n<thead>\n<tr>\n<th>Service</th>\n<th style=\"text-align:right\">Port</th>"))
        #expect(page.html.contains("<td style=\"text-align:right\">8000</td>"))
        // GitHub keeps going until a blank line: "Some text" is a row; the
        // second delimiter row is just another row.
        #expect(page.html.components(separatedBy: "<table>").count == 2)
        #expect(page.links == [MarkdownLink(destination: "db.md", line: 5)])

        let afterText = CommonMark.render("The services:\nof *the* [system](s.md)\n| a | b |\n| - | - |\n| 1 | [2](two.md) |\n")
        #expect(afterText.html.hasPrefix("<p>The services:\nof <em>the</em> <a href=\"s.md\">system</a></p>\n<table>\n"))
        #expect(afterText.links == [MarkdownLink(destination: "s.md", line: 2), MarkdownLink(destination: "two.md", line: 5)])
    }

    @Test func rowsArePaddedOrCutToTheHeaderAndHeaderOnlyTablesHaveNoBody() {
        let page = CommonMark.render("| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n\n| only | header |\n| --- | --- |\n")
        #expect(page.html.contains("<tr>\n<td>1</td>\n<td></td>\n</tr>"))
        #expect(page.html.contains("<tr>\n<td>1</td>\n<td>2</td>\n</tr>"))
        #expect(!page.html.contains("<td>3</td>"))
        #expect(page.html.hasSuffix("<th>header</th>\n</tr>\n</thead>\n</table>\n"))
    }

    @Test func paragraphsWithPipesThatAreNotTablesStayParagraphs() {
        let cases = [
            "a | b\nc | d\n",                          // no delimiter row
            "| a | b | c |\n| --- | --- |\n",          // header and delimiter differ in width
            "a\n:--\n",                                // no pipe at all
            "| a | b |\n| --- | x-- |\n",              // not a delimiter cell
            "Use `a|b` or x | y.\n",                   // one line
            "> | a |\n| --- |\n",                       // lazy continuation of a quote
        ]
        for markdown in cases {
            let html = CommonMark.render(markdown).html
            #expect(!html.contains("<table>"), "\(markdown.debugDescription) → \(html)")
            #expect(html.contains("<p>"), "\(markdown.debugDescription) → \(html)")
        }
        // Pipe tables in code stay code.
        let code = CommonMark.render("```\n| a |\n| - |\n```\n\n    | a |\n    | - |\n").html
        #expect(!code.contains("<table>"))
        #expect(CommonMark.render("| a |\n| - |\n", options: MarkdownOptions(tables: false)).html == "<p>| a |\n| - |</p>\n")
    }

    @Test func tablesInListItemsAndQuotes() {
        let page = CommonMark.render("- Item\n  | x | y |\n  | - | - |\n  | 1 | 2 |\n- | a |\n  | - |\n\n> | q |\n> | - |\n> | 3 |\n")
        // A tight list: "Item" without <p>, like cmark's other items.
        #expect(page.html.hasPrefix("<ul>\n<li>Item\n<table>\n"))
        #expect(page.html.contains("<li>\n<table>\n<thead>\n<tr>\n<th>a</th>"))
        #expect(page.html.contains("<blockquote>\n<table>\n"))
        #expect(page.html.components(separatedBy: "<table>").count == 4)
    }

    // MARK: Robustness

    @Test func invalidUTF8AndControlCharactersDoNotCrash() {
        let bytes: [UInt8] = Array("# T\u{0}itle \u{1}\n\n| a | b |\n| - | - |\n| ".utf8) + [0xFF, 0xC3, 0x28, 0xE2, 0x82] + Array(" | \u{0} |\n\nend ".utf8) + [0xF0, 0x9F]
        let page = CommonMark.render(utf8: bytes)
        #expect(page.html.contains("\u{FFFD}"))
        #expect(page.html.contains("<table>"))
        #expect(page.html.hasSuffix("<p>end \u{FFFD}</p>\n"))
        #expect(page.headings.count == 1)
        #expect(CommonMark.render(utf8: [UInt8]()).html == "")
        #expect(CommonMark.render("\u{FEFF}| a |\n| - |\n").html.hasPrefix("<table>"))
    }

    @Test func aThousandSectionsRender() {
        var markdown = "# Big\n\n"
        for index in 0..<1000 {
            markdown += """
                ## Section \(index)

                Text with a [link](page\(index).md) and `code`.

                | Name | Value |
                | --- | ---: |
                | n\(index) | \(index) |

                ```
                code \(index)
                ```


                """
        }
        let page = CommonMark.render(markdown)
        #expect(page.headings.count == 1001)
        #expect(Set(page.headings.map(\.anchor)).count == 1001)
        #expect(page.links.count == 1000)
        #expect(page.links.last == MarkdownLink(destination: "page999.md", line: 3 + 999 * 12 + 2))
        #expect(page.html.components(separatedBy: "<table>").count == 1001)
    }

    @Test func renderingManyTimesDoesNotGrowMemory() throws {
        let markdown = (0..<5).map { index in
            "## Part \(index)\n\nSee [a][ref] and ![p](p.svg) `x`.\n\n| a | b |\n| :- | -: |\n| [c][ref] | `d\\|e` |\n"
        }.joined(separator: "\n") + "\n[ref]: r.md\n<div>raw</div>\n"
        for _ in 0..<500 { _ = CommonMark.render(markdown) }
        let before = try Self.residentBytes()
        for _ in 0..<10_000 { _ = CommonMark.render(markdown) }
        let after = try Self.residentBytes()
        // Each render builds two cmark trees (the page and its table cells,
        // 10-20 KB of nodes) and the HTML: leaking any of them would grow by
        // 100 MB or more. The bound leaves room for tests running alongside
        // (alone this measures under 0.5 MB); smaller leaks are valgrind's job
        // (`valgrind --leak-check=full` over the same renders finds none).
        #expect(after - before < 48 << 20, "resident memory grew by \(after - before) bytes")
    }

    /// Resident set size from `/proc/self/statm`.
    static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * 4096
    }

    // MARK: Generated arc42 chapters

    @Test(arguments: Examples.all)
    func generatedArc42ChaptersRenderEveryTable(example: String) throws {
        let chapters = try Self.generatedChapters(example)
        #expect(!chapters.isEmpty)
        var tables = 0
        for chapter in chapters {
            let page = CommonMark.render(chapter.contents)
            let expected = Self.delimiterRows(in: chapter.contents)
            let rendered = page.html.components(separatedBy: "<table>").count - 1
            #expect(rendered == expected, "\(chapter.path): \(rendered) tables of \(expected)")
            #expect(!page.html.contains("<p>|"), "\(chapter.path) has a pipe row left as a paragraph")
            #expect(page.title != nil, "\(chapter.path) has no title")
            tables += rendered
        }
        #expect(tables > 0)
    }

    /// The arc42 chapters `generate` writes for an example.
    static func generatedChapters(_ example: String) throws -> [GeneratedFile] {
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = environment["ARCHDOC_TEST_CACHE_DIR"] ?? FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-test-cache").path
        let loaded = try ArchitectureLoader(environment: environment).load(from: Examples.packageRoot.appendingPathComponent(example).path)
        let files = try Generator(configuration: GeneratorConfiguration(siteDirectory: "site")).files(for: loaded.model)
        return files.filter { $0.path.hasPrefix("site/arc42/") && $0.path.hasSuffix(".md") }
    }

    /// Lines like `| --- | :-: |` outside fenced code.
    static func delimiterRows(in markdown: String) -> Int {
        var inFence = false
        var count = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, line.hasPrefix("|"), line.contains("-"), line.allSatisfy({ "|-: ".contains($0) }) { count += 1 }
        }
        return count
    }
}
