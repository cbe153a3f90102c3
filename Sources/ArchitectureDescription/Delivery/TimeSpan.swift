/// A length of time in the model: a recovery objective, a retention period,
/// a scrape interval, how long an alert's condition must hold.
///
/// Write it typed (`.minutes(10)`) or as compose and Go write durations
/// (`"1h30m"`, `"15s"`, `"14d"`). Text that is not a duration is kept as
/// written, and validation reports it (rule `invalid-duration`).
public struct TimeSpan: Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The length in seconds; `nil` when ``text`` is not a duration.
    public var seconds: Int?
    /// The text it was written as, when it was written as text.
    public var text: String?

    /// A span of `seconds` seconds.
    public static func seconds(_ seconds: Int) -> TimeSpan { TimeSpan(seconds: seconds, text: nil) }
    /// A span of `minutes` minutes.
    public static func minutes(_ minutes: Int) -> TimeSpan { .seconds(minutes * 60) }
    /// A span of `hours` hours.
    public static func hours(_ hours: Int) -> TimeSpan { .seconds(hours * 3_600) }
    /// A span of `days` days.
    public static func days(_ days: Int) -> TimeSpan { .seconds(days * 86_400) }

    /// A span written like `"10m"`, `"1h30m"`, `"15s"` or `"14d"`.
    public init(stringLiteral text: String) {
        self.init(seconds: Self.parse(text), text: text)
    }

    private init(seconds: Int?, text: String?) {
        self.seconds = seconds
        self.text = text
    }

    /// The span in words, such as `10 minutes`, `1 hour 30 minutes` or `14 days`;
    /// the text as written when it is not a duration.
    public var description: String {
        guard let seconds else { return text ?? "" }
        if seconds == 0 { return "0 seconds" }
        var parts: [String] = []
        var rest = seconds
        for (unit, size) in [("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1)] where rest >= size {
            let count = rest / size
            rest %= size
            parts.append("\(count) \(unit)\(count == 1 ? "" : "s")")
        }
        return parts.joined(separator: " ")
    }

    /// Seconds of `1h30m`-style text: whole numbers, each followed by `d`, `h`, `m` or `s`.
    static func parse(_ text: String) -> Int? {
        let units: [Character: Int] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        var total = 0
        var number = ""
        for character in text.filter({ $0 != " " }) {
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if let size = units[character], let value = Int(number) {
                total += value * size
                number = ""
            } else {
                return nil
            }
        }
        return number.isEmpty && !text.isEmpty ? total : nil
    }
}
