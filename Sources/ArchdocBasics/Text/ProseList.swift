extension Array where Element == String {
    /// The items as prose: `a`, `a and b`, `a, b and c`; empty for none.
    package var joinedAsProse: String {
        count <= 1 ? joined() : dropLast().joined(separator: ", ") + " and " + self[count - 1]
    }
}
