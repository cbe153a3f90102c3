import ArchitectureDescription

/// Everything that names an environment names a declared one: a stage that
/// deploys, a promotion step, logging, a variable's source, an open question.
struct KnownEnvironmentsRule: ValidationRule {
    static let name = "unknown-environment"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        let architecture = model.architecture
        let declared = architecture.environments.map(\.id)
        let known = Set(declared)
        let hint = declared.isEmpty
            ? "declare it with Environment(\"…\", …) in the Architecture block"
            : "declared environments are \(declared.map(\.quoted).joined(separator: ", ")); add the Environment to the Architecture block"
        var found: [Diagnostic] = []
        func check(_ id: String?, _ what: String, at location: SourceLocation) {
            if let id, !known.contains(id) { found.append(error("\(what) environment \(id.quoted), which is not declared; \(hint)", at: location)) }
        }
        for stage in architecture.pipeline?.stages ?? [] {
            check(stage.deploysTo, "stage \(stage.id.quoted) deploys to", at: stage.location)
        }
        for step in architecture.promotion?.steps ?? [] {
            for case .environment(let id) in [step.from, step.to] { check(id, "a promotion step names", at: step.location) }
        }
        for logging in architecture.operations?.logging ?? [] {
            for id in logging.environments { check(id, "logging names", at: logging.location) }
        }
        for variable in architecture.configuration?.variables ?? [] {
            for source in variable.sources { check(source.environment, "variable \(variable.name.quoted) comes from a source in", at: variable.location) }
        }
        for question in architecture.openQuestions {
            check(question.environment, "an open question is about", at: question.location)
        }
        var seen: [String: SourceLocation] = [:]
        for environment in architecture.environments {
            if let first = seen[environment.id] {
                found.append(error("environment id \(environment.id.quoted) is already declared at \(first.shortDescription); give each environment its own id",
                                   at: environment.location))
            } else {
                seen[environment.id] = environment.location
            }
        }
        return found
    }
}

/// An environment that runs the compose project names one of its profiles.
struct EnvironmentProfileRule: ValidationRule {
    static let name = "unknown-profile"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        let known = Set(model.profiles.map(\.id))
        return model.architecture.environments.compactMap { environment in
            guard case .compose(let profile, _) = environment.runtime, !known.contains(profile) else { return nil }
            let declared = model.profiles.map(\.id.quoted).joined(separator: ", ")
            return error("environment \(environment.id.quoted) runs compose profile \(profile.quoted), which the Deployment does not declare; "
                + (model.declaresProfiles ? "declared profiles are \(declared)" : "declare it with Profile(\"\(profile)\") in the Deployment block"),
                at: environment.location)
        }
    }
}

/// A promotion path never returns to a stop it came through.
struct PromotionCycleRule: ValidationRule {
    static let name = "promotion-cycle"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        guard let promotion = model.architecture.promotion else { return [] }
        var next: [PromotionStop: [PromotionStop]] = [:]
        for step in promotion.steps { next[step.from, default: []].append(step.to) }
        // A step closes a cycle when its destination already reaches its source.
        for step in promotion.steps where reaches(from: step.to, to: step.from, next: next) {
            let names = [step.from, step.to].map(Self.name).joined(separator: " → ")
            return [error("the promotion path has a cycle through \(names): a build would come back to where it was; remove the step that goes back",
                          at: step.location)]
        }
        return []
    }

    private func reaches(from start: PromotionStop, to goal: PromotionStop, next: [PromotionStop: [PromotionStop]]) -> Bool {
        var seen: Set<PromotionStop> = []
        var stack = [start]
        while let stop = stack.popLast() {
            if stop == goal { return true }
            if seen.insert(stop).inserted { stack += next[stop] ?? [] }
        }
        return false
    }

    private static func name(_ stop: PromotionStop) -> String {
        switch stop {
        case .environment(let id), .registry(let id): id.quoted
        }
    }
}

/// Every duration of the delivery model is one: recovery objectives, log
/// retention, scrape intervals, how long an alert's condition holds.
struct DeliveryDurationsRule: ValidationRule {
    static let name = "invalid-duration"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        let architecture = model.architecture
        var spans: [(String, TimeSpan?, SourceLocation)] = []
        if let rollback = architecture.rollback {
            spans += [("the recovery time objective", rollback.recoveryTime, rollback.location),
                      ("the recovery point objective", rollback.recoveryPoint, rollback.location)]
        }
        for logging in architecture.operations?.logging ?? [] { spans.append(("the log retention", logging.retention, logging.location)) }
        for metrics in architecture.operations?.metrics ?? [] { spans.append(("the scrape interval", metrics.interval, metrics.location)) }
        for alert in architecture.operations?.alerts ?? [] { spans.append(("the alert's duration", alert.duration, alert.location)) }
        return spans.compactMap { what, span, location in
            guard let span, span.seconds == nil else { return nil }
            return error("\(what) \((span.text ?? "").quoted) is not a duration; write it like .minutes(10) or \"1h30m\"", at: location)
        }
    }
}

/// A secret's value never sits in the compose file: a service that sets a
/// secret variable sets it from the environment (`${NAME}`), not to a literal.
struct SecretInComposeRule: ValidationRule {
    static let name = "secret-in-compose"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        let secrets = Set((model.architecture.configuration?.variables ?? []).filter(\.isSecret).map(\.name))
        guard !secrets.isEmpty else { return [] }
        var found: [Diagnostic] = []
        for placed in model.services {
            let service = placed.service
            let settings = [(service.environment, service.location)] + service.profileSettings.map { ($0.environment, $0.location) }
            for (environment, location) in settings {
                for (key, value) in environment.sorted(by: { $0.key < $1.key }) where secrets.contains(key) && !value.contains("${") {
                    found.append(error("service \(service.containerID.quoted) sets the secret \(key.quoted) to a literal value; write \"${\(key)}\" and give the value in an env file or the shell",
                                       at: location))
                }
            }
        }
        return found
    }
}

/// A configuration variable has a name a shell and an env file accept, once,
/// and a default that an env file can hold as written.
struct ConfigurationVariablesRule: ValidationRule {
    static let name = "invalid-variable"

    func check(_ model: ArchitectureModel) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for variable in model.architecture.configuration?.variables ?? [] {
            if !Self.isName(variable.name) {
                found.append(error("variable name \(variable.name.quoted) is not one a shell accepts; use letters, digits and _, not starting with a digit, like \"DATABASE_URL\"",
                                   at: variable.location))
            } else if let first = seen[variable.name] {
                found.append(error("variable \(variable.name.quoted) is already declared at \(first.shortDescription); declare each variable once", at: variable.location))
            } else {
                seen[variable.name] = variable.location
            }
            if let value = variable.defaultValue, value.contains("'") || value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                found.append(error("the default of \(variable.name.quoted) holds a single quote or a control character, which an env file cannot hold as written; choose another default",
                                   at: variable.location))
            }
        }
        return found
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return text.utf8.allSatisfy { $0 == 0x5F || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }
}
