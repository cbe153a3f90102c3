internal import CGraphviz
import Foundation
import Synchronization

/// A Graphviz context per picture, behind a lock: Graphviz keeps global state
/// (its parser, its error channel) and is not thread-safe.
///
/// Plugins: `gvContext()` reads Graphviz's plugin configuration (`config6a`
/// next to the plugins) and also loads the pango text layout, which measures
/// text with the fonts installed on the machine, so the same view would give
/// different SVGs on different machines and `archdoc check` would report
/// them stale. Instead the session loads only the plugins it needs, the `dot`
/// layout, the `neato` layouts (for `osage`) and the core renderers (SVG),
/// from the plugin folder next to libgvc (or `$GVBINDIR`) and hands them to
/// `gvContextPlugins` as built-ins. Without a text layout plugin Graphviz
/// measures text with its built-in Helvetica metrics: the output depends only
/// on the Graphviz version. When those plugins cannot be found, the session
/// falls back to `gvContext()`.
///
/// The plugins are loaded afresh for every picture and unloaded after it:
/// the `dot` layout of Graphviz 2.43 keeps static state from one layout to
/// the next, and after some sequences of layouts in one process it fails an
/// assertion (`install_in_rank`) and aborts the process. Loading the
/// libraries again costs well under a millisecond.
enum GraphvizSession {
    /// How a context is made.
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

    /// A context for one picture, and the plugin libraries it was made from.
    private struct Context {
        var gvc: OpaquePointer
        var setup: Setup
        /// The plugins handed to `gvContextPlugins`, which keeps their list
        /// for the life of the context; `nil` for `gvContext()`.
        var plugins: LoadedPlugins?

        /// Frees the context, then unloads its plugins (and with them their static state).
        func close() {
            gvFreeContext(gvc)
            plugins?.unload()
        }
    }

    /// A plugin library file and the name of its plugin list.
    private struct PluginFile {
        var path: String
        var symbol: String
    }

    /// Plugin libraries loaded for one context, as the built-in list Graphviz takes.
    private struct LoadedPlugins {
        var handles: [UnsafeMutableRawPointer]
        var list: UnsafeMutablePointer<lt_symlist_t>

        /// Loads every file; `nil` (with nothing left loaded) unless all load.
        init?(_ files: [PluginFile]) {
            var handles: [UnsafeMutableRawPointer] = []
            var entries: [lt_symlist_t] = []
            for file in files {
                guard let handle = dlopen(file.path, RTLD_NOW | RTLD_LOCAL) else { break }
                handles.append(handle)
                guard let address = dlsym(handle, file.symbol) else { break }
                entries.append(lt_symlist_t(name: UnsafePointer(strdup(file.symbol)), address: address))
            }
            list = .allocate(capacity: entries.count + 1)
            list.initialize(from: entries, count: entries.count)
            list[entries.count] = lt_symlist_t(name: nil, address: nil)
            self.handles = handles
            guard entries.count == files.count else {
                unload()
                return nil
            }
        }

        /// Frees the list and closes the libraries.
        func unload() {
            var index = 0
            while let name = list[index].name {
                free(UnsafeMutableRawPointer(mutating: name))
                index += 1
            }
            list.deallocate()
            for handle in handles { dlclose(handle) }
        }
    }

    /// Held while Graphviz runs.
    private static let lock = Mutex(())
    /// What Graphviz reported during the current call; only written while
    /// `lock` is held.
    private static let messages = Mutex<String>("")

    /// How contexts are made: with the built-in plugins when they were found.
    static var setup: Setup { pluginFiles?.setup ?? .configuration }

    /// Lays out DOT text with a layout engine (`dot`, or `osage` when its
    /// plugin is there; `dot` otherwise) and renders it as SVG.
    static func svg(fromDOT dot: String, engine: String = "dot", viewKey: String) throws(PictureError) -> String {
        try lock.withLock { _ throws(PictureError) -> String in
            guard let context = makeContext() else {
                throw PictureError(viewKey: viewKey, stage: .setup, details: "gvContext() failed")
            }
            // Runs last: the graph is freed before its plugins are unloaded.
            defer { context.close() }
            let gvc = context.gvc
            messages.withLock { $0 = "" }
            func failure(_ stage: PictureError.Stage) -> PictureError {
                let details = messages.withLock { $0 }.trimmingCharacters(in: .whitespacesAndNewlines)
                return PictureError(viewKey: viewKey, stage: stage, details: details)
            }
            guard let graph = dot.withCString({ agmemread($0) }) else { throw failure(.parse) }
            defer { agclose(graph) }
            defer { gvFreeLayout(gvc, graph) }
            let available = engine == "dot" || context.setup.hasNeatoLayouts
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

    /// The plugin files to load for each picture and the setup they give,
    /// found once; `nil` when the required ones are not there.
    private static let pluginFiles: (files: [PluginFile], setup: Setup)? = {
        guard let directory = pluginDirectory(),
              let required = findPlugins(["dot_layout", "core"], in: directory) else { return nil }
        // `osage` for overview pictures; without it they are laid out by `dot`.
        let neato = findPlugins(["neato_layout"], in: directory)
        return (required + (neato ?? []), .builtins(pluginDirectory: directory, neatoLayouts: neato != nil))
    }()

    private static func makeContext() -> Context? {
        _ = agseterrf { fragment in
            if let fragment { GraphvizSession.messages.withLock { $0 += String(cString: fragment) } }
            return 0
        }
        if let builtins = pluginFiles, let plugins = LoadedPlugins(builtins.files) {
            if let gvc = gvContextPlugins(plugins.list, 0) {
                return Context(gvc: gvc, setup: builtins.setup, plugins: plugins)
            }
            plugins.unload()
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
        // `String(contentsOfFile:)` stops at 4,095 bytes of a /proc file, whose size reads as 0.
        guard let data = try? FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/maps")).readToEnd() else { return nil }
        let maps = String(decoding: data, as: UTF8.self)
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = line[slash...]
            if path.split(separator: "/").last?.hasPrefix("libgvc.") == true { return String(path) }
        }
        return nil
    }
    #endif

    /// The file of `libgvplugin_<name>.*` for each name that loads and has
    /// its `gvplugin_<name>_LTX_library`; `nil` unless all are found.
    private static func findPlugins(_ names: [String], in directory: String) -> [PluginFile]? {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var found: [PluginFile] = []
        for name in names {
            let symbol = "gvplugin_\(name)_LTX_library"
            // `libgvplugin_core.so.6` (Linux), `libgvplugin_core.6.dylib` (macOS); the shortest name first.
            let candidates = files.filter { $0.hasPrefix("libgvplugin_\(name).") && ($0.contains(".so") || $0.hasSuffix(".dylib")) }
                .sorted { ($0.count, $0) < ($1.count, $1) }
                .map { PluginFile(path: "\(directory)/\($0)", symbol: symbol) }
            let file = candidates.first { candidate in
                guard let probe = LoadedPlugins([candidate]) else { return false }
                probe.unload()
                return true
            }
            guard let file else { return nil }
            found.append(file)
        }
        return found
    }
}
