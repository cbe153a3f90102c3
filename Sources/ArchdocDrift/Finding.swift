import ArchdocComposeFiles
import ArchitectureDescription

/// One difference `archdoc check` found between the model and what is on disk.
package struct Finding: Sendable, Equatable {
    /// What sort of difference it is; the raw value is the stable name used in
    /// every output format.
    package enum Kind: String, Sendable, CaseIterable {
        case invalidModel = "invalid-model"
        case missingFile = "missing-file"
        case staleFile = "stale-file"
        case unexpectedFile = "unexpected-file"
        case serviceNotInCompose = "service-not-in-compose"
        case serviceNotInModel = "service-not-in-model"
        case image
        case build
        case command
        case port
        case volume
        case network
        case profiles
        case restart
        case replicas
        case dependsOn = "depends-on"
        case environment
        case healthcheck
        case containerOption = "container-option"
        case stageNotInCI = "stage-not-in-ci"
        case stageNotInModel = "stage-not-in-model"
        case stageRenamed = "stage-renamed"
        case jobRenamed = "job-renamed"
        case jobNotInCI = "job-not-in-ci"
        case jobNotInModel = "job-not-in-model"
        case stageOrder = "stage-order"
        case pipelineCondition = "pipeline-condition"
        case workloadNotInManifests = "workload-not-in-manifests"
        case workloadNotInModel = "workload-not-in-model"
        case workloadKind = "workload-kind"
        case servicePort = "service-port"
        case resources
    }

    /// What sort of difference it is.
    package var kind: Kind
    /// The compose service it concerns, if any.
    package var service: String?
    /// What differs, in a sentence that says what each side has.
    package var message: String
    /// The file on disk (compose or generated file) and the line, when known.
    package var file: String?
    package var line: Int?
    /// The declaration in the model, when there is one.
    package var modelLocation: SourceLocation?

    /// Creates a finding.
    package init(_ kind: Kind, service: String? = nil, _ message: String, file: String? = nil, line: Int? = nil, model: SourceLocation? = nil) {
        self.kind = kind
        self.service = service
        self.message = message
        self.file = file
        self.line = line
        self.modelLocation = model
    }
}
