import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
import ArchdocComposeFiles
#endif

/// Reports changes under a set of folders: with inotify on Linux, by polling
/// modification times elsewhere (or when inotify is unavailable or asked off).
///
/// Changes are debounced: a burst of events (an editor's write, rename and
/// chmod) arrives as one batch once the folders have been quiet for
/// `debounce`.
package final class FileWatcher: Sendable {
    /// How changes are noticed.
    package enum Mechanism: String, Sendable {
        case inotify, polling
    }

    /// The folders (and files) watched, recursively.
    package let paths: [String]
    /// How long the folders must be quiet before a batch is reported.
    package let debounce: Duration
    /// How often polling looks, when polling.
    package let pollingInterval: Duration
    /// The mechanism in use.
    package let mechanism: Mechanism

    private let stopped = Atomic<Bool>(false)

    /// Creates a watcher; it starts when ``changes()`` is first iterated.
    package init(paths: [String], debounce: Duration = .milliseconds(60), pollingInterval: Duration = .milliseconds(250), forcePolling: Bool = false) {
        self.paths = paths
        self.debounce = debounce
        self.pollingInterval = pollingInterval
        #if canImport(Glibc)
        self.mechanism = forcePolling ? .polling : .inotify
        #else
        self.mechanism = .polling
        #endif
    }

    /// Stops watching; the stream of changes finishes.
    package func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    /// Batches of changed paths, until ``stop()``.
    package func changes() -> AsyncStream<Set<String>> {
        AsyncStream { continuation in
            let thread = Thread { [self] in
                var pending: Set<String> = []
                var lastEvent = ContinuousClock.now
                let emit: (Set<String>) -> Void = { all in
                    let changed = all.filter { !Self.isScratchFile($0) }
                    if !changed.isEmpty { lastEvent = .now }
                    pending.formUnion(changed)
                    if !pending.isEmpty && ContinuousClock.now - lastEvent >= self.debounce {
                        continuation.yield(pending)
                        pending = []
                    }
                }
                #if canImport(Glibc)
                if mechanism == .inotify, let inotify = InotifySource(paths: paths) {
                    while !stopped.load(ordering: .relaxed) { emit(inotify.read(timeoutMilliseconds: 20)) }
                    inotify.close()
                    continuation.finish()
                    return
                }
                #endif
                var snapshot = Self.snapshot(paths)
                while !stopped.load(ordering: .relaxed) {
                    Thread.sleep(forTimeInterval: Double(pollingInterval.components.attoseconds) / 1e18 + Double(pollingInterval.components.seconds))
                    let next = Self.snapshot(paths)
                    let changed = Set(next.keys.filter { next[$0] != snapshot[$0] }).union(snapshot.keys.filter { next[$0] == nil })
                    snapshot = next
                    emit(changed)
                }
                continuation.finish()
            }
            thread.name = "archdoc-file-watcher"
            continuation.onTermination = { [self] _ in stop() }
            thread.start()
        }
    }

    /// Editor swap files, backups and the temporary files of atomic writes,
    /// whose changes are not changes to the sources.
    static func isScratchFile(_ path: String) -> Bool {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
    }

    /// Modification time and size of every file under the paths.
    static func snapshot(_ paths: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for path in paths {
            let root = URL(fileURLWithPath: path)
            var files = [root]
            if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
                files += walker.compactMap { $0 as? URL }
            }
            for file in files {
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[file.path] = "\(modified):\((attributes[.size] as? NSNumber)?.intValue ?? 0)"
            }
        }
        return result
    }
}

#if canImport(Glibc)
/// inotify watches on every folder under the paths; new folders are watched as they appear.
private final class InotifySource {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_ATTRIB)

    init?(paths: [String]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for path in paths { addRecursively(path) }
        if folders.isEmpty && !paths.isEmpty {
            Glibc.close(descriptor)
            return nil
        }
    }

    private func addRecursively(_ path: String) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        let folder = isFolder.boolValue ? path : (path as NSString).deletingLastPathComponent
        let watch = inotify_add_watch(descriptor, folder, Self.mask)
        if watch >= 0 { folders[watch] = folder }
        guard isFolder.boolValue, let children = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for child in children {
            var childIsFolder: ObjCBool = false
            let full = "\(path)/\(child)"
            if FileManager.default.fileExists(atPath: full, isDirectory: &childIsFolder), childIsFolder.boolValue {
                addRecursively(full)
            }
        }
    }

    /// The paths changed since the last read, waiting up to the timeout for one.
    func read(timeoutMilliseconds: Int32) -> Set<String> {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return [] }
        var changed: Set<String> = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(descriptor, buffer, size)
            guard count > 0 else { break }
            var offset = 0
            while offset < count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                if let folder = folders[event.wd] {
                    let path = name.isEmpty ? folder : "\(folder)/\(name)"
                    changed.insert(path)
                    if event.mask & UInt32(IN_ISDIR) != 0 && event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        addRecursively(path)
                    }
                }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        return changed
    }

    func close() {
        Glibc.close(descriptor)
    }
}
#endif
