import Foundation

/// Reads the values ``BinaryEncoder`` writes.
///
/// A keyed container reads its entries' positions once and looks keys up in
/// order of use (synthesized `Codable` asks for them in the order it wrote
/// them), so decoding costs little more than walking the bytes. Errors carry
/// the byte offset, not a coding path: the only reader is the model cache,
/// which compiles the architecture again when its file cannot be read.
struct BinaryDecoder {
    /// Passed to the values' `init(from:)`, as `JSONDecoder.userInfo`.
    var userInfo: [CodingUserInfoKey: Any] = [:]

    /// The value in `data`.
    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let input = try BinaryInput(data)
        return try T(from: DecodingNode(input: input, offset: input.bodyStart, userInfo: userInfo))
    }
}

/// The bytes being decoded, copied once into memory that lives as long as any
/// container reading it, and the key table.
private final class BinaryInput {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    private(set) var keys: [String] = []
    private(set) var bodyStart = 0

    init(_ data: Data) throws {
        bytes = .allocate(capacity: data.count)
        _ = data.copyBytes(to: bytes)
        var offset = 0
        let count = try varint(at: &offset)
        guard count <= bytes.count else { throw corrupt(at: 0, "a key count of \(count)") }
        keys.reserveCapacity(Int(count))
        for _ in 0..<count { keys.append(try string(at: &offset)) }
        bodyStart = offset
    }

    deinit { bytes.deallocate() }

    func corrupt(at offset: Int, _ what: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "archdoc model cache: \(what) at byte \(offset)"))
    }

    func tag(at offset: Int) throws -> BinaryTag {
        guard offset < bytes.count, let tag = BinaryTag(rawValue: bytes[offset]) else { throw corrupt(at: offset, "no value") }
        return tag
    }

    func varint(at offset: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw corrupt(at: offset, "a truncated number")
    }

    /// A varint count or length that must fit in what is left of the bytes.
    func length(at offset: inout Int) throws -> Int {
        let value = try varint(at: &offset)
        guard value <= UInt64(bytes.count - offset) else { throw corrupt(at: offset, "a length of \(value)") }
        return Int(value)
    }

    func string(at offset: inout Int) throws -> String {
        let count = try length(at: &offset)
        defer { offset += count }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }

    /// The offset just past the value at `offset`.
    func end(ofValueAt offset: Int) throws -> Int {
        var next = offset + 1
        switch try tag(at: offset) {
        case .null, .false, .true: break
        case .int, .uint: _ = try varint(at: &next)
        case .double:
            guard next + 8 <= bytes.count else { throw corrupt(at: offset, "a truncated number") }
            next += 8
        case .string, .keyed, .unkeyed: next += try length(at: &next)
        }
        return next
    }

    // MARK: Scalars

    func decodeNil(at offset: Int) throws -> Bool { try tag(at: offset) == .null }

    func decodeBool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, at: offset)
        }
    }

    func decodeString(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw mismatch(String.self, at: offset) }
        var next = offset + 1
        return try string(at: &next)
    }

    func decodeDouble(at offset: Int) throws -> Double {
        guard try tag(at: offset) == .double, offset + 9 <= bytes.count else { throw mismatch(Double.self, at: offset) }
        var bits: UInt64 = 0
        withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset + 1..<offset + 9]))) }
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        var next = offset + 1
        let decoded: T?
        switch try tag(at: offset) {
        case .int:
            let zigzag = try varint(at: &next)
            decoded = T(exactly: Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
        case .uint:
            decoded = T(exactly: try varint(at: &next))
        default:
            decoded = nil
        }
        guard let decoded else { throw mismatch(type, at: offset) }
        return decoded
    }

    func mismatch(_ type: Any.Type, at offset: Int) -> DecodingError {
        .typeMismatch(type, DecodingError.Context(codingPath: [], debugDescription: "archdoc model cache: not a \(type) at byte \(offset)"))
    }

    /// The positions of a container's values: `(key index, value offset)`
    /// for a keyed one (`key` ignored for an unkeyed one).
    func entries(ofContainerAt offset: Int, keyed: Bool) throws -> [(key: Int, offset: Int)] {
        guard try tag(at: offset) == (keyed ? .keyed : .unkeyed) else {
            throw mismatch(keyed ? [String: Any].self : [Any].self, at: offset)
        }
        var next = offset + 1
        let end = try length(at: &next) + next
        let count = try length(at: &next)
        var entries: [(key: Int, offset: Int)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            var key = -1
            if keyed {
                let index = try varint(at: &next)
                guard index < UInt64(keys.count) else { throw corrupt(at: next, "key \(index)") }
                key = Int(index)
            }
            entries.append((key, next))
            next = try self.end(ofValueAt: next)
            guard next <= end else { throw corrupt(at: next, "a value past its container") }
        }
        return entries
    }
}

/// The `Decoder` of one value.
private struct DecodingNode: Decoder {
    let input: BinaryInput
    let offset: Int
    let userInfo: [CodingUserInfoKey: Any]
    var codingPath: [any CodingKey] { [] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedContainer<Key>(node: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedContainer(node: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(node: self)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: self)
    }
}

/// A class: the protocol's `decode` methods are not `mutating`, and the cursor moves.
private final class KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: DecodingNode
    let entries: [(key: Int, offset: Int)]
    /// Where the last key was found: the next is usually the one after it.
    private var cursor = 0
    var codingPath: [any CodingKey] { [] }

    init(node: DecodingNode) throws {
        self.node = node
        entries = try node.input.entries(ofContainerAt: node.offset, keyed: true)
    }

    var allKeys: [Key] { entries.compactMap { Key(stringValue: node.input.keys[$0.key]) } }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    /// The position in `entries` of `key`, searching from the entry after the last one found.
    private func find(_ key: Key) -> Int? {
        let name = key.stringValue
        let keys = node.input.keys
        for step in 0..<entries.count {
            let index = (cursor + step) % entries.count
            if keys[entries[index].key] == name { return index }
        }
        return nil
    }

    /// The offset of `key`'s value; the next search starts after it.
    private func offset(of key: Key) throws -> Int {
        guard let index = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: [], debugDescription: "archdoc model cache: no '\(key.stringValue)' in the container at byte \(node.offset)"))
        }
        cursor = index + 1 == entries.count ? 0 : index + 1
        return entries[index].offset
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let index = find(key) else { return true }
        return try node.input.decodeNil(at: entries[index].offset)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try node.input.decodeBool(at: offset(of: key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try node.input.decodeString(at: offset(of: key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try node.input.decodeDouble(at: offset(of: key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try node.input.decodeDouble(at: offset(of: key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try node.input.decodeInteger(type, at: offset(of: key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: DecodingNode(input: node.input, offset: offset(of: key), userInfo: node.userInfo))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try DecodingNode(input: node.input, offset: offset(of: key), userInfo: node.userInfo).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try DecodingNode(input: node.input, offset: offset(of: key), userInfo: node.userInfo).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let superKey = Key(stringValue: "super") else { throw node.input.corrupt(at: node.offset, "no super") }
        return try superDecoder(forKey: superKey)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        DecodingNode(input: node.input, offset: try offset(of: key), userInfo: node.userInfo)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let node: DecodingNode
    let entries: [(key: Int, offset: Int)]
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { entries.count }
    var isAtEnd: Bool { currentIndex >= entries.count }

    init(node: DecodingNode) throws {
        self.node = node
        entries = try node.input.entries(ofContainerAt: node.offset, keyed: false)
    }

    /// The offset of the next value, which the caller decodes.
    private mutating func next(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: [], debugDescription: "archdoc model cache: the list at byte \(node.offset) has ended"))
        }
        defer { currentIndex += 1 }
        return entries[currentIndex].offset
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try node.input.decodeNil(at: entries[currentIndex].offset) else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try node.input.decodeBool(at: next(type)) }
    mutating func decode(_ type: String.Type) throws -> String { try node.input.decodeString(at: next(type)) }
    mutating func decode(_ type: Double.Type) throws -> Double { try node.input.decodeDouble(at: next(type)) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try node.input.decodeDouble(at: next(type))) }
    mutating func decode(_ type: Int.Type) throws -> Int { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try node.input.decodeInteger(type, at: next(type)) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: DecodingNode(input: node.input, offset: next(type), userInfo: node.userInfo))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try DecodingNode(input: node.input, offset: next([String: Any].self), userInfo: node.userInfo).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try DecodingNode(input: node.input, offset: next([Any].self), userInfo: node.userInfo).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        DecodingNode(input: node.input, offset: try next(Any.self), userInfo: node.userInfo)
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let node: DecodingNode
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? node.input.decodeNil(at: node.offset)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try node.input.decodeBool(at: node.offset) }
    func decode(_ type: String.Type) throws -> String { try node.input.decodeString(at: node.offset) }
    func decode(_ type: Double.Type) throws -> Double { try node.input.decodeDouble(at: node.offset) }
    func decode(_ type: Float.Type) throws -> Float { Float(try node.input.decodeDouble(at: node.offset)) }
    func decode(_ type: Int.Type) throws -> Int { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try node.input.decodeInteger(type, at: node.offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try node.input.decodeInteger(type, at: node.offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: node) }
}
