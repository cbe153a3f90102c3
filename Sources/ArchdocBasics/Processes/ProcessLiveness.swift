import Foundation

/// Whether a process id names no running process any more: what tells a
/// temporary file or a scratch folder left by a killed run from one in use.
package func processHasEnded(_ pid: Int32) -> Bool {
    kill(pid, 0) == -1 && errno == ESRCH
}
