#if canImport(CMimalloc)
import CMimalloc
#endif
import Foundation

/// The memory allocator of the process, which an executable chooses by
/// linking this module: on Linux, mimalloc serves every `malloc` and `free`
/// in the process, the Swift runtime's, libcmark's and Graphviz's included.
///
/// Why: with glibc's allocator, two fifths of the time of the largest page
/// (arc42 chapter 7 of a 1,000-container model, whose page is the last to
/// finish in `generate`) went to the allocator's own bookkeeping, merging
/// freed blocks: libcmark allocates and frees a node per inline.
package enum ProcessAllocator {
    /// Sets the allocator up; call it first thing in `main`.
    ///
    /// mimalloc keeps freed memory mapped: by default it returns it to the
    /// system half a second after it is freed, and work that takes longer
    /// (a 10,000-container site, the next rebuild of `watch` or `serve`)
    /// faults it back in page by page: 2.5 times the page faults.
    package static func configure() {
        #if canImport(CMimalloc)
        mi_option_disable(mi_option_allow_decommit)
        #endif
    }

    /// `mimalloc 2.0.9` when mimalloc serves this process's allocations,
    /// otherwise `system malloc`.
    package static let name: String = {
        #if canImport(CMimalloc)
        // Linked is not enough: a plain malloc must come from mimalloc's heap.
        let probe = malloc(16)
        defer { free(probe) }
        if mi_is_in_heap_region(probe) {
            let version = Int(mi_version())  // 209 for 2.0.9
            return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
        }
        #endif
        return "system malloc"
    }()
}
