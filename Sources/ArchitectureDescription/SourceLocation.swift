/// The place in an architecture file where a declaration was written.
///
/// Every initialiser in this library captures its caller's `#filePath`, `#line`
/// and `#column`, so that archdoc can point its diagnostics at the user's source.
public struct SourceLocation: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The absolute path of the file.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number.
    public var column: Int

    /// Creates a source location.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}

// MARK: Compact coding

extension CodingUserInfoKey {
    /// The key of a ``SourceFileTable`` in an encoder's or decoder's
    /// `userInfo`: with one, each ``SourceLocation`` is coded compactly.
    public static let sourceFileTable = CodingUserInfoKey(rawValue: "ArchitectureDescription.sourceFileTable")!
}

/// The files of an architecture, for coding its ``SourceLocation``s compactly.
///
/// A model repeats its few file paths in every location. With a table in the
/// coder's `userInfo` (under ``Swift/CodingUserInfoKey/sourceFileTable``), a
/// location in one of its files is coded as the string `"index:line:column"`
/// instead of an object with the whole path: less to write, and much less to
/// decode, for a cache that is read on every run. A location in another file
/// keeps the full form, and both forms decode.
public struct SourceFileTable: Sendable, Equatable {
    /// The files, in the order their indices refer to.
    public let files: [String]
    private let indices: [String: Int]

    /// A table of files.
    public init(_ files: [String]) {
        self.files = files
        indices = Dictionary(files.enumerated().map { ($1, $0) }) { first, _ in first }
    }

    /// Tables are equal when they list the same files.
    public static func == (lhs: SourceFileTable, rhs: SourceFileTable) -> Bool {
        lhs.files == rhs.files
    }

    func index(of file: String) -> Int? { indices[file] }
}

extension SourceLocation {
    private enum CodingKeys: String, CodingKey {
        case file, line, column
    }

    /// Reads the table from the model's JSON.
    public init(from decoder: any Decoder) throws {
        if let table = decoder.userInfo[.sourceFileTable] as? SourceFileTable,
           let compact = try? decoder.singleValueContainer().decode(String.self) {
            guard let location = Self(compact: compact, files: table.files) else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "'\(compact)' is not an index:line:column location"))
            }
            self = location
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        line = try container.decode(Int.self, forKey: .line)
        column = try container.decode(Int.self, forKey: .column)
    }

    /// Writes the table into the model's JSON.
    public func encode(to encoder: any Encoder) throws {
        if let table = encoder.userInfo[.sourceFileTable] as? SourceFileTable, let index = table.index(of: file) {
            var container = encoder.singleValueContainer()
            try container.encode("\(index):\(line):\(column)")
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }

    /// The location of an `index:line:column` string, read on its bytes.
    private init?(compact: String, files: [String]) {
        var fields = (0, 0, 0)
        var field = 0
        var value = 0
        var digits = 0
        for byte in compact.utf8 {
            if byte == UInt8(ascii: ":") {
                guard digits > 0, field < 2 else { return nil }
                if field == 0 { fields.0 = value } else { fields.1 = value }
                (field, value, digits) = (field + 1, 0, 0)
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0, field == 2, files.indices.contains(fields.0) else { return nil }
        fields.2 = value
        self.init(file: files[fields.0], line: fields.1, column: fields.2)
    }
}
