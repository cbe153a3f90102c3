
/// Lays out a call's arguments over as few lines as fit a width, the way a
/// person would wrap them by hand.
struct SwiftCallLayout {
    /// The preferred longest line; a single argument longer than this gets a line of its own.
    var width = 110

    /// `head` followed by the arguments separated by `separator`, wrapped onto
    /// lines that start with `continuation`, ending with `tail`. A wrapped
    /// line ends with `lineEnd` (by default the separator without its spaces).
    ///
    /// ```
    /// Service(db, image: "postgres:17", ports: ["5432:5432"],
    ///         restart: .always)
    /// ```
    func lines(head: String, _ arguments: [String], separator: String = ", ", continuation: String, tail: String = ")", lineEnd: String? = nil) -> [String] {
        var lines: [String] = []
        var current = head
        var currentIsEmpty = true
        let trimmedSeparator = lineEnd ?? separator.trimmingSpaces
        for (index, argument) in arguments.enumerated() {
            let isLast = index == arguments.count - 1
            let ending = isLast ? tail : separator.trimmingSpaces
            if currentIsEmpty {
                current += argument
            } else if current.count + separator.count + argument.count + ending.count <= width {
                current += separator + argument
            } else {
                lines.append(current + trimmedSeparator)
                current = continuation + argument
            }
            currentIsEmpty = false
        }
        lines.append(current + tail)
        return lines
    }
}

private extension String {
    var trimmingSpaces: String { String(reversed().drop { $0 == " " }.reversed()) }
}
