/// Splits an alert message into text and `{expression}` holes, each hole parsed with its real range.
///
/// `{{` and `}}` are literal braces. An unclosed `{`, a lone `}`, an empty hole or a hole that is not
/// one well-formed expression is an `invalid-interpolation` error.
enum MessageTemplateParser {
    /// Parses the message of a string token; its escapes were already checked by the lexer.
    static func parse(_ token: Token, source: SourceFile, fileIndex: Int) -> (MessageTemplate, [Diagnostic]) {
        let (bytes, offsets) = unescapedContent(of: token, in: source)
        var parts: [MessageTemplate.Part] = []
        var diagnostics: [Diagnostic] = []
        var text: [UInt8] = []

        func flushText() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        func range(_ start: Int, _ end: Int) -> SourceRange {
            SourceRange(file: fileIndex, start: offsets[start], end: offsets[end])
        }

        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == open, i + 1 < bytes.count, bytes[i + 1] == open {
                text.append(open)
                i += 2
            } else if c == close, i + 1 < bytes.count, bytes[i + 1] == close {
                text.append(close)
                i += 2
            } else if c == close {
                diagnostics.append(.error(.invalidInterpolation, "a single '}' in a message must be written '}}'",
                                          at: range(i, i + 1), suggestion: "}}"))
                text.append(close)
                i += 1
            } else if c == open {
                guard let end = closingBrace(in: bytes, after: i) else {
                    // Up to the next `{` (or the end) the text stays literal, so one slip is one error.
                    let resume = nextOpenBrace(in: bytes, after: i) ?? bytes.count
                    diagnostics.append(.error(.invalidInterpolation,
                                              "unclosed '{' in a message: close the hole with '}' or write '{{' for a brace",
                                              at: range(i, i + 1)))
                    text.append(contentsOf: bytes[i..<resume])
                    i = resume
                    continue
                }
                flushText()
                let hole = parseHole(bytes: Array(bytes[(i + 1)..<end]), offsets: Array(offsets[(i + 1)...end]),
                                     braces: range(i, end + 1), source: source, fileIndex: fileIndex)
                diagnostics += hole.diagnostics
                if let expression = hole.expression { parts.append(.hole(expression)) }
                i = end + 1
            } else {
                text.append(c)
                i += 1
            }
        }
        flushText()
        return (MessageTemplate(parts: parts, range: token.range), diagnostics)
    }

    /// Parses the text between `{` and `}` as exactly one expression.
    static func parseHole(bytes: [UInt8], offsets: [Int], braces: SourceRange, source: SourceFile,
                          fileIndex: Int) -> (expression: Expression?, diagnostics: [Diagnostic]) {
        let isBlank = bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        if isBlank {
            return (nil, [.error(.invalidInterpolation, "empty '{}' in a message: put an expression inside, or write '{{}}' for braces",
                                 at: braces)])
        }
        let lexed = Lexer.tokenize(bytes: bytes, offsets: offsets, fileIndex: fileIndex)
        var session = Parser.Session(source: source, fileIndex: fileIndex, tokens: lexed.tokens)
        session.startDescription = "'{'"
        session.endDescription = "'}'"
        var expression = session.parseExpression(expecting: "a value")
        if expression != nil, !session.atEnd {
            session.unexpected("after the expression: a hole holds one expression")
            expression = nil
        }
        // The first problem in a hole is the one to fix; the rest are usually its echoes.
        let shown = Parser.Session.shortened(String(decoding: bytes, as: UTF8.self))
        let problems = Parser.sortedByPosition(lexed.diagnostics + session.diagnostics)
        let diagnostics = problems.prefix(1).map { inner in
            Diagnostic(.invalidInterpolation, inner.severity, "in the message hole '{\(shown)}': \(inner.message)",
                       at: inner.range, suggestion: inner.suggestion, notes: inner.notes)
        }
        return (diagnostics.isEmpty ? expression : nil, diagnostics)
    }

    /// The index of the `}` that closes the hole opened at `start`, skipping strings inside the hole;
    /// `nil` when another `{` or the end of the message comes first.
    static func closingBrace(in bytes: [UInt8], after start: Int) -> Int? {
        var i = start + 1
        var inString = false
        while i < bytes.count {
            let c = bytes[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "}") {
                return i
            } else if c == UInt8(ascii: "{") {
                return nil
            }
            i += 1
        }
        return nil
    }

    static func nextOpenBrace(in bytes: [UInt8], after start: Int) -> Int? {
        bytes[(start + 1)...].firstIndex(of: UInt8(ascii: "{"))
    }

    /// The string's content with `\"` and `\\` resolved, and the file offset of each resulting byte
    /// (plus one final offset just past the content).
    static func unescapedContent(of token: Token, in source: SourceFile) -> ([UInt8], [Int]) {
        let all = source.utf8
        let start = max(0, min(token.range.start + 1, all.count))
        let limit = max(start, min(token.range.end, all.count))
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var i = start
        while i < limit {
            let c = all[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\"), i + 1 < limit, all[i + 1] == UInt8(ascii: "\"") || all[i + 1] == UInt8(ascii: "\\") {
                bytes.append(all[i + 1])
                offsets.append(i)
                i += 2
                continue
            }
            bytes.append(c)
            offsets.append(i)
            i += 1
        }
        offsets.append(i)
        return (bytes, offsets)
    }
}
