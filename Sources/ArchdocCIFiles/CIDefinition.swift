/// What `check` reads of a CI definition file: its stages, its jobs, and
/// when each job runs, with the line of each. GitLab CI and GitHub Actions
/// files are read into this one shape (see ``GitLabCIReader`` and
/// ``GitHubActionsReader``).
package struct CIDefinition: Sendable, Equatable {
    /// The file, as named.
    package var path: String
    /// The declared stages in order (GitLab's `stages:`); for GitHub Actions,
    /// which has none, every job is a stage of its own.
    package var stages: [CIStage]
    /// The jobs, in file order.
    package var jobs: [CIJob]
    /// The line of the list of stages (or of `jobs:`), for what is missing from it.
    package var stagesLine: Int
    /// Whether the file lists its stages itself, rather than taking the platform's defaults.
    package var declaresStages = true
}

/// A stage of a CI file.
package struct CIStage: Sendable, Equatable {
    package var name: String
    package var line: Int
}

/// A job of a CI file, and when it runs.
package struct CIJob: Sendable, Equatable {
    /// The job's name (its key).
    package var name: String
    /// The stage it belongs to.
    package var stage: String
    /// The line of its key.
    package var line: Int
    /// When it runs, as read from `only:`/`rules:` or `if:`; `nil` when it runs on every pipeline.
    package var refs: CIRefs?
    /// Whether someone starts it by hand (`when: manual`, or a GitHub environment that needs approval is not visible here).
    package var isManual: Bool
    /// The jobs it waits for (GitHub's and GitLab's `needs:`).
    package var needs: [String]
}

/// The branches and tags a job runs on, and the line that says so.
package struct CIRefs: Sendable, Equatable {
    /// Branch names or patterns.
    package var branches: Set<String>
    /// Tag patterns as globs (`v*`); `*` for any tag.
    package var tags: Set<String>
    /// The line of the condition (`only:`, `rules:` or `if:`).
    package var line: Int
}

/// A CI file that cannot be read, with its place.
package struct CIFileError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var line: Int
    package var message: String

    package var description: String { "\(path):\(line): error: [ci-file] \(message)" }
}
