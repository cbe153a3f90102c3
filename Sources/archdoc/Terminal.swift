import Foundation

/// Writing to the terminal: results to standard output, everything else to
/// standard error, so output can be piped.
enum Terminal {
    static func error(_ message: String) {
        let text = message.hasSuffix("\n") ? message : message + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func progress(_ message: String) {
        error(message)
    }
}

extension Duration {
    /// `0.12 s`, or `850 ms` below a second.
    var formattedSeconds: String {
        let milliseconds = Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
        return milliseconds < 1000 ? "\(Int(milliseconds.rounded())) ms" : String(format: "%.2f s", milliseconds / 1000)
    }
}
