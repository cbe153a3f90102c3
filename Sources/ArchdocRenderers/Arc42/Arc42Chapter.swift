
/// The twelve chapters of the arc42 template, in order.
///
/// Chapters 3, 5, 7 and 12 are generated from the model; the others come from
/// the user's Markdown in the docs folder, or a short placeholder.
package enum Arc42Chapter: Int, CaseIterable, Sendable {
    /// 1. Requirements, quality goals and stakeholders (the user's Markdown).
    case introductionAndGoals = 1
    /// 2. What constrains the design (the user's Markdown).
    case architectureConstraints
    /// 3. People, external systems and what flows between them (from the model).
    case contextAndScope
    /// 4. The fundamental decisions (the user's Markdown).
    case solutionStrategy
    /// 5. A whitebox per software system (from the model).
    case buildingBlockView
    /// 6. Scenarios at run time (the user's Markdown).
    case runtimeView
    /// 7. Infrastructure, mapping, profiles and how to start them (from the model).
    case deploymentView
    /// 8. Concepts that apply across building blocks (the user's Markdown).
    case crossCuttingConcepts
    /// 9. Important decisions and their reasons (the user's Markdown).
    case architectureDecisions
    /// 10. Quality tree and scenarios (the user's Markdown).
    case qualityRequirements
    /// 11. Known risks and technical debt (the user's Markdown).
    case risksAndTechnicalDebt
    /// 12. Every element's name and description (from the model).
    case glossary

    /// The chapter's number, 1 to 12.
    package var number: Int { rawValue }

    /// The chapter's title, such as `Deployment View`.
    package var title: String {
        switch self {
        case .introductionAndGoals: "Introduction and Goals"
        case .architectureConstraints: "Architecture Constraints"
        case .contextAndScope: "Context and Scope"
        case .solutionStrategy: "Solution Strategy"
        case .buildingBlockView: "Building Block View"
        case .runtimeView: "Runtime View"
        case .deploymentView: "Deployment View"
        case .crossCuttingConcepts: "Cross-cutting Concepts"
        case .architectureDecisions: "Architecture Decisions"
        case .qualityRequirements: "Quality Requirements"
        case .risksAndTechnicalDebt: "Risks and Technical Debt"
        case .glossary: "Glossary"
        }
    }

    /// The file name without extension, such as `07-deployment-view`; it is
    /// also the name of the chapter's template and of the user's Markdown file.
    package var stem: String {
        let slug = title.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
        return (number < 10 ? "0" : "") + "\(number)-\(slug)"
    }

    /// The generated file's name, such as `07-deployment-view.md`.
    package var fileName: String { "\(stem).md" }

    /// Whether archdoc writes the chapter from the model (the user's Markdown of
    /// the same name is appended), rather than taking it from the user's Markdown.
    package var isGeneratedFromModel: Bool {
        switch self {
        case .contextAndScope, .buildingBlockView, .deploymentView, .glossary: true
        default: false
        }
    }
}
