import Foundation

/// GitHub-style pipe tables in Markdown. Cells are split at each `|` that is
/// not right after a backslash, which is how cmark-gfm reads them (even
/// inside code spans).
public struct MarkdownTable: Sendable {
    /// The header row's cells.
    public var header: [String]
    /// The body rows' cells.
    public var rows: [[String]]

    /// Every table in a Markdown text, outside fenced code blocks.
    public static func all(in markdown: String) -> [MarkdownTable] {
        var tables: [MarkdownTable] = []
        var current: MarkdownTable?
        var previous: String?
        for line in linesOutsideFences(markdown, keepingPlaceholders: true) {
            if let line, line.hasPrefix("|") {
                if current != nil {
                    current!.rows.append(cells(line))
                } else if isDelimiter(line), let header = previous, header.hasPrefix("|") {
                    current = MarkdownTable(header: cells(header), rows: [])
                }
            } else if let table = current {
                tables.append(table)
                current = nil
            }
            previous = line
        }
        if let table = current { tables.append(table) }
        return tables
    }

    /// The lines that are not inside fenced code blocks.
    public static func linesOutsideFences(_ markdown: String) -> [String] {
        linesOutsideFences(markdown, keepingPlaceholders: false).compactMap { $0 }
    }

    /// Lines, with `nil` for each line inside (or fencing) a code block when
    /// `keepingPlaceholders`, so that a table never spans a fence.
    public static func linesOutsideFences(_ markdown: String, keepingPlaceholders: Bool) -> [String?] {
        var fence: String?
        var lines: [String?] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            let ticks = String(trimmed.prefix { $0 == "`" })
            if let open = fence {
                if ticks.count >= open.count, trimmed.dropFirst(ticks.count).allSatisfy(\.isWhitespace) { fence = nil }
                if keepingPlaceholders { lines.append(nil) }
            } else if ticks.count >= 3 {
                fence = ticks
                if keepingPlaceholders { lines.append(nil) }
            } else {
                lines.append(line)
            }
        }
        return lines
    }

    /// Whether a row is a delimiter row, such as `|---|:-:|`.
    public static func isDelimiter(_ line: String) -> Bool {
        let cells = cells(line)
        return !cells.isEmpty && cells.allSatisfy { cell in
            var core = Substring(cell)
            if core.first == ":" { core = core.dropFirst() }
            if core.last == ":" { core = core.dropLast() }
            return !core.isEmpty && core.allSatisfy { $0 == "-" }
        }
    }

    /// The cells of a row that starts and ends with `|`, trimmed.
    public static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var previous: Character?
        for character in line {
            if character == "|", previous != "\\" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
            previous = character
        }
        cells.append(cell)
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
