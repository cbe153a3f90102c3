@testable import ArchdocSite
import Foundation
import TestSupport
import Testing

/// A long page is parsed and rendered in sections (``MarkdownSections``): the
/// result must be the whole page's, byte for byte, wherever the page is cut.
@Suite struct MarkdownSectionsTests {
    /// Pages that put a heading where cutting would change the HTML, if the
    /// cut were made there, beside headings where it is safe.
    static let pages: [String] = [
        // Headings, paragraphs, lists, quotes and tables; slugs repeat across
        // sections; links on known lines, in text and in table cells.
        """
        # Title
        Intro with a [link](a.md) and ![a picture](p.svg).
        ## Part
        - a list
        - with [a link](b.md)
        ## Part
        > a quote
        continued lazily
        ### Table
        | Name | Link |
        | --- | :-: |
        | one | [x](x.md) |
        | two | `code` |
        #### Part
        Setext
        ======
        text
        #
        ###### six
        ####### seven is text
        #hashtag is text
        ## Last [link](c.md)

        """,
        // A fence at column 0 hides headings until it closes; a longer fence
        // is not closed by a shorter one; `~~~` and a backtick info string.
        """
        # Before
        ````markdown
        # not a heading
        ```
        # still not
        ````
        ## After the fence
        ~~~
        # tilde fence
        ~~~~ 
        ## After the tildes
        ``` not `a fence
        ## A heading after inline code
        ```
        # the fence never closes

        """,
        // A fence indented in a list item ends with the item; what follows
        // cannot be told apart without parsing, so nothing after it is cut.
        """
        # Zero
        text
        # One
        - item
          ```
          code
        # Two
        ```
        text
        # Inside a fence
        ```
        ## Three

        """,
        // An HTML block runs to a blank line, or to its closing tag.
        """
        # Zero
        # One
        <div>
        # inside the HTML block
        </div>

        # Two
        <!--
        # in a comment

        # still in the comment
        -->
        ## Three

        """,
        // Windows and old Mac line endings: links keep their lines.
        "# One\r\n[a](a.md)\r\n## Two\r[b](b.md)\r### Three\r\n\r\n[c](c.md)\r\n",
        // Indented code and a heading right after a paragraph.
        """
        # One
            # indented code
        paragraph
        # Two
        text

        """,
    ]

    static func render(_ page: String, sectionSize: Int, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        var page = page
        return page.withUTF8 { bytes in
            var renderer = MarkdownPageRenderer(source: bytes, options: options, sectionSize: sectionSize)
            return renderer.render()
        }
    }

    static func firstLines(_ page: String, size: Int = 1) -> [Int] {
        var page = page
        return page.withUTF8 { MarkdownSections.split($0, size: size).map(\.firstLine) }
    }

    @Test(arguments: pages.indices)
    func sectionsRenderAsTheWholePage(index: Int) {
        let page = Self.pages[index]
        #expect(Self.firstLines(page).count > 1, "the page is not cut, so the test proves nothing")
        for options in [MarkdownOptions(), MarkdownOptions(allowRawHTML: true, smartPunctuation: true), MarkdownOptions(headingAnchors: false, tables: false)] {
            let whole = Self.render(page, sectionSize: .max, options: options)
            for size in [1, 10, 40] {
                #expect(Self.render(page, sectionSize: size, options: options) == whole, "page \(index), sections of \(size) bytes")
            }
        }
    }

    @Test func cutsOnlyAtHeadingsOutsideFences() {
        #expect(Self.firstLines(Self.pages[0]) == [1, 3, 6, 9, 14, 18, 19, 22])
        #expect(Self.firstLines(Self.pages[1]) == [1, 7, 11, 13])
    }

    @Test func stopsCuttingAtAnIndentedFenceOrHTML() {
        #expect(Self.firstLines(Self.pages[2]) == [1, 3])
        #expect(Self.firstLines(Self.pages[3]) == [1, 2])
        #expect(Self.firstLines("# a\n## b\n<p>\n## c\n") == [1, 2])
    }

    @Test func countsLinesAsCmarkDoes() {
        #expect(Self.firstLines(Self.pages[4]) == [1, 3, 5])
        let links = Self.render(Self.pages[4], sectionSize: 1).links
        #expect(links.map(\.line) == [2, 4, 7])
    }

    /// The slugs are unique within the page, not within a section.
    @Test func slugsAreUniqueAcrossSections() {
        let page = "# A\n\ntext\n\n# A\n\ntext\n\n# A-1\n\n# A\n"
        #expect(Self.firstLines(page) == [1, 5, 9, 11])
        let rendered = Self.render(page, sectionSize: 1)
        #expect(rendered.headings.map(\.anchor) == ["a", "a-1", "a-1-1", "a-2"])
        #expect(rendered.html.contains(##"<h1 id="a-1-1"><a class="anchor" href="#a-1-1" aria-hidden="true">#</a>A-1</h1>"##))
    }

    @Test func aPageThatMayDefineAReferenceStaysWhole() {
        let page = "# a\n[x][r]\n## b\n[r]: r.md\n"
        #expect(Self.firstLines(page) == [1])
        #expect(Self.render(page, sectionSize: 1).html.contains(#"<a href="r.md">x</a>"#))
    }

    @Test func sectionsAreAtLeastTheGivenSize() {
        let page = (0..<100).map { "## Section \($0)\n\ntext \($0)\n" }.joined()
        var bytes = page
        let sections = bytes.withUTF8 { MarkdownSections.split($0, size: 200).map(\.bytes.count) }
        #expect(sections.count > 5)
        #expect(sections.dropLast().allSatisfy { $0 >= 200 })
        #expect(sections.reduce(0, +) == page.utf8.count)
    }

    /// The generated chapters, the largest pages archdoc renders.
    @Test(arguments: Examples.all)
    func generatedChaptersRenderAsWholePages(example: String) throws {
        let chapters = try CommonMarkTests.generatedChapters(example)
        #expect(chapters.contains { Self.firstLines($0.contents, size: 256).count > 1 })
        for chapter in chapters {
            #expect(Self.render(chapter.contents, sectionSize: 256) == Self.render(chapter.contents, sectionSize: .max), "\(chapter.path)")
        }
    }
}
