import Testing
@testable import PPOEngine

@Suite struct LexerTests {
    func lex(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic], source: SourceFile) {
        let source = SourceFile(path: "lex", text: text)
        let (tokens, diagnostics) = Lexer.tokenize(source, fileIndex: 3)
        return (tokens, diagnostics, source)
    }

    func show(_ token: Token) -> String {
        switch token.kind {
        case .identifier(let name): return "id:\(name)"
        case .number(let value): return "num:\(value)"
        case .string(let value): return "str:\(value)"
        case .date(let day): return "date:\(day)"
        case .punctuation(let p): return p
        case .endOfFile: return "eof"
        }
    }

    @Test(arguments: [
        ("matrix \"X\" # comment\nend", ["id:matrix", "str:X", "id:end", "eof"]),
        ("a_1 B2 _c", ["id:a_1", "id:B2", "id:_c", "eof"]),
        ("4 0.5 12.250", ["num:4", "num:0.5", "num:12.25", "eof"]),
        ("3.x", ["num:3", ".", "id:x", "eof"]),
        ("2026-11-22", ["date:2026-11-22", "eof"]),
        ("2026 - 11", ["num:2026", "-", "num:11", "eof"]),
        ("a-1", ["id:a", "-", "num:1", "eof"]),
        ("( ) [ ] , . = != < <= > >= -> + - * / { }",
         ["(", ")", "[", "]", ",", ".", "=", "!=", "<", "<=", ">", ">=", "->", "+", "-", "*", "/", "{", "}", "eof"]),
        ("\"a \\\"b\\\" \\\\ c\"", ["str:a \"b\" \\ c", "eof"]),
        ("\"\"", ["str:", "eof"]),
        ("x\r\ny", ["id:x", "id:y", "eof"]),
        ("", ["eof"]),
        ("# only a comment", ["eof"]),
    ])
    func tokens(text: String, expected: [String]) {
        let (tokens, diagnostics, _) = lex(text)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(show) == expected)
    }

    @Test func rangesAreUTF8OffsetsIntoTheFile() {
        let (tokens, _, source) = lex("# é\n  \"Café\" x")
        #expect(tokens.map(\.range.file) == [3, 3, 3])
        #expect(source.slice(tokens[0].range) == "\"Café\"")
        #expect(tokens[0].range.start == 7)
        #expect(tokens[0].range.end == 14)
        #expect(source.slice(tokens[1].range) == "x")
        #expect(tokens[2].range.start == source.utf8.count)
    }

    @Test(arguments: [
        ("a @ b", DiagnosticID.unexpectedCharacter, "unexpected character '@'", "@"),
        ("a @@$ b", .unexpectedCharacter, "unexpected characters '@@$'", "@@$"),
        ("a \u{00A0}b", .unexpectedCharacter, "unexpected character U+00A0", "\u{00A0}"),
        ("x ! y", .unexpectedCharacter, "unexpected character '!'", "!"),
        ("\"abc", .unterminatedString, "unterminated string: add a closing '\"' before the end of the line", "\"abc"),
        ("\"abc\nx", .unterminatedString, "unterminated string: add a closing '\"' before the end of the line", "\"abc"),
        ("\"a\\nb\"", .invalidEscape, "unknown escape '\\n' in a string: only \\\" and \\\\ are allowed", "\\n"),
        ("2025-02-29", .invalidDate, "2025-02-29 is not a real calendar date", "2025-02-29"),
        ("26-11-22", .invalidDate, "26-11-22 is not a date: write dates as YYYY-MM-DD", "26-11-22"),
        ("99999999999999999999", .invalidNumber, "the number 99999999999999999999 is too large", "99999999999999999999"),
    ])
    func problems(text: String, id: DiagnosticID, message: String, covered: String) {
        let (tokens, diagnostics, source) = lex(text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.id == id)
        #expect(diagnostics.first?.message == message)
        #expect(diagnostics.first.flatMap { $0.range.map(source.slice) } == covered)
        #expect(tokens.last?.kind == .endOfFile)
    }

    @Test func curlyQuotesSuggestStraightOnes() {
        let (_, diagnostics, _) = lex("\u{201C}High\u{201D}")
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.suggestion == "\"" })
    }

    @Test func badTokensStillProducePlaceholders() {
        let (tokens, _, _) = lex("2025-02-29 \"open")
        #expect(tokens.map(show) == ["date:1970-01-01", "str:open", "eof"])
    }
}
