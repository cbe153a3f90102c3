internal import CGraphviz
import Foundation
import Synchronization

/// The process's one Graphviz context, behind a lock: Graphviz keeps global
/// state (its parser, its error channel) and is not thread-safe.
///
/// Plugins: `gvContext()` reads Graphviz's plugin configuration (`config6a`
/// next to the plugins) and also loads the pango text layout, which measures
/// text with the fonts installed on the machine, so the same view would give
/// different SVGs on different machines and `archdoc check` would report
/// them stale. Instead the session loads only the two plugins it needs, the
/// `dot` layout, the `neato` layouts (for `osage`) and the core renderers (SVG), from the plugin folder next to
/// libgvc (or `$GVBINDIR`) and hands them to `gvContextPlugins` as built-ins.
/// Without a text layout plugin Graphviz measures text with its built-in
/// Helvetica metrics: the output depends only on the Graphviz version. When
/// those plugins cannot be found, the session falls back to `gvContext()`.
enum GraphvizSession {
    /// How the context was made, for diagnostics.
    enum Setup: Sendable, Equatable {
        /// Only the `dot` layout and core plugins, and the `neato` layouts
        /// (`osage`) when they are there; built-in text metrics.
        case builtins(pluginDirectory: String, neatoLayouts: Bool)
        /// `gvContext()` with Graphviz's own configuration.
        case configuration

        /// Whether `osage` can be used.
        var hasNeatoLayouts: Bool {
            switch self {
            case .builtins(_, let neatoLayouts): neatoLayouts
            case .configuration: true
            }
        }
    }

    private struct Context {
        var gvc: OpaquePointer
        var setup: Setup
    }

    private static let context = Mutex<Context?>(nil)
    /// What Graphviz reported during the current call; only written while
    /// `context` is locked.
    private static let messages = Mutex<String>("")

    /// How the context was made, making it if needed; `nil` if Graphviz cannot be set up.
    static var setup: Setup? {
        context.withLock { context in
            if context == nil { context = makeContext() }
            return context?.setup
        }
    }

    /// Lays out DOT text with a layout engine (`dot`, or `osage` when its
    /// plugin is there; `dot` otherwise) and renders it as SVG.
    static func svg(fromDOT dot: String, engine: String = "dot", viewKey: String) throws(PictureError) -> String {
        try context.withLock { (context: inout Context?) throws(PictureError) -> String in
            if context == nil { context = makeContext() }
            guard let gvc = context?.gvc else {
                throw PictureError(viewKey: viewKey, stage: .setup, details: "gvContext() failed")
            }
            messages.withLock { $0 = "" }
            func failure(_ stage: PictureError.Stage) -> PictureError {
                let details = messages.withLock { $0 }.trimmingCharacters(in: .whitespacesAndNewlines)
                return PictureError(viewKey: viewKey, stage: stage, details: details)
            }
            guard let graph = dot.withCString({ agmemread($0) }) else { throw failure(.parse) }
            defer { agclose(graph) }
            defer { gvFreeLayout(gvc, graph) }
            let available = engine == "dot" || context?.setup.hasNeatoLayouts != false
            guard gvLayout(gvc, graph, available ? engine : "dot") == 0 else { throw failure(.layout) }
            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let status = gvRenderData(gvc, graph, "svg", &buffer, &length)
            defer { if let buffer { gvFreeRenderData(buffer) } }
            guard status == 0, let buffer else { throw failure(.render) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer, count: Int(length)), as: UTF8.self)
        }
    }

    // MARK: Setting up

    private static func makeContext() -> Context? {
        _ = agseterrf { fragment in
            if let fragment { GraphvizSession.messages.withLock { $0 += String(cString: fragment) } }
            return 0
        }
        if let directory = pluginDirectory(),
           let required = loadLibraries(["dot_layout", "core"], from: directory) {
            // `osage` for overview pictures; without it they are laid out by `dot`.
            let neato = loadLibraries(["neato_layout"], from: directory)
            let libraries = required + (neato ?? [])
            // Graphviz keeps the pointer to the list for the life of the
            // context, which lives as long as the process.
            let list = UnsafeMutablePointer<lt_symlist_t>.allocate(capacity: libraries.count + 1)
            for (index, library) in libraries.enumerated() {
                list[index] = lt_symlist_t(name: UnsafePointer(strdup(library.symbol)), address: library.address)
            }
            list[libraries.count] = lt_symlist_t(name: nil, address: nil)
            if let gvc = gvContextPlugins(list, 0) {
                return Context(gvc: gvc, setup: .builtins(pluginDirectory: directory, neatoLayouts: neato != nil))
            }
        }
        return gvContext().map { Context(gvc: $0, setup: .configuration) }
    }

    /// `$GVBINDIR`, or the `graphviz` folder next to the libgvc in use, found
    /// the way Graphviz finds it.
    private static func pluginDirectory() -> String? {
        if let directory = ProcessInfo.processInfo.environment["GVBINDIR"], !directory.isEmpty { return directory }
        guard let library = libgvcPath() else { return nil }
        return URL(fileURLWithPath: library).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("graphviz").path
    }

    #if canImport(Darwin)
    private static func libgvcPath() -> String? {
        let function: @convention(c) () -> OpaquePointer? = gvContext
        var info = Dl_info()
        guard dladdr(unsafeBitCast(function, to: UnsafeRawPointer.self), &info) != 0, let path = info.dli_fname else { return nil }
        return String(cString: path)
    }
    #else
    /// The path of the mapped libgvc, from `/proc/self/maps` (glibc's `dladdr`
    /// is not visible to Swift).
    private static func libgvcPath() -> String? {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = line[slash...]
            if path.split(separator: "/").last?.hasPrefix("libgvc.") == true { return String(path) }
        }
        return nil
    }
    #endif

    /// Opens `libgvplugin_<name>.*` for each name and finds its
    /// `gvplugin_<name>_LTX_library`; `nil` unless all are found.
    private static func loadLibraries(_ names: [String], from directory: String) -> [(symbol: String, address: UnsafeMutableRawPointer)]? {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var libraries: [(symbol: String, address: UnsafeMutableRawPointer)] = []
        for name in names {
            let symbol = "gvplugin_\(name)_LTX_library"
            // `libgvplugin_core.so.6` (Linux), `libgvplugin_core.6.dylib` (macOS); the shortest name first.
            let candidates = files.filter { $0.hasPrefix("libgvplugin_\(name).") && ($0.contains(".so") || $0.hasSuffix(".dylib")) }
                .sorted { ($0.count, $0) < ($1.count, $1) }
            let address = candidates.lazy.compactMap { file -> UnsafeMutableRawPointer? in
                guard let handle = dlopen("\(directory)/\(file)", RTLD_NOW | RTLD_LOCAL) else { return nil }
                return dlsym(handle, symbol)
            }.first
            guard let address else { return nil }
            libraries.append((symbol, address))
        }
        return libraries
    }
}
