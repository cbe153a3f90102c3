import ArchitectureDescription
import Foundation
import Testing

/// Swift Testing has a `SourceLocation` of its own.
private typealias SourceLocation = ArchitectureDescription.SourceLocation

/// ``SourceLocation``'s compact form, which archdoc's model cache writes:
/// `"index:line:column"` into a ``SourceFileTable``.
@Suite struct SourceLocationCodingTests {
    let table = SourceFileTable(["/project/architecture/main.swift", "/project/architecture/Deployment.swift"])

    private func json(_ value: some Encodable, table: SourceFileTable?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let table { encoder.userInfo[.sourceFileTable] = table }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decode(_ json: String, table: SourceFileTable?) throws -> [SourceLocation] {
        let decoder = JSONDecoder()
        if let table { decoder.userInfo[.sourceFileTable] = table }
        return try decoder.decode([SourceLocation].self, from: Data(json.utf8))
    }

    @Test func locationsInTheTableAreWrittenAsIndexLineColumn() throws {
        let locations = [
            SourceLocation(file: "/project/architecture/Deployment.swift", line: 12, column: 5),
            SourceLocation(file: "/project/architecture/main.swift", line: 1, column: 1),
        ]
        let compact = try json(locations, table: table)
        #expect(compact == #"["1:12:5","0:1:1"]"#)
        #expect(try decode(compact, table: table) == locations)
    }

    @Test func aLocationInAnotherFileKeepsTheFullForm() throws {
        let elsewhere = SourceLocation(file: "/elsewhere/Shared.swift", line: 3, column: 9)
        let text = try json([elsewhere], table: table)
        #expect(text == #"[{"column":9,"file":"/elsewhere/Shared.swift","line":3}]"#)
        #expect(try decode(text, table: table) == [elsewhere])
    }

    @Test func withoutATableTheFormIsTheDocumentsOwn() throws {
        let location = SourceLocation(file: "/project/architecture/main.swift", line: 7, column: 2)
        let text = try json([location], table: nil)
        #expect(text == #"[{"column":2,"file":"/project/architecture/main.swift","line":7}]"#)
        // The program's own documents decode whether or not the decoder has a table.
        #expect(try decode(text, table: nil) == [location])
        #expect(try decode(text, table: table) == [location])
    }

    @Test(arguments: ["2:1:1", "0:1", "0:1:1:1", "0::1", "a:1:1", "0:1:1 ", "", "0:99999999999999999999:1"])
    func aMalformedCompactLocationIsAnError(_ compact: String) {
        #expect(throws: DecodingError.self) { try decode("[\"\(compact)\"]", table: table) }
    }
}
