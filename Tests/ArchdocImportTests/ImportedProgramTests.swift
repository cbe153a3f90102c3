import ArchdocComposeFiles
import ArchdocImport
import ArchdocLoading
import ArchitectureDescription
import Foundation
import TestSupport
import Testing
import Yams

/// The Swift that `import` writes is compiled and run the way `generate` runs
/// it, and the model it writes holds exactly the values import read: every
/// hostile payload in a string field of its own service, one program for all.
@Suite struct ImportedProgramTests {
    /// A compose file of one service per payload, with the payload in every
    /// string field import carries into the model.
    static func composeFile() throws -> Data {
        var services: [String: Any] = ["db": ["image": "postgres:17"]]
        for (index, payload) in HostilePayloads.all.enumerated() {
            services["s\(index)"] = [
                "image": payload,
                "command": payload,
                "environment": ["VALUE": payload, "SECOND": "x\(payload)y"],
                "env_file": [payload],
                "healthcheck": ["test": ["CMD-SHELL", payload]],
                "volumes": ["data:/srv/\(index)"],
                "depends_on": ["db": ["condition": "service_started"]],
            ] as [String: Any]
        }
        let document: [String: Any] = ["services": services, "volumes": ["data": [:] as [String: Any]]]
        return Data(try Yams.dump(object: document, allowUnicode: true, sortKeys: true).utf8)
    }

    @Test func theImportedProgramWritesExactlyTheImportedValues() throws {
        let document = try ComposeParser().parse(try Self.composeFile(), path: "compose.yaml")
        // The architecture's name is foreign text too: all payloads in one.
        let plan = ArchitectureImporter(name: HostilePayloads.all.joined(separator: " ")).plan(for: document)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-imported-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SwiftSourceWriter().source(for: plan).write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)

        let model = try ArchitectureLoader(environment: Examples.environment).load(from: folder.path).model
        #expect(model.architecture.name == plan.architectureName)
        let services = Dictionary(model.services.map { ($0.service.containerID, $0.service) }, uniquingKeysWith: { first, _ in first })
        #expect(services.count == plan.containers.count)
        for (index, payload) in HostilePayloads.all.enumerated() {
            guard let imported = plan.container("s\(index)")?.service else {
                Issue.record("import made no container of service s\(index)")
                continue
            }
            // Import carried the payload over unchanged, so the comparison below is not of empty values.
            #expect(imported.image == payload)
            #expect(imported.environment.first { $0.key == "VALUE" }?.value == payload)
            #expect(imported.envFiles == [payload])
            #expect(imported.healthcheck?.test == ["CMD-SHELL", payload])
            guard let service = services["s\(index)"] else {
                Issue.record("the program wrote no service s\(index)")
                continue
            }
            let label = "payload \(index) \(payload.prefix(40).debugDescription)"
            #expect(service.image == imported.image, "\(label)")
            #expect(service.command == imported.command, "\(label)")
            #expect(service.environment == Dictionary(imported.environment, uniquingKeysWith: { _, last in last }), "\(label)")
            #expect(service.envFiles == imported.envFiles, "\(label)")
            #expect(service.healthcheck == imported.healthcheck, "\(label)")
            #expect(service.volumes == imported.volumes, "\(label)")
            #expect(service.dependsOn.map(\.containerID) == imported.dependsOn.map(\.serviceName), "\(label)")
        }
    }
}
