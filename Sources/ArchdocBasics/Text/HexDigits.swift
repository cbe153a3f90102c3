import Foundation

extension Sequence<UInt8> {
    /// The bytes as lower-case hexadecimal, two digits each: how cache keys
    /// and build folders are named from a SHA-256 digest.
    package var hexDigits: String { map { String(format: "%02x", $0) }.joined() }
}
