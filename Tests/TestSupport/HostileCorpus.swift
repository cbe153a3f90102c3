import Foundation

/// An architecture with every payload of ``HostilePayloads`` in every string
/// field of the DSL: names, descriptions, technologies, tags, properties,
/// relationship labels, deployment nodes, profiles and environment values.
/// The real tools (PlantUML, Mermaid, the HTML validator, a browser) read
/// what archdoc generates from it.
package enum HostileCorpus {
    /// The program, `main.swift`. Its literals are written here, not with the
    /// import's `SwiftLiteral`, so that the corpus does not depend on the code
    /// it tests: every scalar but letters, digits and spaces is a `\u{…}`.
    package static var source: String {
        let literals = HostilePayloads.all.map(literal).joined(separator: ",\n    ")
        return """
            // Every payload of Tests/TestSupport/HostilePayloads.swift in every string field.
            import ArchitectureDescription

            let payloads: [String] = [
                \(literals),
            ]
            let count = payloads.count
            func payload(_ index: Int) -> String { payloads[index % count] }
            let groups = stride(from: 0, to: count, by: 10).map { Array($0..<min($0 + 10, count)) }
            let containers = payloads.indices.map { index in
                Container("c\\(index)", payload(index), technology: payload(index + 1), description: payload(index + 2),
                          tags: [payload(index + 3)], properties: ["p": payload(index + 4)])
            }
            let people = groups.indices.map { group in
                Person("p\\(group)", payload(group * 7), description: payload(group * 7 + 1), tags: [payload(group * 7 + 2)])
            }

            let architecture = Architecture(payloads.joined(separator: " ")) {
                for group in groups.indices { people[group] }
                for (group, members) in groups.enumerated() {
                    SoftwareSystem("s\\(group)", payload(group * 5), description: payload(group * 5 + 1), tags: [payload(group * 5 + 2)]) {
                        for index in members { containers[index] }
                    }
                    people[group].uses(containers[members[0]], payload(group * 3), technology: payload(group * 3 + 1))
                    for (from, to) in zip(members, members.dropFirst()) {
                        containers[from].uses(containers[to], payload(from), technology: payload(from + 5), tags: [payload(from + 6)])
                    }
                }
                Deployment(payload(11), description: payload(12), motivation: payload(13), qualityFeatures: payload(14)) {
                    Profile("dev", payload(15), description: payload(16))
                    for (group, members) in groups.enumerated() {
                        Node("n\\(group)", payload(group * 2), technology: payload(group * 2 + 1), description: payload(group * 2 + 3)) {
                            for index in members {
                                Service(containers[index], image: "image-\\(index):1", environment: ["PAYLOAD": payload(index), "NEXT": payload(index + 1)])
                            }
                        }
                    }
                }
            }

            """
    }

    /// Writes the program into a new folder under the temporary directory and returns the folder.
    package static func write() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-hostile-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try source.write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        return folder
    }

    /// A Swift string literal of `text` with every scalar but ASCII letters, digits and spaces escaped.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar == " " || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return result + "\""
    }
}
