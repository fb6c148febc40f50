/// Renders diagnostics for people (the source line with a caret, like a compiler) and for editors (JSON).
///
/// ```
/// matrices/northtown.ppo:14:5: error: unknown category 'burglary_dweling'
///   14 |     burglary_dweling  4  series 5
///      |     ^~~~~~~~~~~~~~~~
/// note: did you mean 'burglary_dwelling'?
/// ```
/// The caret marks the first character of the range and `~` the rest of it on that line; a range that
/// runs onto later lines is underlined to the end of its first line. Tabs before the caret are copied
/// into the marker line, so the caret stays under its character whatever the terminal's tab width.
public struct DiagnosticRenderer: Sendable {
    /// The files the diagnostics' ranges point into.
    public let sources: SourceSet

    public init(sources: SourceSet) { self.sources = sources }

    /// Every diagnostic as text, in the order given; each line ends in a newline.
    public func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(text).joined()
    }

    /// One diagnostic as text: its location line, the quoted source line and marker, then notes.
    public func text(_ diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        let heading = "\(diagnostic.severity.rawValue): \(diagnostic.message)"
        if let range = diagnostic.range, let file = sources[range.file] {
            let start = file.location(of: range.start)
            let end = file.location(of: range.end)
            lines.append("\(file.path):\(start.line):\(start.column): \(heading)")
            lines.append(contentsOf: quote(file: file, start: start, end: end))
        } else {
            lines.append(heading)
        }
        if let suggestion = diagnostic.suggestion {
            lines.append("note: did you mean '\(suggestion)'?")
        }
        for note in diagnostic.notes {
            lines.append("note: \(note)")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The source line of `start` and the marker line under it.
    private func quote(file: SourceFile, start: SourceLocation, end: SourceLocation) -> [String] {
        let source = file.lineText(start.line)
        let characters = Array(source)
        let first = min(max(0, start.column - 1), characters.count)
        var last = end.line == start.line ? min(end.column - 1, characters.count) : characters.count
        if last <= first { last = first + 1 }

        var marker = ""
        for character in characters[..<first] {
            marker += character == "\t" ? "\t" : String(repeating: " ", count: TextLayout.width(of: character))
        }
        if first < characters.count {
            for (offset, character) in characters[first..<last].enumerated() {
                let columns = max(1, TextLayout.width(of: character))
                if offset == 0 {
                    marker += "^" + String(repeating: "~", count: columns - 1)
                } else {
                    marker += character == "\t" ? "\t" : String(repeating: "~", count: columns)
                }
            }
        } else {
            marker += "^"
        }

        let number = String(start.line)
        let blank = String(repeating: " ", count: number.count)
        let quoted = source.isEmpty ? "  \(number) |" : "  \(number) | \(source)"
        return [quoted, "  \(blank) | \(marker)"]
    }

    /// All the diagnostics as a JSON array of objects, for editors and tools.
    public func json(_ diagnostics: [Diagnostic]) -> String {
        JSONWriter().render(.array(diagnostics.map(jsonValue)))
    }

    /// One diagnostic as a JSON object: `file`, `line`, `column`, `end_line`, `end_column` (exclusive),
    /// `severity`, `id`, `message`, `suggestion`, `notes`. Location fields are `null` without a range.
    public func jsonValue(_ diagnostic: Diagnostic) -> JSONValue {
        var path: JSONValue = .null
        var line: JSONValue = .null, column: JSONValue = .null
        var endLine: JSONValue = .null, endColumn: JSONValue = .null
        if let range = diagnostic.range, let file = sources[range.file] {
            let start = file.location(of: range.start)
            let end = file.location(of: range.end)
            path = .string(file.path)
            line = .int(start.line)
            column = .int(start.column)
            endLine = .int(end.line)
            endColumn = .int(end.column)
        }
        return .fields([
            ("file", path),
            ("line", line),
            ("column", column),
            ("end_line", endLine),
            ("end_column", endColumn),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("id", .string(diagnostic.id.rawValue)),
            ("message", .string(diagnostic.message)),
            ("suggestion", .optional(diagnostic.suggestion)),
            ("notes", .strings(diagnostic.notes)),
        ])
    }

    /// The closing count, e.g. `2 errors, 1 warning in 3 files`.
    public static func summary(_ diagnostics: [Diagnostic], files: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return "\(counted(errors, "error")), \(counted(warnings, "warning")) in \(counted(files, "file"))"
    }

    private static func counted(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
