import Foundation

/// An exclusive `flock(2)` on a file, held until the lock is released or
/// deallocated, or its process ends (the kernel then releases it, so a killed
/// run never leaves a folder locked).
package final class FileLock {
    private let descriptor: Int32

    /// Takes the lock on `path` (creating the file) without waiting; `nil`
    /// when another process, or another lock in this one, holds it.
    package init?(path: String) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
