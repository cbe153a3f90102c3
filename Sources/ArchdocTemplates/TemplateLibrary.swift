import ArchdocBasics
import Foundation
internal import Mustache

/// The Mustache templates of one kind of document (such as `arc42`): archdoc's
/// defaults, with the user's templates of the same name in their place.
///
/// Defaults ship in the `Templates/<folder>/` resources of ArchdocTemplates. A user's
/// `<templatesDirectory>/<folder>/<name>.mustache` replaces the default named
/// `<name>`, and may add templates of new names (to use as partials). Every
/// template can include every other as a partial: `{{> diagram}}`.
///
/// A template that does not parse is reported as a ``GenerationError`` of the
/// form `file:line:column: error: [template] …`, naming the file the user has
/// to fix.
package struct TemplateLibrary: Sendable {
    /// How values inserted with `{{name}}` are escaped.
    package enum Escaping: Sendable {
        /// Not at all: the values are already prepared for the output format
        /// (Markdown escaped by ``MarkdownText``), so `{{name}}` and
        /// `{{{name}}}` insert the same text. Right for Markdown, where HTML
        /// escaping would show `&amp;` inside code spans.
        case none
        /// HTML escaping of `{{name}}`, Mustache's default, for HTML pages.
        case html
    }

    /// Where each template was read from, by name: a file path, for messages.
    package let sources: [String: String]
    private let library: MustacheLibrary

    /// The pragma put in front of every template, which chooses the escaping.
    /// It stands alone on its line, so it adds no output; it shifts the lines
    /// of parse errors by one, which ``parse(_:path:escaping:)`` corrects.
    private static func pragma(_ escaping: Escaping) -> String {
        switch escaping {
        case .none: "{{% CONTENT_TYPE: TEXT}}\n"
        case .html: "{{% CONTENT_TYPE: \(HTMLEscaping.name)}}\n"
        }
    }

    /// Mustache's HTML escaping, the same five entities, done on bytes:
    /// swift-mustache's own looks up every `Character` in a dictionary, which
    /// was a tenth of a 1,000-page site's build.
    private struct HTMLEscaping: MustacheContentType {
        static let name = "ARCHDOC_HTML"
        /// Registered once, before the first template that names it is parsed.
        static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

        func escapeText(_ text: String) -> String { HTMLText.escaped(text) }
    }

    /// Loads the default templates of `folder` and the user's overrides.
    ///
    /// - Parameters:
    ///   - folder: The kind of document, such as `arc42`.
    ///   - userDirectory: The user's template folder (``GeneratorConfiguration/templatesDirectory``);
    ///     its `folder` subfolder is read when it exists.
    ///   - escaping: How `{{name}}` escapes values.
    ///   - defaultsDirectory: The folder of default templates; `nil` for the ones
    ///     bundled with archdoc.
    package init(
        folder: String, userDirectory: String?, escaping: Escaping, defaultsDirectory: URL? = nil
    ) throws(GenerationError) {
        var texts: [String: (text: String, path: String)] = [:]
        let defaults = defaultsDirectory ?? Self.bundledTemplates.appendingPathComponent(folder)
        for (name, url) in try Self.templateFiles(in: defaults, reportAs: nil) {
            texts[name] = (try Self.read(url, reportAs: url.path), url.path)
        }
        if let userDirectory {
            let folderPath = (userDirectory as NSString).appendingPathComponent(folder)
            for (name, url) in try Self.templateFiles(in: URL(fileURLWithPath: folderPath), reportAs: folderPath) {
                let shown = (folderPath as NSString).appendingPathComponent(url.lastPathComponent)
                texts[name] = (try Self.read(url, reportAs: shown), shown)
            }
        }
        var templates: [String: MustacheTemplate] = [:]
        for (name, entry) in texts {
            templates[name] = try Self.parse(entry.text, path: entry.path, escaping: escaping)
        }
        library = MustacheLibrary(templates: templates)
        sources = texts.mapValues(\.path)
    }

    /// Renders the template `name` with a context of dictionaries, arrays,
    /// strings, numbers and booleans.
    package func render(_ name: String, _ context: [String: Any]) throws(GenerationError) -> String {
        try render(name, context: context)
    }

    /// Renders the template `name` with a context that looks its values up
    /// itself (see ``TemplateValues``).
    package func render(_ name: String, _ context: TemplateValues) throws(GenerationError) -> String {
        try render(name, context: context)
    }

    private func render(_ name: String, context: Any) throws(GenerationError) -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw GenerationError("error: [template] there is no template named '\(name)'; archdoc's default templates are incomplete, reinstall archdoc")
        }
        return text
    }

    /// The folder of archdoc's default templates.
    static var bundledTemplates: URL {
        // An installed archdoc reads `<prefix>/share/archdoc/Templates`: SwiftPM's
        // `Bundle.module` looks beside the binary and then in the build folder,
        // which is gone once the checkout is.
        let installed = URL(fileURLWithPath: InstallLayout.sharedDirectory).appendingPathComponent("Templates")
        if FileManager.default.fileExists(atPath: installed.path) { return installed }
        return Bundle.module.resourceURL?.appendingPathComponent("Templates") ?? Bundle.module.bundleURL.appendingPathComponent("Templates")
    }

    /// Parses one template, turning a parse error into a diagnostic at the
    /// template's line and column.
    static func parse(_ text: String, path: String, escaping: Escaping) throws(GenerationError) -> MustacheTemplate {
        HTMLEscaping.registered
        let prefix = pragma(escaping)
        let source = prefix + text
        if let parsed = ParsedTemplates.shared.template(for: source) { return parsed }
        do {
            let template = try MustacheTemplate(string: source)
            ParsedTemplates.shared.store(template, for: source)
            return template
        } catch let error as MustacheTemplate.ParserError {
            var line = max(1, error.context.lineNumber - 1)
            var column = error.context.columnNumber
            var message = explanation(of: error.error)
            if let problem = SectionTags.firstProblem(in: text) {
                switch (error.error as? MustacheTemplate.Error, problem) {
                case (.expectedSectionEnd?, .unclosed(let name, let at)):
                    (line, column) = at
                    message = "the section {{\(name.opener)\(name.name)}} is never closed; add {{/\(name.name)}} where it ends"
                case (.sectionCloseNameIncorrect?, .mismatched(let open, let close, let at)):
                    (line, column) = at
                    message = "{{/\(close)}} does not close the open section {{\(open.opener)\(open.name)}}; write {{/\(open.name)}}, or close the sections in the order they were opened"
                default:
                    break
                }
            }
            throw GenerationError("\(path):\(line):\(column): error: [template] \(message)")
        } catch {
            throw GenerationError("\(path):1:1: error: [template] cannot parse the template: \(error)")
        }
    }

    /// What went wrong, and how to fix it.
    private static func explanation(of error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "cannot parse the template: \(error)" }
        return switch error {
        case .sectionCloseNameIncorrect:
            "this closing tag does not match the section it closes; close each {{#name}} or {{^name}} with {{/name}} of the same name"
        case .unfinishedName:
            "a tag is not finished or its name is invalid; end {{name}} with }} and {{{name}}} with }}}, and use only letters, digits, '_', '-' and '.' in names"
        case .expectedSectionEnd:
            "a section is never closed; add {{/name}} for every {{#name}} and {{^name}}"
        case .invalidSetDelimiter:
            "the set-delimiter tag is malformed; write it like {{=<% %>=}}"
        case .transformAppliedToInheritanceSection:
            "a block ({{$name}}) cannot have a transform; remove the parentheses"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "only blocks ({{$name}}…{{/name}}) may appear inside a parent partial ({{<name}}…{{/name}})"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            "unknown pragma; the only one supported is {{% CONTENT_TYPE: TEXT}} (or HTML)"
        }
    }

    /// The `*.mustache` files of a folder by template name, sorted; none when
    /// the folder does not exist.
    private static func templateFiles(in folder: URL, reportAs shown: String?) throws(GenerationError) -> [(String, URL)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw GenerationError("\(shown ?? folder.path): error: [template] cannot list the templates: \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(".") }.sorted().map { name in
            (String(name.dropLast(".mustache".count)), folder.appendingPathComponent(name))
        }
    }

    private static func read(_ url: URL, reportAs shown: String) throws(GenerationError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GenerationError("\(shown): error: [template] cannot read the template; check that it is a readable file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GenerationError("\(shown): error: [template] the template is not valid UTF-8; save it as UTF-8")
        }
        return text
    }
}

/// Templates parsed in this process, by source text: `watch` and `serve`
/// generate again and again from the same templates, and parsing them is a
/// good part of the cost of a small architecture.
private final class ParsedTemplates: @unchecked Sendable {
    static let shared = ParsedTemplates()
    private let lock = NSLock()
    private var templates: [String: MustacheTemplate] = [:]

    func template(for source: String) -> MustacheTemplate? {
        lock.withLock { templates[source] }
    }

    func store(_ template: MustacheTemplate, for source: String) {
        lock.withLock {
            if templates.count > 256 { templates.removeAll() }
            templates[source] = template
        }
    }
}

/// Finds the first unbalanced section tag of a template written with the
/// default `{{ }}` delimiters, to say which section a parse error is about.
enum SectionTags {
    /// An opening tag: `#`, `^`, `$` or `<`, and the name.
    struct Opening {
        var opener: Character
        var name: String
    }

    enum Problem {
        /// A section still open at the end, and where it was opened (line, column).
        case unclosed(Opening, at: (Int, Int))
        /// A closing tag for another section than the innermost open one, and where it is.
        case mismatched(open: Opening, close: String, at: (Int, Int))
    }

    static func firstProblem(in text: String) -> Problem? {
        var stack: [(Opening, (Int, Int))] = []
        var line = 1, column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{"), !text[index...].hasPrefix("{{{") {
                let start = (line, column)
                let body = text[text.index(index, offsetBy: 2)...]
                if let kind = body.first, "#^$</".contains(kind), let end = body.range(of: "}}") {
                    let name = body[body.index(after: body.startIndex)..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                    if kind == "/" {
                        guard let open = stack.popLast() else { return nil }
                        if open.0.name != name { return .mismatched(open: open.0, close: name, at: start) }
                    } else {
                        stack.append((Opening(opener: kind, name: name), start))
                    }
                }
            }
            if text[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index = text.index(after: index)
        }
        return stack.last.map { .unclosed($0.0, at: $0.1) }
    }
}

/// Values for a template, by name, for templates rendered thousands of times
/// (a site's page layout). swift-mustache casts the context to its parent
/// protocol for every variable; a `[String: Any]` conforms only conditionally,
/// which makes each cast a slow lookup in the runtime, while this class
/// conforms outright.
package final class TemplateValues: MustacheParent {
    private let values: [String: Any]

    /// Values by name: strings, numbers, booleans, arrays and other `TemplateValues`.
    package init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? { values[name] }
}
