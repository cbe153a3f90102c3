import Foundation

/// The variables compose substitutes into a file: the process environment on
/// top of the project's `.env` file.
package struct ComposeVariables: Sendable {
    /// The variables by name.
    package var values: [String: String]

    /// Creates a variable set.
    package init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Reads a `.env` file (missing is fine) and lays the environment over it,
    /// as compose does.
    package static func load(envFile path: String?, environment: [String: String]) throws(ComposeError) -> ComposeVariables {
        var values: [String: String] = [:]
        if let path, FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ComposeError(path: path, line: 0, "cannot be read as UTF-8 text")
            }
            values = try parseDotEnv(text, path: path)
        }
        values.merge(environment) { _, process in process }
        return ComposeVariables(values)
    }

    /// The variables of an env file (`env_file:`), as compose reads them; `nil`
    /// when the file does not exist or cannot be read.
    package static func envFileValues(at path: String) -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        return try? parseDotEnv(text, path: path)
    }

    /// `KEY=value` lines; `#` comments, `export ` prefixes and quotes allowed.
    static func parseDotEnv(_ text: String, path: String) throws(ComposeError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)) }
            guard let equals = line.firstIndex(of: "=") else {
                throw ComposeError(path: path, line: index + 1, "expected KEY=value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            values[key] = value
        }
        return values
    }

    /// Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
    /// `${VAR:+alternative}`, `${VAR+alternative}`, `${VAR:?message}` and
    /// `${VAR?message}`; `$$` is a literal `$`. Unset variables become empty.
    package func interpolate(_ text: String) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            guard next < text.endIndex else { result.append("$"); break }
            if text[next] == "$" {
                result.append("$")
                index = text.index(after: next)
            } else if text[next] == "{", let close = Self.matchingBrace(in: text, from: next) {
                result += substitute(String(text[text.index(after: next)..<close]))
                index = text.index(after: close)
            } else {
                var end = next
                while end < text.endIndex, text[end] == "_" || text[end].isLetter && text[end].isASCII || (end > next && text[end].isNumber && text[end].isASCII) {
                    end = text.index(after: end)
                }
                if end == next {
                    result.append("$")
                    index = next
                } else {
                    result += values[String(text[next..<end])] ?? ""
                    index = end
                }
            }
        }
        return result
    }

    private func substitute(_ expression: String) -> String {
        for separator in [":-", ":+", ":?", "-", "+", "?"] {
            guard let range = expression.range(of: separator) else { continue }
            let name = String(expression[..<range.lowerBound])
            guard name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else { continue }
            let argument = interpolate(String(expression[range.upperBound...]))
            let value = values[name]
            let isSet = value != nil, isNonEmpty = !(value ?? "").isEmpty
            switch separator {
            case ":-": return isNonEmpty ? value! : argument
            case "-": return isSet ? value! : argument
            case ":+": return isNonEmpty ? argument : ""
            case "+": return isSet ? argument : ""
            default: return value ?? ""
            }
        }
        return values[expression] ?? ""
    }

    private static func matchingBrace(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }
}
