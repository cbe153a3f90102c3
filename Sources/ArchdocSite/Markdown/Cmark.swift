internal import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few cmark calls the Markdown renderer makes, wrapped so that every
/// piece of memory cmark hands out is freed in one place.
///
/// cmark's tree belongs to the document node returned by ``parse(_:flags:)``:
/// the caller frees it with `cmark_node_free` (a `defer` right after parsing).
/// Nodes created here are linked into that tree before anything else can fail,
/// so freeing the document frees them too.
enum Cmark {
    /// Parses UTF-8 Markdown. The caller owns the result and frees it with `cmark_node_free`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, flags: Int32) -> OpaquePointer? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return cmark_parse_document("", 0, flags)
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { cmark_parse_document($0, bytes.count, flags) }
    }

    /// Parses UTF-8 Markdown held in an array; see ``parse(_:flags:)``.
    static func parse(_ bytes: [UInt8], flags: Int32) -> OpaquePointer? {
        bytes.withUnsafeBufferPointer { parse($0, flags: flags) }
    }

    /// The literal of a text, code, code block or HTML node, without copying it.
    /// Valid until the node changes or is freed.
    static func literal(of node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        guard let literal = cmark_node_get_literal(node) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeRawPointer(literal).withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            UnsafeBufferPointer(start: start, count: strlen(literal))
        }
    }

    /// Replaces a heading with a custom block holding a custom inline that
    /// renders as `open`, the heading's own inline content, then `close`: a
    /// heading whose tag cmark did not write, so it can carry an `id`. The
    /// inline content is moved, not copied, and still rendered by cmark.
    @discardableResult
    static func replace(heading: OpaquePointer, open: String, close: String) -> Bool {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return false }
        guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
            cmark_node_free(block)
            return false
        }
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        cmark_node_set_on_enter(inline, open)
        cmark_node_set_on_exit(inline, close)
        guard cmark_node_append_child(block, inline) == 1 else {
            cmark_node_free(inline)
            cmark_node_free(block)
            return false
        }
        guard cmark_node_insert_before(heading, block) == 1 else {
            cmark_node_free(block)
            return false
        }
        while let child = cmark_node_first_child(heading) {
            guard cmark_node_append_child(inline, child) == 1 else { break }
        }
        cmark_node_free(heading)
        return true
    }
}

/// The HTML cmark renders for the sections of a page, kept as cmark's own
/// buffers and copied once into the page's string.
struct CmarkHTML: ~Copyable {
    private var pieces: [UnsafeBufferPointer<CChar>] = []

    /// Appends the HTML of `node` and its descendants.
    mutating func append(renderingHTMLOf node: OpaquePointer, flags: Int32) {
        guard let html = cmark_render_html(node, flags) else { return }
        pieces.append(UnsafeBufferPointer(start: html, count: strlen(html)))
    }

    /// The pieces as one string. Invalid UTF-8 would be replaced by U+FFFD;
    /// cmark writes none, as it parses with `CMARK_OPT_VALIDATE_UTF8`.
    consuming func joined() -> String {
        let count = pieces.reduce(0) { $0 + $1.count }
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { string in
            var offset = 0
            for piece in pieces {
                UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: string[offset...])).copyMemory(from: UnsafeRawBufferPointer(piece))
                offset += piece.count
            }
            return offset
        }
    }

    deinit {
        // cmark allocates with its default allocator, plain `malloc`.
        let free = cmark_get_default_mem_allocator().pointee.free
        for piece in pieces { free?(UnsafeMutableRawPointer(mutating: piece.baseAddress)) }
    }
}
