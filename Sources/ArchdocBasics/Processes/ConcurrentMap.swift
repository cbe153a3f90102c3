import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core: each element is transformed once, on some thread,
    /// and the results keep the order of the elements. For independent,
    /// CPU-bound work on many elements, such as rendering a site's pages.
    package func concurrentMap<T: Sendable, E: Error>(_ transform: @Sendable (Element) throws(E) -> T) throws(E) -> [T] {
        guard count > 1 else { return try map(transform) }
        let results = UnsafeMutableBufferPointer<Result<T, E>?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        self.withUnsafeBufferPointer { elements in
            nonisolated(unsafe) let elements = elements
            // Each index is written by exactly one iteration.
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                do throws(E) {
                    slots[index] = .success(try transform(elements[index]))
                } catch {
                    slots[index] = .failure(error)
                }
            }
        }
        return try results.map { result throws(E) in try result!.get() }
    }

    /// ``concurrentMap(_:)`` that starts with the elements of highest `cost`:
    /// a long one started last would keep the other threads waiting for it.
    /// The results keep the order of the elements.
    package func concurrentMap<T: Sendable, E: Error>(
        costliestFirst cost: (Element) -> Int, _ transform: @Sendable (Element) throws(E) -> T
    ) throws(E) -> [T] {
        let costs = map(cost)
        let order = indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        let results = try order.map { self[$0] }.concurrentMap(transform)
        var inOrder = [T?](repeating: nil, count: count)
        for (result, index) in zip(results, order) { inOrder[index] = result }
        return inOrder.map { $0! }
    }
}

/// A value computed on another thread while the caller goes on; `value()`
/// waits for it. For one independent piece of work beside the main one.
package final class Concurrently<T: Sendable>: @unchecked Sendable {
    // Written once by the worker before `done` is signalled, read after.
    private var result: T?
    private let done = DispatchSemaphore(value: 0)
    private let started: Bool

    /// Starts `work` at once; `nil` work gives a `nil` value.
    package init(_ work: (@Sendable () -> T)?) {
        started = work != nil
        guard let work else { return }
        DispatchQueue.global().async { [self] in
            result = work()
            done.signal()
        }
    }

    /// The result, once the work is done.
    package func value() -> T? {
        guard started else { return nil }
        done.wait()
        // For the next caller: the work is done for good.
        done.signal()
        return result
    }
}
