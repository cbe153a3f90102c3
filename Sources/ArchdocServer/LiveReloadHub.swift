import Foundation
import Hummingbird
import Synchronization

/// Fans server-sent events out to every open page: `reload` after a rebuild,
/// `build-error` with the message when the architecture fails to build, and
/// `build-ok` when it builds again. A page that connects while the build is
/// broken learns so at once.
package final class LiveReloadHub: Sendable {
    private struct State {
        var subscribers: [UUID: AsyncStream<ByteBuffer>.Continuation] = [:]
        var currentError: String?
    }

    private let state = Mutex(State())

    /// Creates a hub with no pages.
    package init() {}

    /// How many pages are connected.
    package var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// A stream of encoded events for one page, starting with the retry delay
    /// and the current error, if any.
    func subscribe() -> AsyncStream<ByteBuffer> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let error = state.withLock { state in
            state.subscribers[id] = continuation
            return state.currentError
        }
        continuation.yield(ByteBuffer(string: "retry: 500\n\n"))
        if let error { continuation.yield(Self.encode(event: "build-error", data: error)) }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every page's stream, so that a graceful shutdown does not wait
    /// for connections that never finish.
    package func closeAll() {
        let subscribers = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// Tells every page to reload.
    package func reload() {
        send(Self.encode(event: "reload", data: "reload"), error: .some(nil))
    }

    /// Tells every page the build failed, with the message to show.
    package func buildFailed(_ message: String) {
        send(Self.encode(event: "build-error", data: message), error: .some(message))
    }

    private func send(_ buffer: ByteBuffer, error: String??) {
        let subscribers = state.withLock { state in
            if let error { state.currentError = error }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.yield(buffer) }
    }

    /// One server-sent event; every line of the data gets its own `data:` field.
    static func encode(event: String, data: String) -> ByteBuffer {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
        return ByteBuffer(string: "event: \(event)\n\(lines)\n\n")
    }
}
