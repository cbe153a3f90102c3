import ArchdocPictures
import ArchdocViews
import ArchitectureDescription
import Foundation
import Testing

/// Pictures are drawn by size: labelled arrows, arrows with labels placed
/// afterwards, or an overview without arrows.
@Suite(.serialized) struct PictureDensityTests {
    @Test func thresholds() {
        #expect(PictureDensity(elements: 30, edges: PictureDensity.maximumSpaciousEdges) == .spacious)
        #expect(PictureDensity(elements: 30, edges: PictureDensity.maximumSpaciousEdges + 1) == .dense)
        #expect(PictureDensity(elements: PictureDensity.maximumDrawnElements + 1, edges: 0) == .overview)
        #expect(PictureDensity(elements: 30, edges: PictureDensity.maximumDrawnEdges + 1) == .overview)
    }

    @Test func fewArrowsAreLabelledInTheLayout() {
        let dot = SVGPictureRenderer().dot(SVGPictureTests.largeView(containers: 10))
        #expect(dot.contains("-> \"c1\" [label=<Calls"))
        #expect(!dot.contains("xlabel"))
    }

    @Test func manyArrowsHaveTheirLabelsPlacedAfterTheLayout() throws {
        let view = SVGPictureTests.largeView(containers: 40)
        let dot = SVGPictureRenderer().dot(view)
        #expect(dot.contains("-> \"c1\" [xlabel=<Calls"))
        #expect(!dot.contains("[label=<Calls"))
        // Every label is still drawn.
        let texts = try SVGText(try SVGPictureRenderer().render(view)).texts
        #expect(texts.filter { $0 == "Calls" }.count == 39)
    }

    @Test func largeViewsAreOverviewsThatSayWhatIsMissing() throws {
        let view = SVGPictureTests.largeView(containers: 200)
        let dot = SVGPictureRenderer().dot(view)
        #expect(!dot.contains("[label=<Calls") && !dot.contains("[xlabel=<Calls"))
        #expect(!dot.contains("rank=sink"))
        let svg = try SVGPictureRenderer().render(view)
        let texts = try SVGText(svg).texts.joined(separator: " ")
        for element in view.allElements {
            #expect(texts.contains(element.name), "\(element.name) is missing from the overview")
        }
        #expect(texts.contains("205 elements: 204 relationships are not drawn here"))
        #expect(!svg.contains("class=\"edge\""))
        // Legend: no arrow styles the picture does not show.
        #expect(!texts.contains("Relationship"))
    }

    @Test func overviewsAreDeterministic() throws {
        let view = SVGPictureTests.largeView(containers: 200)
        #expect(try SVGPictureRenderer().render(view) == SVGPictureRenderer().render(view))
    }
}
