import ArchdocLoading
import ArchdocModel
import ArchdocPictures
import ArchdocViews
import ArchitectureDescription
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SnapshotTesting
import TestSupport
import Testing

/// The SVG pictures Graphviz draws in process: well-formed, complete, escaped,
/// deterministic; and snapshots of the DOT text they are laid out from.
@Suite(.serialized) struct SVGPictureTests {
    static func views(of example: String) throws -> [DiagramView] {
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHDOC_CACHE_DIR"] = environment["ARCHDOC_TEST_CACHE_DIR"] ?? FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-test-cache").path
        let loaded = try ArchitectureLoader(environment: environment).load(from: Examples.packageRoot.appendingPathComponent(example).path)
        return ViewBuilder(model: loaded.model).defaultViews()
    }

    static let examples = Examples.all + ["Tests/Fixtures/hostile-labels"]

    /// Graphviz 2.43's `dot` frees memory twice (and the corrupted heap
    /// crashes the process later) for a cluster with labelled edges both ways
    /// to outside elements and the legend's edges. Arrows between two
    /// elements are therefore written in one direction, the others with
    /// `dir=back`. (`archdoc generate` on this model is run end to end in
    /// `GenerateCommandTests`, which crashed before.)
    @Test func arrowsBothWaysAreWrittenInOneDirection() throws {
        let view = try #require(ViewBuilder(model: Self.bothWays).defaultViews().first { $0.key == "container-s0" })
        let dot = SVGPictureRenderer().dot(view)
        #expect(dot.contains(#""c0" -> "s1" [label=<Calls c1>]"#))
        #expect(dot.contains(#""c0" -> "s1" [label=<Calls c0>, dir=back]"#))
        #expect(!dot.contains(#""s1" -> "c0""#))
        let svg = try SVGPictureRenderer().render(view)
        #expect(try SVGText(svg).texts.joined(separator: " ").contains("Calls c0"))
    }

    /// Four systems of one container each, every container calling every other.
    static var bothWays: ArchitectureModel {
        let containers = (0..<4).map { Container("c\($0)", "Container \($0)", technology: "Swift") }
        return ArchitectureModel(Architecture("Both ways") {
            for (index, container) in containers.enumerated() { SoftwareSystem("s\(index)", "System \(index)") { container } }
            for from in containers { for to in containers where to.id != from.id { from.uses(to, "Calls \(to.id)") } }
        })
    }

    /// Graphviz 2.43's `dot` layout keeps static state from one layout to the
    /// next; this sequence (every view of ``bothWays`` five times, then every
    /// example view twice, then those of task-platform again) ended in an
    /// `install_in_rank` assertion that aborted the process. The session
    /// loads the plugins afresh for each picture.
    @Test func manyLayoutsInOneProcess() throws {
        let bothWays = ViewBuilder(model: Self.bothWays).defaultViews()
        var views = Array(repeating: bothWays, count: 5).flatMap { $0 }
        for example in Self.examples { views += try Self.views(of: example) }
        for example in Self.examples { views += try Self.views(of: example).flatMap { [$0, $0] } }
        views += try Self.views(of: "architecture/examples/task-platform")
        for view in views {
            let svg = try SVGPictureRenderer().render(view)
            #expect(try SVGText(svg).texts.contains { $0.contains(view.title) || view.title.contains($0) }, "\(view.key)")
        }
        #expect(views.count > 70)
    }

    /// The plugins next to libgvc are found (found by reading /proc/self/maps
    /// to its end), so pictures do not depend on the fonts of the machine.
    @Test func picturesUseBuiltInTextMetrics() {
        #expect(SVGPictureRenderer.usesBuiltInTextMetrics)
    }

    @Test(arguments: examples)
    func everyViewIsWellFormedSVGShowingEveryElement(example: String) throws {
        for view in try Self.views(of: example) {
            let svg = try SVGPictureRenderer().render(view)
            #expect(svg.hasPrefix("<?xml"))
            let document = try SVGText(svg)
            let texts = document.texts.joined(separator: " ")
            for element in view.allElements {
                // Line breaks in names become separate <text> elements, joined here by spaces.
                let name = element.name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(texts.contains(name), "\(view.key): \(element.name) is missing")
            }
            #expect(texts.contains("Legend"))
            #expect(document.elementNames.contains("svg"))
            #expect(!document.elementNames.contains("script"))
            if view.allElements.contains(where: { $0.shape == .person }) {
                #expect(svg.contains("<ellipse"), "\(view.key): a person without a head")
            }
        }
    }

    @Test func hostileTextStaysText() throws {
        let view = ViewBuilder(model: HostileLabels.model).containerView(of: HostileLabels.model.architecture.softwareSystems[0])
        let svg = try SVGPictureRenderer().render(view)
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;"))
        let document = try SVGText(svg)
        #expect(!document.elementNames.contains("script"))
        let texts = document.texts.joined(separator: " ")
        #expect(texts.contains("<script>alert(1)</script>"))
        #expect(texts.contains("He said \"hi\""))
        #expect(texts.contains("日本"))
        #expect(texts.contains("C:\\path & more"))
        #expect(texts.contains("Sys <1>"))
    }

    @Test(arguments: examples)
    func picturesAreDeterministic(example: String) throws {
        for view in try Self.views(of: example) {
            let renderer = SVGPictureRenderer()
            #expect(try renderer.render(view) == renderer.render(view))
            #expect(renderer.dot(view) == renderer.dot(view))
        }
    }

    @Test func inlinePicturesCanShareAPage() throws {
        let views = try Self.views(of: "architecture/examples/task-platform")
        var ids: [String] = []
        for view in views {
            let inline = try SVGPictureRenderer().renderInline(view)
            #expect(inline.hasPrefix("<svg"))
            #expect(!inline.contains("<!DOCTYPE"))
            _ = try SVGText(inline)
            ids += inline.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        }
        #expect(!ids.isEmpty)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
    }

    @Test func longDescriptionsWrap() {
        let text = String(repeating: "word ", count: 20)
        let dot = SVGPictureRenderer().dot(Self.largeView(containers: 1, description: text))
        #expect(dot.contains("word word word word word word<BR/>word"))
    }

    /// A view of `containers` containers, 2 people and 3 external systems.
    static func largeView(containers count: Int, description: String = "Does one part of the work, described at some length") -> DiagramView {
        let people = (1...2).map { Person("person\($0)", "Person \($0)", description: "Uses the system") }
        let externals = (1...3).map { SoftwareSystem("ext\($0)", "External \($0)", description: "Another system", isExternal: true) }
        let kinds: [ContainerKind] = [.service, .webApp, .database, .queue, .objectStore]
        let containers = (0..<count).map {
            Container("c\($0)", "Container \($0)", kind: kinds[$0 % kinds.count], technology: "Swift", description: description)
        }
        let model = ArchitectureModel(Architecture("Large") {
            for person in people { person }
            SoftwareSystem("sys", "System", description: "The system") { containers }
            for external in externals { external }
            people.map { $0.uses(containers[0], "Uses", technology: "HTTPS") }
            (1..<count).map { containers[($0 - 1) / 2].uses(containers[$0], "Calls", technology: "gRPC") }
            externals.enumerated().map { containers[$0.offset % count].uses($0.element, "Notifies", technology: "Webhook") }
        })
        return ViewBuilder(model: model).containerView(of: model.architecture.softwareSystems[0])
    }

    @Test func thirtyElementsRender() throws {
        let view = Self.largeView(containers: 25)
        #expect(view.allElements.count == 30)
        let renderer = SVGPictureRenderer()
        _ = try renderer.render(view)
        let clock = ContinuousClock()
        var svg = ""
        let elapsed = try clock.measure { svg = try renderer.render(view) }
        print("SVG picture of 30 elements: \(elapsed) (\(svg.utf8.count) bytes)")
        _ = try SVGText(svg)
    }

    @Test(arguments: Examples.all)
    func dotSnapshots(example: String) throws {
        let name = example.split(separator: "/").last.map(String.init) ?? example
        for view in try Self.views(of: example) {
            assertSnapshot(of: SVGPictureRenderer().dot(view), as: .lines, named: "\(name)-\(view.key)")
        }
    }
}

/// The element names and text content of an XML document; throws unless it is well-formed.
struct SVGText {
    var elementNames: Set<String> = []
    var texts: [String] = []

    init(_ xml: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw ParseFailure(description: "not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "unknown error") at line \(parser.lineNumber)")
        }
        elementNames = delegate.elementNames
        texts = delegate.texts
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elementNames: Set<String> = []
        var texts: [String] = []
        private var inText = false
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elementNames.insert(elementName)
            if elementName == "text" { inText = true; current = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if elementName == "text" { inText = false; texts.append(current) }
        }
    }
}
