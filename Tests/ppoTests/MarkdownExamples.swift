import Foundation

/// The examples a documentation page holds, read the way `DocumentedExamplesTests` runs them.
///
/// - A ```` ```ppo ```` block is a rule file; ```` ```ppo NAME.ppo ```` names it, so a console block can
///   use it. A ```` ```jsonl NAME ```` block is a data file.
/// - A ```` ```console ```` block is `$ ppo …` commands, each followed by what it prints.
/// - A table after `<!-- values as of DATE [previous FILE] [decisions FILE] -->` has an expression in its first column
///   and, under each offender id of its header, the expression's value for that offender.
/// - A table after `<!-- diagnostics -->` has a diagnostic id, a one-line file that gives it, and
///   its message.
struct MarkdownExamples {
    struct Fence {
        let language: String
        /// The file name given after the language, if any.
        let name: String?
        let body: String
        /// 1-based line of the opening fence.
        let line: Int
    }

    struct ValueTable {
        let asOf: String
        let previous: String?
        /// The panel's decisions the expressions read (`--decisions`).
        var decisions: String? = nil
        let offenders: [String]
        /// (line, expression, expected value per offender)
        let rows: [(line: Int, expression: String, values: [String])]
    }

    struct DiagnosticRow {
        let line: Int
        let id: String
        let file: String?
        let message: String
    }

    var fences: [Fence] = []
    var valueTables: [ValueTable] = []
    var diagnostics: [DiagnosticRow] = []

    init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        var marker: String? = nil
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("```") {
                let info = line.dropFirst(3).split(separator: " ").map(String.init)
                var body: [String] = []
                let start = i + 1
                i += 1
                while i < lines.count, !lines[i].hasPrefix("```") {
                    body.append(lines[i])
                    i += 1
                }
                fences.append(Fence(language: info.first ?? "", name: info.count > 1 ? info[1] : nil,
                                    body: body.joined(separator: "\n"), line: start))
                marker = nil
                i += 1
                continue
            }
            if line.hasPrefix("<!--"), line.hasSuffix("-->") {
                marker = line.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
                i += 1
                continue
            }
            if line.hasPrefix("|"), let kind = marker {
                var table: [(Int, [String])] = []
                while i < lines.count, lines[i].hasPrefix("|") {
                    table.append((i + 1, Self.cells(lines[i])))
                    i += 1
                }
                add(table, marker: kind)
                marker = nil
                continue
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { marker = nil }
            i += 1
        }
    }

    private mutating func add(_ table: [(Int, [String])], marker: String) {
        guard let header = table.first?.1 else { return }
        let rows = table.dropFirst(2)   // the header and its --- line
        if marker.hasPrefix("values as of ") {
            let words = marker.split(separator: " ").map(String.init)
            let asOf = words.count > 3 ? words[3] : ""
            // After the date, `previous FILE` and `decisions FILE`, in any order.
            var options: [String: String] = [:]
            var w = 4
            while w + 1 < words.count { options[words[w]] = words[w + 1]; w += 2 }
            valueTables.append(ValueTable(
                asOf: asOf, previous: options["previous"], decisions: options["decisions"], offenders: Array(header.dropFirst()),
                rows: rows.map { ($0.0, Self.unquoted($0.1.first ?? ""), $0.1.dropFirst().map(Self.unquoted)) }))
        } else if marker == "diagnostics" {
            for (line, cells) in rows where cells.count >= 3 {
                let file = cells[1].hasPrefix("`") ? Self.unquoted(cells[1]) : nil
                diagnostics.append(DiagnosticRow(line: line, id: Self.unquoted(cells[0]), file: file,
                                                 message: Self.unquoted(cells[2])))
            }
        }
    }

    /// The cells of a table row, `\|` kept as a bar.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        for character in row.dropFirst() {
            if character == "|" {
                if current.hasSuffix("\\") {
                    current.removeLast()
                    current.append(character)
                    continue
                }
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        return cells
    }

    /// A cell's text without the backticks of a code span that is the whole cell.
    static func unquoted(_ cell: String) -> String {
        guard cell.count >= 2, cell.hasPrefix("`"), cell.hasSuffix("`") else { return cell }
        return String(cell.dropFirst().dropLast())
    }

    /// Whether `output` is what a console block shows: the same lines (trailing spaces and blank lines
    /// at the end ignored), where a line `…` stands for any number of lines.
    static func matches(_ output: String, shown: String) -> Bool {
        func lines(_ text: String) -> [String] {
            var result = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            while result.last?.isEmpty == true { result.removeLast() }
            return result
        }
        return matches(lines(output)[...], lines(shown)[...])
    }

    private static func matches(_ output: ArraySlice<String>, _ pattern: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return output.isEmpty }
        if first == "…" {
            let rest = pattern.dropFirst()
            var start = output.startIndex
            while true {
                if matches(output[start...], rest) { return true }
                if start == output.endIndex { return false }
                start += 1
            }
        }
        guard output.first == first else { return false }
        return matches(output.dropFirst(), pattern.dropFirst())
    }
}
