import Foundation

/// A long-running child process spoken to one line at a time: the bench writes
/// a command, the child answers with one line. Its stderr goes to a file, so a
/// failure can quote it.
final class LineSession {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private let errorLog: String
    private var buffer: [UInt8] = []

    /// Starts `executable`; its stderr is written to `errorLog`.
    init(_ executable: String, _ arguments: [String], errorLog: String) throws {
        self.errorLog = errorLog
        // A child that dies would otherwise kill the bench with SIGPIPE on the next command.
        signal(SIGPIPE, SIG_IGN)
        guard FileManager.default.createFile(atPath: errorLog, contents: nil) else { throw BenchError("cannot create \(errorLog)") }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorLog))
        try process.run()
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The child's next line, without its newline.
    func readLine() throws -> String {
        let descriptor = output.fileHandleForReading.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw BenchError("the child ended: \(stderrTail())") }
            buffer += chunk[..<count]
        }
    }

    /// Sends `command` and returns the child's answer.
    func ask(_ command: String) throws -> String {
        do {
            try input.fileHandleForWriting.write(contentsOf: Data("\(command)\n".utf8))
        } catch {
            throw BenchError("the child ended: \(stderrTail())")
        }
        return try readLine()
    }

    /// The end of the child's stderr, for an error message.
    func stderrTail() -> String {
        String(((try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? "").suffix(600))
    }
}
