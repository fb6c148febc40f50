/// What formatting one file came to.
public enum FormatResult: Sendable, Equatable {
    /// The file in its canonical layout: the same text as given when it was already formatted.
    case formatted(String)
    /// The file does not parse, so it is not formatted: its syntax errors, as `ppo check` reports them.
    case syntaxErrors([Diagnostic])
    /// The layout would have changed what the file means (a bug in the formatter): nothing to write.
    case unsafe(reason: String)
}

/// The canonical layout of a `.ppo` file, as `ppo fmt` writes it (docs/language.md, "Layout and
/// `ppo fmt`"); like `opa fmt` and `gofmt`, one layout for every file, so a diff shows only changes of
/// meaning.
///
/// Formatting keeps every token, in order, on the line it was written on, and every comment on its
/// line; it changes only white space. It never changes meaning: the result is parsed again, and its
/// tokens, comments and syntax tree must equal the original's (source positions aside), else the
/// result is `.unsafe` and nothing should be written.
public enum RuleFormatter {
    /// Formats one file's text. Syntax errors point into `source` as file 0 of a `SourceSet`.
    public static func format(_ source: SourceFile) -> FormatResult {
        let parsed = Parser.parse(source, fileIndex: 0)
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { return .syntaxErrors(parsed.diagnostics) }

        let tokens = Lexer.tokenize(source, fileIndex: 0).tokens.filter { $0.kind != .endOfFile }
        guard let lines = SourceLines(source: source, tokens: tokens) else {
            return .unsafe(reason: "the text between two tokens is neither white space nor a comment")
        }
        guard let structure = BlockStructure(syntax: parsed.syntax, tokens: tokens) else {
            return .unsafe(reason: "the sections closed by 'end' could not be paired")
        }
        let text = LineLayout(source: lines, structure: structure).render()
        if let difference = difference(between: source, and: text, originalLines: lines, originalTree: parsed.syntax) {
            return .unsafe(reason: difference)
        }
        return .formatted(text)
    }

    /// Why `text` would not mean what `source` means, or `nil` when it means the same.
    static func difference(between source: SourceFile, and text: String, originalLines: SourceLines,
                           originalTree: SyntaxFile) -> String? {
        let formatted = SourceFile(path: source.path, text: text)
        let reparsed = Parser.parse(formatted, fileIndex: 0)
        if let error = reparsed.diagnostics.first(where: { $0.severity == .error }) {
            return "the formatted text does not parse: \(error.message)"
        }
        let tokens = Lexer.tokenize(formatted, fileIndex: 0).tokens.filter { $0.kind != .endOfFile }
        guard tokens.map(\.kind) == originalLines.tokens.map(\.kind),
              tokens.map({ formatted.slice($0.range) }) == originalLines.texts else {
            return "the formatted text has other tokens"
        }
        guard let lines = SourceLines(source: formatted, tokens: tokens) else {
            return "the formatted text has something other than white space between its tokens"
        }
        guard lines.lines.compactMap(\.comment) == originalLines.lines.compactMap(\.comment) else {
            return "the formatted text has other comments"
        }
        // Line breaks matter to the grammar in places: every token keeps its line (counting non-blank lines).
        guard lines.lines.map(\.tokens) == originalLines.lines.map(\.tokens) else {
            return "the formatted text breaks lines elsewhere"
        }
        guard SyntaxWalk.shape(of: reparsed.syntax) == SyntaxWalk.shape(of: originalTree) else {
            return "the formatted text has another syntax tree"
        }
        return nil
    }

    /// The 1-based line of the first byte sequence that is not UTF-8, or `nil` when all of it is.
    /// `ppo fmt` leaves such a file alone: writing it back as text would replace those bytes.
    public static func firstLineNotUTF8(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let slice = bytes[start..<end]
            if !String(decoding: slice, as: UTF8.self).utf8.elementsEqual(slice) { return line }
            line += 1
            start = end + 1
        }
        return nil
    }
}
