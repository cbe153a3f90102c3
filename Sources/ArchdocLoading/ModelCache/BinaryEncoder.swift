import Foundation

/// The tags of the model cache's binary form of `Codable` values (see
/// ``BinaryEncoder``): one byte before every value.
enum BinaryTag: UInt8 {
    case null = 0, `false`, `true`
    /// A signed integer, zigzag-encoded as a varint.
    case int
    /// An unsigned integer, as a varint.
    case uint
    /// The 8 bytes of a `Double`'s bit pattern, little-endian.
    case double
    /// A varint byte count, then UTF-8.
    case string
    /// A varint byte count of what follows, a varint entry count, then per
    /// entry a varint index into the key table and a value.
    case keyed
    /// A varint byte count of what follows, a varint count, then the values.
    case unkeyed
}

/// Writes `Codable` values in a compact binary form that ``BinaryDecoder``
/// reads several times faster than `JSONDecoder` reads JSON: the model cache's
/// format.
///
/// Values carry a one-byte ``BinaryTag``; containers carry their length in
/// bytes, so a decoder skips what it does not ask for. Keys are written once,
/// in a table at the start, and by index after that. The form is private to
/// archdoc's cache (its name is part of the cache key), not an interchange format.
struct BinaryEncoder {
    /// Passed to the values' `encode(to:)`, as `JSONEncoder.userInfo`.
    var userInfo: [CodingUserInfoKey: Any] = [:]

    /// The bytes of `value`: the key table, then the value.
    func encode(_ value: some Encodable) throws -> Data {
        let root = EncodedValue()
        try value.encode(to: EncodingNode(value: root, userInfo: userInfo))
        var keys = KeyTable()
        var body: [UInt8] = []
        root.write(to: &body, keys: &keys)
        var bytes: [UInt8] = []
        bytes.appendVarint(UInt64(keys.names.count))
        for name in keys.names { bytes.appendString(name) }
        return Data(bytes + body)
    }
}

/// Keys by first use, each written once.
private struct KeyTable {
    var names: [String] = []
    var indices: [String: Int] = [:]

    mutating func index(of name: String) -> Int {
        if let index = indices[name] { return index }
        names.append(name)
        indices[name] = names.count - 1
        return names.count - 1
    }
}

/// A value as it is encoded: containers are filled after they are handed out,
/// so each is a reference that the encoder writes at the end.
private final class EncodedValue {
    enum Content {
        case none
        case scalar([UInt8])
        case keyed([(String, EncodedValue)])
        case unkeyed([EncodedValue])
    }

    var content: Content = .none

    func write(to bytes: inout [UInt8], keys: inout KeyTable) {
        switch content {
        case .none:
            bytes.append(BinaryTag.null.rawValue)
        case .scalar(let scalar):
            bytes += scalar
        case .keyed(let entries):
            var body: [UInt8] = []
            body.appendVarint(UInt64(entries.count))
            for (key, value) in entries {
                body.appendVarint(UInt64(keys.index(of: key)))
                value.write(to: &body, keys: &keys)
            }
            bytes.append(BinaryTag.keyed.rawValue)
            bytes.appendVarint(UInt64(body.count))
            bytes += body
        case .unkeyed(let values):
            var body: [UInt8] = []
            body.appendVarint(UInt64(values.count))
            for value in values { value.write(to: &body, keys: &keys) }
            bytes.append(BinaryTag.unkeyed.rawValue)
            bytes.appendVarint(UInt64(body.count))
            bytes += body
        }
    }

    /// This value as a keyed container's storage (it becomes one on first use).
    func appendEntry(_ key: String) -> EncodedValue {
        let value = EncodedValue()
        if case .keyed(var entries) = content {
            content = .none
            entries.append((key, value))
            content = .keyed(entries)
        } else {
            content = .keyed([(key, value)])
        }
        return value
    }

    /// This value as an unkeyed container's storage (it becomes one on first use).
    func appendElement() -> EncodedValue {
        let value = EncodedValue()
        if case .unkeyed(var values) = content {
            content = .none
            values.append(value)
            content = .unkeyed(values)
        } else {
            content = .unkeyed([value])
        }
        return value
    }

    var count: Int {
        if case .unkeyed(let values) = content { values.count } else { 0 }
    }
}

extension [UInt8] {
    mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        append(UInt8(value))
    }

    mutating func appendString(_ string: String) {
        appendVarint(UInt64(string.utf8.count))
        append(contentsOf: string.utf8)
    }
}

/// Scalars as tagged bytes.
private enum Scalar {
    static func null() -> [UInt8] { [BinaryTag.null.rawValue] }
    static func bool(_ value: Bool) -> [UInt8] { [(value ? BinaryTag.true : .false).rawValue] }
    static func int(_ value: Int64) -> [UInt8] {
        var bytes = [BinaryTag.int.rawValue]
        bytes.appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        return bytes
    }
    static func uint(_ value: UInt64) -> [UInt8] {
        var bytes = [BinaryTag.uint.rawValue]
        bytes.appendVarint(value)
        return bytes
    }
    static func double(_ value: Double) -> [UInt8] {
        var bytes = [BinaryTag.double.rawValue]
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
        return bytes
    }
    static func string(_ value: String) -> [UInt8] {
        var bytes = [BinaryTag.string.rawValue]
        bytes.appendString(value)
        return bytes
    }
}

/// The `Encoder` of one value.
private struct EncodingNode: Encoder {
    let value: EncodedValue
    let userInfo: [CodingUserInfoKey: Any]
    var codingPath: [any CodingKey] { [] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .none = value.content { value.content = .keyed([]) }
        return KeyedEncodingContainer(KeyedContainer(value: value, userInfo: userInfo))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .none = value.content { value.content = .unkeyed([]) }
        return UnkeyedContainer(value: value, userInfo: userInfo)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(value: value, userInfo: userInfo)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let value: EncodedValue
    let userInfo: [CodingUserInfoKey: Any]
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.null()) }
    mutating func encode(_ v: Bool, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.bool(v)) }
    mutating func encode(_ v: String, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.string(v)) }
    mutating func encode(_ v: Double, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.double(v)) }
    mutating func encode(_ v: Float, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.double(Double(v))) }
    mutating func encode(_ v: Int, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int8, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int16, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int32, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int64, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.int(v)) }
    mutating func encode(_ v: UInt, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt8, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt16, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt32, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt64, forKey key: Key) throws { value.appendEntry(key.stringValue).content = .scalar(Scalar.uint(v)) }
    mutating func encode<T: Encodable>(_ v: T, forKey key: Key) throws {
        try v.encode(to: EncodingNode(value: value.appendEntry(key.stringValue), userInfo: userInfo))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        EncodingNode(value: value.appendEntry(key.stringValue), userInfo: userInfo).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        EncodingNode(value: value.appendEntry(key.stringValue), userInfo: userInfo).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { EncodingNode(value: value.appendEntry("super"), userInfo: userInfo) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { EncodingNode(value: value.appendEntry(key.stringValue), userInfo: userInfo) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let value: EncodedValue
    let userInfo: [CodingUserInfoKey: Any]
    var codingPath: [any CodingKey] { [] }
    var count: Int { value.count }

    mutating func encodeNil() throws { value.appendElement().content = .scalar(Scalar.null()) }
    mutating func encode(_ v: Bool) throws { value.appendElement().content = .scalar(Scalar.bool(v)) }
    mutating func encode(_ v: String) throws { value.appendElement().content = .scalar(Scalar.string(v)) }
    mutating func encode(_ v: Double) throws { value.appendElement().content = .scalar(Scalar.double(v)) }
    mutating func encode(_ v: Float) throws { value.appendElement().content = .scalar(Scalar.double(Double(v))) }
    mutating func encode(_ v: Int) throws { value.appendElement().content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int8) throws { value.appendElement().content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int16) throws { value.appendElement().content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int32) throws { value.appendElement().content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int64) throws { value.appendElement().content = .scalar(Scalar.int(v)) }
    mutating func encode(_ v: UInt) throws { value.appendElement().content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt8) throws { value.appendElement().content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt16) throws { value.appendElement().content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt32) throws { value.appendElement().content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt64) throws { value.appendElement().content = .scalar(Scalar.uint(v)) }
    mutating func encode<T: Encodable>(_ v: T) throws {
        try v.encode(to: EncodingNode(value: value.appendElement(), userInfo: userInfo))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        EncodingNode(value: value.appendElement(), userInfo: userInfo).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        EncodingNode(value: value.appendElement(), userInfo: userInfo).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { EncodingNode(value: value.appendElement(), userInfo: userInfo) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let value: EncodedValue
    let userInfo: [CodingUserInfoKey: Any]
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { value.content = .scalar(Scalar.null()) }
    mutating func encode(_ v: Bool) throws { value.content = .scalar(Scalar.bool(v)) }
    mutating func encode(_ v: String) throws { value.content = .scalar(Scalar.string(v)) }
    mutating func encode(_ v: Double) throws { value.content = .scalar(Scalar.double(v)) }
    mutating func encode(_ v: Float) throws { value.content = .scalar(Scalar.double(Double(v))) }
    mutating func encode(_ v: Int) throws { value.content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int8) throws { value.content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int16) throws { value.content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int32) throws { value.content = .scalar(Scalar.int(Int64(v))) }
    mutating func encode(_ v: Int64) throws { value.content = .scalar(Scalar.int(v)) }
    mutating func encode(_ v: UInt) throws { value.content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt8) throws { value.content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt16) throws { value.content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt32) throws { value.content = .scalar(Scalar.uint(UInt64(v))) }
    mutating func encode(_ v: UInt64) throws { value.content = .scalar(Scalar.uint(v)) }
    mutating func encode<T: Encodable>(_ v: T) throws {
        try v.encode(to: EncodingNode(value: value, userInfo: userInfo))
    }
}
