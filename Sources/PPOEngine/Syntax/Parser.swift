/// Builds the syntax tree of a `.ppo` file, reporting every syntax error it finds.
///
/// Keywords are identifiers recognised by position. Recovery is line-aware: after an error the parser
/// skips to the next line that starts a clause (or to `end`), so one slip costs one diagnostic.
public enum Parser {
    /// Parses a whole file. Never traps; every problem is a diagnostic, sorted by position.
    public static func parse(_ source: SourceFile, fileIndex: Int) -> (syntax: SyntaxFile, diagnostics: [Diagnostic]) {
        let lexed = Lexer.tokenize(source, fileIndex: fileIndex)
        var session = Session(source: source, fileIndex: fileIndex, tokens: lexed.tokens)
        let blocks = session.parseFile()
        let diagnostics = sortedByPosition(lexed.diagnostics + session.diagnostics)
        return (SyntaxFile(file: fileIndex, blocks: blocks), diagnostics)
    }

    /// Parses one expression from a whole source (used by tests and tools).
    public static func parseExpression(_ source: SourceFile, fileIndex: Int) -> (expression: Expression?, diagnostics: [Diagnostic]) {
        let lexed = Lexer.tokenize(source, fileIndex: fileIndex)
        var session = Session(source: source, fileIndex: fileIndex, tokens: lexed.tokens)
        var expression = session.parseExpression()
        if expression != nil, !session.atEnd {
            session.unexpected("after the expression")
            expression = nil
        }
        return (expression, sortedByPosition(lexed.diagnostics + session.diagnostics))
    }

    /// Lexer and parser diagnostics interleaved in source order (stable for equal positions).
    static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let x = a.element.range?.start ?? -1, y = b.element.range?.start ?? -1
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// Words that open a top-level block.
    static let blockKeywords = ["categories", "matrix", "calendar", "checklist", "alerts", "scheme", "test"]
}

extension Parser {
    /// The parser's state over one token list: a cursor, the diagnostics so far, and recovery helpers.
    struct Session {
        let source: SourceFile
        let fileIndex: Int
        let tokens: [Token]
        /// Whether each token is the first on its line (recovery and clause boundaries use it).
        let firstOnLine: [Bool]
        var position = 0
        var diagnostics: [Diagnostic] = []
        /// Set by syntax errors that leave the cursor somewhere unknown; the block loop then recovers.
        var failed = false
        /// Index of the token the last error pointed at, so recovery can step over it.
        var lastErrorIndex = -1
        /// How deep expression parsing has recursed, and the depth of the last expression parsed.
        var nesting = 0
        var expressionDepth = 0
        /// Clause words of the enclosing block: at the start of a line they end an expression.
        var stopWords: Set<String> = []
        /// The `limit`s of the checklist being parsed, by name.
        var checklistLimits: [String: PPODuration] = [:]
        /// How to name the position before the first token and at the last one.
        var startDescription = "the start of the file"
        var endDescription = "the end of the file"

        init(source: SourceFile, fileIndex: Int, tokens: [Token]) {
            self.source = source
            self.fileIndex = fileIndex
            var list = tokens
            if list.last?.kind != .endOfFile {
                let end = list.last?.range.end ?? 0
                list.append(Token(kind: .endOfFile, range: SourceRange(file: fileIndex, start: end, end: end)))
            }
            self.tokens = list
            let bytes = source.utf8
            var firsts: [Bool] = []
            firsts.reserveCapacity(list.count)
            for (i, token) in list.enumerated() {
                guard i > 0 else { firsts.append(true); continue }
                let lower = max(0, min(list[i - 1].range.end, bytes.count))
                let upper = max(lower, min(token.range.start, bytes.count))
                firsts.append(bytes[lower..<upper].contains(UInt8(ascii: "\n")))
            }
            self.firstOnLine = firsts
        }

        // MARK: cursor

        var current: Token { token(at: position) }
        var atEnd: Bool { current.kind == .endOfFile }

        func token(at index: Int) -> Token { tokens[max(0, min(index, tokens.count - 1))] }
        func peek(_ offset: Int) -> Token { token(at: position + offset) }
        var previous: Token? { position > 0 ? token(at: position - 1) : nil }

        /// Consumes the current token; never moves past the end of the file.
        @discardableResult
        mutating func advance() -> Token {
            let token = current
            if position < tokens.count - 1 { position += 1 }
            return token
        }

        func startsLine(_ index: Int) -> Bool {
            firstOnLine.indices.contains(index) ? firstOnLine[index] : true
        }
        var currentStartsLine: Bool { startsLine(position) || atEnd }

        /// Byte column (0-based) of a token, used to match `end` with the block it closes.
        func column(of token: Token) -> Int {
            let bytes = source.utf8
            var i = max(0, min(token.range.start, bytes.count))
            var column = 0
            while i > 0, bytes[i - 1] != UInt8(ascii: "\n") { i -= 1; column += 1 }
            return column
        }

        func line(of token: Token) -> Int { source.location(of: token.range.start).line }

        func isWord(_ word: String) -> Bool { current.isWord(word) }
        func isStringToken(_ token: Token) -> Bool {
            if case .string = token.kind { return true }
            return false
        }
        func isPunctuation(_ text: String) -> Bool { current.isPunctuation(text) }

        /// Consumes the current token if it is the given word.
        mutating func accept(word: String) -> Token? {
            isWord(word) ? advance() : nil
        }

        mutating func accept(punctuation: String) -> Token? {
            isPunctuation(punctuation) ? advance() : nil
        }

        // MARK: describing tokens for messages

        func text(of token: Token) -> String { source.slice(token.range) }

        /// A token as an analyst would recognise it: `'end'`, `"High"`, `the end of the file`.
        func describe(_ token: Token) -> String {
            switch token.kind {
            case .endOfFile:
                return endDescription
            case .string:
                return Session.shortened(text(of: token))
            default:
                return "'\(Session.shortened(text(of: token)))'"
            }
        }

        static func shortened(_ text: String) -> String {
            let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text
            return firstLine.count > 40 ? String(firstLine.prefix(39)) + "…" : firstLine
        }

        // MARK: reporting

        mutating func report(_ id: DiagnosticID, _ message: String, at range: SourceRange,
                             suggestion: String? = nil, notes: [String] = []) {
            diagnostics.append(.error(id, message, at: range, suggestion: suggestion, notes: notes))
        }

        /// Reports that `what` was expected at the cursor. When the cursor is on a new line (or at the
        /// end), the error points at the token the missing piece should follow instead.
        mutating func expected(_ what: String, id: DiagnosticID = .expectedToken,
                               suggestion: String? = nil, notes: [String] = []) {
            let found = current
            var message = "expected \(what)"
            if let previous {
                message += " after \(describe(previous))"
            } else {
                message += " at \(startDescription)"
            }
            let onNewLine = position > 0 && currentStartsLine
            if onNewLine, let previous {
                if found.kind == .endOfFile { message += ", found \(endDescription)" }
                report(id, message, at: previous.range, suggestion: suggestion, notes: notes)
                lastErrorIndex = position - 1
            } else {
                message += ", found \(describe(found))"
                report(id, message, at: found.range, suggestion: suggestion, notes: notes)
                lastErrorIndex = position
            }
            failed = true
        }

        /// Reports the current token as out of place (`context` says where, e.g. "after the expression").
        mutating func unexpected(_ context: String) {
            let token = current
            report(.expectedToken, "unexpected \(describe(token)) \(context)", at: token.range)
            lastErrorIndex = position
            failed = true
        }

        // MARK: expecting simple tokens

        @discardableResult
        mutating func expect(punctuation: String) -> Token? {
            if let token = accept(punctuation: punctuation) { return token }
            expected("'\(punctuation)'")
            return nil
        }

        @discardableResult
        mutating func expect(word: String) -> Token? {
            if let token = accept(word: word) { return token }
            expected("'\(word)'")
            return nil
        }

        mutating func expectString(_ what: String) -> StringLiteral? {
            if case .string(let value) = current.kind {
                return StringLiteral(value, advance().range)
            }
            expected(what)
            return nil
        }

        /// An identifier that is not one of the words reserved by expressions.
        mutating func expectName(_ what: String) -> Name? {
            if let word = current.identifier, !Session.reservedWords.contains(word) {
                return Name(word, advance().range)
            }
            expected(what)
            return nil
        }

        mutating func expectDate(_ what: String) -> DateLiteral? {
            if case .date(let day) = current.kind {
                return DateLiteral(day, advance().range)
            }
            expected(what)
            return nil
        }

        /// A number with an optional leading minus folded into its value.
        mutating func expectNumber(_ what: String) -> NumberLiteral? {
            if case .number(let value) = current.kind {
                return NumberLiteral(value, advance().range)
            }
            if isPunctuation("-"), case .number(let value) = peek(1).kind, let negated = value.negated {
                let minus = advance()
                let number = advance()
                return NumberLiteral(negated, minus.range.to(number.range))
            }
            expected(what)
            return nil
        }

        /// A whole, non-negative number such as a capacity or a rank.
        mutating func expectCount(_ what: String) -> NumberLiteral? {
            guard let number = expectNumber("a whole number for \(what)") else { return nil }
            if number.value.wholeValue == nil || number.value < .zero {
                report(.invalidNumber, "\(what) must be a whole number, not \(number.value)", at: number.range)
            }
            return number
        }

        /// Comma-separated names; a trailing comma may continue the list on the next line.
        mutating func expectNames(_ what: String) -> [Name] {
            guard let first = expectName(what) else { return [] }
            var names = [first]
            while accept(punctuation: ",") != nil {
                guard let next = expectName(what) else { break }
                names.append(next)
            }
            return names
        }

        // MARK: recovery

        /// Steps over the token an error was just reported at, so recovery makes progress; an `end` is
        /// kept, since it still closes the block or section it belongs to.
        mutating func skipErrorToken() {
            if position == lastErrorIndex, !atEnd, !isWord("end") { advance() }
        }

        /// Recovery inside a section of rows or arms: the next line, or `end`.
        mutating func recoverToNextLine() {
            skipErrorToken()
            while !atEnd, !currentStartsLine, !isWord("end") { advance() }
            failed = false
        }

        /// True when the token at `index` starts a line and looks like the header of a top-level block,
        /// which ends whatever block is open (its `end` is missing).
        func looksLikeBlockStart(_ index: Int) -> Bool {
            let token = token(at: index)
            guard let word = token.identifier, startsLine(index), Parser.blockKeywords.contains(word) else { return false }
            let next = self.token(at: index + 1)
            switch word {
            case "categories":
                return next.kind == .endOfFile || startsLine(index + 1)
            case "calendar":
                return next.identifier != nil && !startsLine(index + 1)
            default:
                if case .string = next.kind { return true }
                return false
            }
        }

        /// Words that can never be a bare value in an expression (docs/language.md).
        static let reservedWords: Set<String> = [
            "and", "or", "not", "in", "within", "where", "then", "else", "end", "if",
            "missing", "present", "true", "false", "today",
        ]
    }
}
