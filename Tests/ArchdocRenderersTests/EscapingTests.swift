import ArchdocBasics
import ArchdocModel
import ArchdocRenderers
import ArchdocViews
import ArchitectureDescription
import TestSupport
import Testing

/// Labels with quotes, brackets, newlines, markup and non-ASCII text must come
/// out as valid diagram source that shows the text as written. (The real
/// PlantUML and Mermaid render the same labels in the end-to-end tests.)
@Suite struct EscapingTests {
    static let nasty = HostileLabels.nasty

    var view: DiagramView {
        let model = HostileLabels.model
        return ViewBuilder(model: model).containerView(of: model.architecture.softwareSystems[0])
    }

    @Test func plantUMLQuotesAreBalancedAndMarkupIsNeutralised() {
        let source = PlantUMLRenderer().render(view)
        for line in source.split(separator: "\n") where line.contains("(") {
            #expect(line.filter { $0 == "\"" }.count % 2 == 0, "unbalanced quotes in: \(line)")
        }
        #expect(!source.contains("<script>"))
        #expect(!source.contains("$var"))
        #expect(source.contains("<U+0024>var"))
        #expect(!source.contains("//no"))
        #expect(source.contains("&#34;hi&#34;"))
        #expect(source.contains("日本"))
        #expect(source.contains("\\nline 2"))
        #expect(source.contains("Container(api_v2, "))
        #expect(source.contains("Person(user_1, "))
    }

    @Test func mermaidLabelsHaveNoRawQuotesOrTags() {
        let source = MermaidRenderer().render(view)
        #expect(!source.contains("<script>"))
        #expect(source.contains("#quot;hi#quot;"))
        #expect(source.contains("日本"))
        #expect(source.contains("<br/>line 2"))
        #expect(source.contains("end_@{ shape: h-cyl"))
        for line in source.split(separator: "\n") where line.contains("[\"") || line.contains("|\"") {
            #expect(line.filter { $0 == "\"" }.count == 2, "stray quote in: \(line)")
        }
    }

    @Test func plantUMLCutsALabelOverAThousandCharacters() {
        let long = String(repeating: "long-name ", count: 1_000)
        let model = ArchitectureModel(Architecture("X") {
            let a = Container("a", long, technology: "x", description: "x")
            let b = Container("b", "B", technology: "x", description: "x")
            SoftwareSystem("s", "S", description: "x") { a; b }
            a.uses(b, "Calls", technology: long)
        })
        let source = PlantUMLRenderer().render(ViewBuilder(model: model).containerView(of: model.architecture.softwareSystems[0]))
        let cut = String(long.prefix(999)) + "\u{2026}"
        #expect(source.contains("Container(a, \"\(cut)\""))
        #expect(source.contains("\"Calls\", \"\(cut)\")"))
        #expect(!source.contains(long.prefix(1_000)))
        // Exactly at the limit nothing is cut.
        let exact = String(repeating: "x", count: 1_000)
        #expect(PlantUMLRenderer().render(ViewBuilder(model: ArchitectureModel(Architecture("X") {
            SoftwareSystem("s", exact, description: "x")
        })).systemContextView()).contains("\"\(exact)\""))
    }

    @Test func aliasesStayUniqueAfterSanitising() {
        let a = Container("a-b", "A", technology: "x", description: "x")
        let b = Container("a_b", "B", technology: "x", description: "x")
        let model = ArchitectureModel(Architecture("X") { SoftwareSystem("s", "S", description: "x") { a; b } })
        let source = PlantUMLRenderer().render(ViewBuilder(model: model).containerView(of: model.architecture.softwareSystems[0]))
        #expect(source.contains("Container(a_b, \"A\""))
        #expect(source.contains("Container(a_b_2, \"B\""))
    }
}

/// Every payload of the hostile corpus, as a label in PlantUML and Mermaid:
/// one line of source each, with no control character a reader would take
/// for a line break or that the tools reject (NEL, U+2028 and U+2029 end a
/// line for PlantUML; HTML forbids C0 and C1 controls).
@Suite struct HostileLabelTests {
    @Test(arguments: HostilePayloads.all)
    func labelsStayOnTheirLine(payload: String) {
        let api = Container("api", payload, technology: payload, description: payload)
        let model = ArchitectureModel(Architecture("Shop") {
            SoftwareSystem("shop", "Shop", description: "x") { api }
        })
        let view = ViewBuilder(model: model).containerView(of: model.architecture.softwareSystems[0])
        for source in [PlantUMLRenderer().render(view), MermaidRenderer().render(view)] {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            let labelled = lines.filter { $0.contains("api") && ($0.contains("Container(") || $0.contains("[\"") || $0.contains("(\"")) }
            #expect(labelled.count == 1, "\(labelled)")
            #expect(!source.unicodeScalars.contains { $0.breaksOrHidesALine && $0 != "\n" && $0 != "\t" && !(0x200E...0x206F).contains($0.value) && $0.value != 0x061C },
                    "a control character in the source")
        }
    }
}

@Suite struct ControlNormalisationTests {
    @Test func onlyControlsChange() {
        #expect("Deployment – Development ✓ © é".withControlsNormalised == "Deployment – Development ✓ © é")
        #expect("a\u{85}b\u{2028}c\u{2029}d\u{0B}e".withControlsNormalised == "a\nb\nc\nd\ne")
        #expect("x\u{9B}y\u{0}z\u{7F}".withControlsNormalised == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        #expect("tab\there\r\n".withControlsNormalised == "tab\there\r\n")
    }
}
