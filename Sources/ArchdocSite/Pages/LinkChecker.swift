import ArchdocBasics
import ArchdocModel
import ArchitectureDescription
import Foundation

/// Checks the links of every Markdown page: a link to a page, a file or an
/// anchor that the site does not have is a finding, reported at the link's
/// line in the Markdown source.
struct LinkChecker {
    /// Every file the site will have, relative to the site folder.
    let files: Set<String>
    /// The heading anchors of each page, by page path.
    let anchors: [String: Set<String>]

    /// The broken links of one page.
    func check(_ page: SitePage, severity: Diagnostic.Severity) -> [Diagnostic] {
        page.links.compactMap { link -> Diagnostic? in
            let destination = link.destination
            guard !destination.isEmpty, !Self.isExternal(destination) else { return nil }
            let (pathPart, anchor) = Self.split(destination)
            let target: String
            if pathPart.isEmpty {
                target = page.path
            } else {
                guard let resolved = Self.resolve(SiteLinks.rewritten(pathPart), from: page.path) else {
                    return diagnostic(page, link, "link to '\(destination)' leaves the site", severity)
                }
                target = resolved
            }
            guard files.contains(target) || files.contains(target + "/index.html") else {
                return diagnostic(page, link, "link to '\(destination)': the site has no \(target)", severity)
            }
            if let anchor, !anchor.isEmpty, let known = anchors[target], !known.contains(anchor) {
                return diagnostic(page, link, "link to '\(destination)': \(target) has no heading with anchor '#\(anchor)'", severity)
            }
            return nil
        }
    }

    private func diagnostic(_ page: SitePage, _ link: MarkdownLink, _ message: String, _ severity: Diagnostic.Severity) -> Diagnostic {
        let location = page.source.map { SourceLocation(file: $0, line: link.line) }
        return Diagnostic(severity, rule: "broken-link", message + "; fix the link or the page", at: location)
    }

    /// Whether a destination names a scheme (`https:`, `mailto:`) or a host (`//…`).
    /// Read as bytes: the site of a 1,000-page docs folder checks ten thousand links.
    static func isExternal(_ destination: String) -> Bool {
        let bytes = destination.utf8
        if bytes.starts(with: "//".utf8) { return true }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = bytes[..<colon]
        guard !scheme.isEmpty else { return false }
        guard scheme.allSatisfy({ $0 < 0x80 }) else {
            // Letters and digits of any script, as before for non-ASCII schemes.
            return destination[..<colon].allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
        }
        return scheme.allSatisfy { schemeBytes.contains($0) }
    }

    private static let schemeBytes = ASCIISet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")

    /// The path of a destination (percent-decoded) and its anchor; the query is dropped.
    static func split(_ destination: String) -> (path: String, anchor: String?) {
        let bytes = destination.utf8
        // Cut at ASCII bytes, so each index is also a character boundary.
        let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        let hash = bytes[..<end].firstIndex(of: UInt8(ascii: "#"))
        let path = String(destination[..<(hash ?? end)])
        let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path
        return (decoded, hash.map { String(destination[bytes.index(after: $0)..<end]) })
    }

    /// A relative link from a page, as a path inside the site; `nil` when it leaves the site.
    static func resolve(_ link: String, from page: String) -> String? {
        let slash = UInt8(ascii: "/")
        var segments: [Substring] = []
        if !link.utf8.starts(with: CollectionOfOne(slash)) {
            segments = page.utf8.split(separator: slash).dropLast().map { Substring($0) }
        }
        for segment in link.utf8.split(separator: slash) {
            if segment.elementsEqual(".".utf8) { continue }
            if segment.elementsEqual("..".utf8) {
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            } else {
                segments.append(Substring(segment))
            }
        }
        return segments.joined(separator: "/")
    }
}

/// Rewriting links between Markdown pages into links between HTML pages.
enum SiteLinks {
    /// `chapter.md` → `chapter.html`; other links stay as they are.
    static func rewritten(_ path: String) -> String {
        path.hasSuffix(".md") ? String(path.dropLast(3)) + ".html" : path
    }

    /// Rewrites relative `href="….md"` and `href="….md#…"` in cmark's HTML.
    /// cmark escapes `"` in attribute values and text, so `href="` only ever
    /// starts a real attribute.
    static func rewriteMarkdownLinks(in html: String) -> String {
        let marker = Array("href=\"".utf8)
        // Most links, and many pages, name no `.md` file: those are copied as
        // they are, and a page without any is returned without a copy.
        guard html.containsUTF8(markdownExtension) else { return html }
        return html.transformingUTF8 { bytes, out in
            var start = 0, searched = 0
            while let found = bytes.firstRange(of: marker, from: searched) {
                let valueStart = found + marker.count
                guard let valueEnd = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                searched = valueEnd
                let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd])
                guard value.firstRange(of: markdownExtension, from: 0) != nil else { continue }
                out.append(contentsOf: bytes[start..<valueStart])
                out.append(contentsOf: rewrittenLink(String(decoding: value, as: UTF8.self)).utf8)
                start = valueEnd
            }
            out.append(contentsOf: bytes[start...])
        }
    }

    private static let markdownExtension = Array(".md".utf8)

    /// A link destination with a relative `.md` path pointing at its `.html` page.
    private static func rewrittenLink(_ value: String) -> String {
        guard !LinkChecker.isExternal(value) else { return value }
        guard let hash = value.firstIndex(of: "#") else { return rewritten(value) }
        return rewritten(String(value[..<hash])) + value[hash...]
    }
}
