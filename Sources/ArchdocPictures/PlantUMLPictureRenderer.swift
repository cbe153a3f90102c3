import ArchdocBasics
import ArchdocRenderers
import ArchdocViews
import Foundation

/// Draws the generated C4-PlantUML sources with PlantUML itself
/// (`java -jar plantuml.jar -tsvg`), so the site can show PlantUML's own
/// rendering beside archdoc's Graphviz picture.
///
/// Starting the JVM costs about a second, so every view that is not cached is
/// drawn by one PlantUML process; a view whose source, jar and Graphviz are
/// unchanged is taken from the ``PictureCache`` and never starts Java.
package struct PlantUMLPictureRenderer: Sendable {
    /// The extension of the pictures, `plantuml.svg`, so that they sit beside
    /// `<view>.svg` without replacing it.
    package static let fileExtension = OutputLayout.plantUMLPictureExtension

    /// The path of `plantuml.jar`.
    package var jarPath: String
    /// The environment `java` is looked up in (`JAVA_HOME`, then `PATH`).
    package var environment: [String: String]
    /// How long PlantUML may take for all views together, in seconds.
    package var timeout: TimeInterval

    /// A renderer for a PlantUML jar.
    package init(jarPath: String, environment: [String: String] = ProcessInfo.processInfo.environment, timeout: TimeInterval = 600) {
        self.jarPath = jarPath
        self.environment = environment
        self.timeout = timeout
    }

    /// A picture for each `<site>/diagrams/<view>.puml` in `sources`, in the
    /// same order, at `<site>/diagrams/<view>.plantuml.svg`. Pictures missing
    /// from `cache` are drawn by a single PlantUML run and then stored.
    package func pictures(for sources: [GeneratedFile], cache: PictureCache?) throws(PlantUMLError) -> [GeneratedFile] {
        let jarIdentity = try jarIdentity()
        let keys = sources.map { cache?.plantUMLKey(source: $0.contents, jarIdentity: jarIdentity) }
        var svgs: [String?] = zip(sources, keys).map { _, key in key.flatMap { cache?.stored(key: $0) } }
        let missing = svgs.indices.filter { svgs[$0] == nil }
        if !missing.isEmpty {
            let drawn = try draw(missing.map { sources[$0] })
            for (index, svg) in zip(missing, drawn) {
                svgs[index] = svg
                if let key = keys[index] { cache?.store(svg, key: key) }
            }
        }
        return zip(sources, svgs).map { source, svg in
            GeneratedFile(path: Self.picturePath(forSource: source.path), contents: svg ?? "")
        }
    }

    /// `<site>/diagrams/<view>.plantuml.svg` for `<site>/diagrams/<view>.puml`.
    package static func picturePath(forSource path: String) -> String {
        (path.hasSuffix(".puml") ? String(path.dropLast(5)) : path) + "." + fileExtension
    }

    // MARK: Running PlantUML

    /// The jar's size and modification time: a new jar may draw differently.
    private func jarIdentity() throws(PlantUMLError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: jarPath, isDirectory: &isDirectory) else { throw .jarNotFound(path: jarPath) }
        guard !isDirectory.boolValue, let attributes = try? FileManager.default.attributesOfItem(atPath: jarPath) else { throw .jarNotAFile(path: jarPath) }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size):\(modified)"
    }

    /// `$JAVA_HOME/bin/java`, else `java` on `PATH`.
    private func java() throws(PlantUMLError) -> String {
        if let home = environment["JAVA_HOME"], !home.isEmpty, FileManager.default.isExecutableFile(atPath: "\(home)/bin/java") {
            return "\(home)/bin/java"
        }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/java"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw .javaNotFound
    }

    /// One PlantUML run for all sources. Each source gets a folder of its own
    /// and PlantUML a relative `-o`, which it resolves per source: the picture
    /// is then the one SVG in that folder, whatever name `@startuml` gives it.
    private func draw(_ sources: [GeneratedFile]) throws(PlantUMLError) -> [String] {
        let java = try java()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("archdoc-plantuml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var inputs: [String] = []
        var sitePaths: [String: String] = [:]  // file name PlantUML reports → path in the site
        for (index, source) in sources.enumerated() {
            let name = URL(fileURLWithPath: source.path).lastPathComponent
            let folder = scratch.appendingPathComponent("\(index)")
            let input = folder.appendingPathComponent(name)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(source.contents.utf8).write(to: input)
            } catch {
                throw .cannotRun(details: "cannot write \(input.path): \(error.localizedDescription)")
            }
            inputs.append(input.path)
            sitePaths[name] = source.path
        }

        // -stdrpt:2 reports errors as `<file name>:<line>:error:<message>`.
        let arguments = ["-Djava.awt.headless=true", "-jar", jarPath, "-tsvg", "-charset", "UTF-8", "-stdrpt:2", "-o", "out"] + inputs
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run(java, arguments, timeout: timeout)
        } catch {
            throw .cannotRun(details: "cannot start \(java): \(error.localizedDescription)")
        }
        if result.timedOut { throw .timedOut(seconds: Int(timeout)) }
        if let report = Self.syntaxError(in: result.combinedOutput, sitePaths: sitePaths) { throw report }
        guard result.status == 0 else {
            throw .failed(jar: jarPath, status: result.status, output: Self.tail(result.combinedOutput))
        }

        var svgs: [String] = []
        for (index, source) in sources.enumerated() {
            let out = scratch.appendingPathComponent("\(index)/out")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.hasSuffix(".svg") }.sorted()
            guard let first = names.first, let data = FileManager.default.contents(atPath: out.appendingPathComponent(first).path) else {
                throw .failed(jar: jarPath, status: result.status, output: "no picture for \(source.path). " + Self.tail(result.combinedOutput))
            }
            let svg = String(decoding: data, as: UTF8.self)
            if let problem = Self.drawnError(in: svg, source: source.contents) { throw .drawnError(file: source.path, problem: problem) }
            svgs.append(svg)
        }
        return svgs
    }

    /// The first `<file>:<line>:error:<message>` line, mapped back to the site's `.puml`.
    static func syntaxError(in output: String, sitePaths: [String: String]) -> PlantUMLError? {
        for line in output.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[2] == "error", let number = Int(parts[1]), let path = sitePaths[String(parts[0])] else { continue }
            return .syntaxError(file: path, line: number, message: parts[3].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// PlantUML draws some failures into the picture and exits 0. A marker
    /// that the source itself contains is a label, not a failure.
    static func drawnError(in svg: String, source: String) -> String? {
        if svg.contains("Cannot find Graphviz") && !source.contains("Cannot find Graphviz") {
            return "PlantUML cannot find Graphviz's dot program; install Graphviz (apt-get install graphviz) or set GRAPHVIZ_DOT to the path of dot"
        }
        for marker in ["An error has occured", "has crashed", "Syntax Error?", "cannot include"] where svg.contains(marker) && !source.contains(marker) {
            return "PlantUML drew \"\(marker)\" into the picture"
        }
        return nil
    }

    /// The last lines of PlantUML's output, enough to see why it failed.
    private static func tail(_ output: String) -> String {
        output.split(whereSeparator: \.isNewline).suffix(8).joined(separator: "\n")
    }
}

/// Why PlantUML could not draw the pictures. Each message says what to do.
package enum PlantUMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither `$JAVA_HOME/bin/java` nor `java` on `PATH` exists.
    case javaNotFound
    /// The configured jar does not exist.
    case jarNotFound(path: String)
    /// The configured jar is a folder or cannot be read.
    case jarNotAFile(path: String)
    /// PlantUML rejected a generated source, at a line of that file.
    case syntaxError(file: String, line: Int, message: String)
    /// PlantUML exited 0 but drew an error instead of the view.
    case drawnError(file: String, problem: String)
    /// PlantUML (or Java) exited with a non-zero status.
    case failed(jar: String, status: Int32, output: String)
    /// PlantUML did not finish in time.
    case timedOut(seconds: Int)
    /// The sources could not be written or Java could not be started.
    case cannotRun(details: String)

    package var description: String {
        switch self {
        case .javaNotFound:
            "cannot draw PlantUML pictures: java is not on PATH and JAVA_HOME names no Java; install a Java runtime (such as apt-get install default-jre-headless), or drop --plantuml-jar (and ARCHDOC_PLANTUML_JAR) to skip PlantUML pictures"
        case .jarNotFound(let path):
            "the PlantUML jar '\(path)' does not exist; pass the path of plantuml.jar to --plantuml-jar (or ARCHDOC_PLANTUML_JAR), or leave both unset to skip PlantUML pictures"
        case .jarNotAFile(let path):
            "the PlantUML jar '\(path)' is not a readable file; pass the path of plantuml.jar itself to --plantuml-jar (or ARCHDOC_PLANTUML_JAR)"
        case .syntaxError(let file, let line, let message):
            "\(file):\(line): error: PlantUML reports \(message.isEmpty ? "a syntax error" : "'\(message)'") at line \(line) of this generated file; archdoc should never write such a source, so please report it with the file, or try another PlantUML version (tested with 1.2025.9)"
        case .drawnError(let file, let problem):
            "\(file): error: \(problem)"
        case .failed(let jar, let status, let output):
            "PlantUML exited with status \(status); check that '\(jar)' is a PlantUML jar (java -jar '\(jar)' -version)\(output.isEmpty ? "" : ":\n\(output)")"
        case .timedOut(let seconds):
            "PlantUML did not finish within \(seconds) s and was stopped; try again, or drop --plantuml-jar for very large architectures"
        case .cannotRun(let details):
            "cannot run PlantUML: \(details)"
        }
    }
}

extension PictureCache {
    /// A PlantUML picture's cache key: its source, the jar, and Graphviz,
    /// which PlantUML lays out with. Java is deliberately not part of it, so
    /// a cached picture needs no Java at all.
    func plantUMLKey(source: String, jarIdentity: String) -> String {
        "plantuml-" + Self.key([source, jarIdentity, Self.graphvizIdentity])
    }
}
