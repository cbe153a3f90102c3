import Foundation

/// Reading a text file straight into a string's storage.
package enum FileText {
    /// The file's text, decoded as UTF-8 (invalid bytes become U+FFFD), or
    /// `nil` when it cannot be read. Unlike `String(decoding: Data)`, the bytes
    /// are read once, into the string: for cached pictures of several
    /// megabytes, the copy through `Data` was as slow as the read.
    package static func read(atPath path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            var count = 0
            while count < size {
                let read = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                count += read
            }
            complete = count == size
            return count
        }
        // A file that shrank while it was read is not the file: no text rather than part of it.
        return complete ? text : nil
    }
}
