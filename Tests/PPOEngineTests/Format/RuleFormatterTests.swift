import Foundation
import Testing
@testable import PPOEngine

/// `RuleFormatter`: the canonical layout is idempotent, independent of the input's white space, never
/// changes meaning, and never refuses or traps on a file that parses.
@Suite struct RuleFormatterTests {
    static func format(_ text: String, path: String = "t.ppo") -> FormatResult {
        RuleFormatter.format(SourceFile(path: path, text: text))
    }

    /// The formatted text, recording an issue when there is none.
    static func formatted(_ text: String, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        switch format(text) {
        case .formatted(let result):
            return result
        case .syntaxErrors(let diagnostics):
            Issue.record("\(what) does not parse: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
        case .unsafe(let reason):
            Issue.record("\(what) was refused: \(reason)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// Every text the property tests start from: the shipped rules, the reference's examples, the
    /// parser's realistic file and the golden tests' messy inputs.
    static var corpus: [(name: String, text: String)] {
        ProjectFiles.shippedRules().map { ($0.path, $0.text) }
            + DocumentedRuleBlocks.all().map { ("docs/language.md:\($0.line)", $0.text) }
            + [("ParserRobustnessTests.realistic", ParserRobustnessTests.realistic)]
            + FormatGoldenTests.cases.map { ("golden \($0.name)", $0.source) }
    }

    // MARK: idempotence and canonical form

    @Test func shippedRulesAreFormatted() {
        let shipped = ProjectFiles.shippedRules()
        #expect(shipped.count >= 7)
        for file in shipped {
            guard let result = Self.formatted(file.text, file.path) else { continue }
            #expect(result == file.text, "\(file.path) is not formatted; run `swift run ppo fmt`:\n\(LineDiff.unified(file.text, result, oldName: file.path, newName: "formatted"))")
        }
    }

    @Test func languageReferenceExamplesAreFormatted() {
        let blocks = DocumentedRuleBlocks.all()
        #expect(blocks.count >= 20)
        for block in blocks {
            guard let result = Self.formatted(block.text, "docs/language.md:\(block.line)") else { continue }
            #expect(result == block.text, "the ppo block at docs/language.md:\(block.line) is not formatted:\n\(LineDiff.unified(block.text, result, oldName: "docs", newName: "formatted"))")
        }
    }

    /// fmt(fmt(x)) == fmt(x) for every text of the corpus, byte for byte.
    @Test func formattingIsIdempotent() {
        for (name, text) in Self.corpus {
            guard let once = Self.formatted(text, name), let twice = Self.formatted(once, "\(name), formatted") else { continue }
            #expect(Array(twice.utf8) == Array(once.utf8),
                    "formatting \(name) twice differs:\n\(LineDiff.unified(once, twice, oldName: "once", newName: "twice"))")
        }
    }

    /// The layout depends on the tokens, comments, line breaks and blank lines only: re-indenting lines,
    /// widening the space between tokens and before comments, trailing white space, more blank lines and
    /// CRLF line ends all give the same result, which is again idempotent.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func whiteSpaceDoesNotMatter(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for (name, text) in Self.corpus {
            guard let expected = Self.formatted(text, name) else { continue }
            let messy = Self.scramble(text, &random)
            guard let result = Self.formatted(messy, "\(name) scrambled with seed \(seed)") else { continue }
            #expect(result == expected,
                    "\(name) scrambled with seed \(seed):\n\(LineDiff.unified(expected, result, oldName: "formatted", newName: "scrambled, formatted"))")
        }
    }

    /// The same file with other white space: tokens and comments stay in order on their lines.
    static func scramble(_ text: String, _ random: inout SplitMix64) -> String {
        let source = SourceFile(path: "s", text: text)
        let tokens = Lexer.tokenize(source, fileIndex: 0).tokens.filter { $0.kind != .endOfFile }
        guard let lines = SourceLines(source: source, tokens: tokens) else { return text }
        let newline = random.next() % 2 == 0 ? "\n" : "\r\n"
        var out = String(repeating: newline, count: Int(random.next() % 3))
        for line in lines.lines {
            if line.blankBefore {
                for _ in 0...(random.next() % 3) { out += (random.next() % 2 == 0 ? "" : " \t") + newline }
            }
            if line.isCommentOnly {
                // Where a comment-only line starts decides whether it hangs under the comment above: keep it.
                out += String(repeating: " ", count: line.commentColumn) + (line.comment ?? "") + newline
                continue
            }
            out += String(repeating: " ", count: Int(random.next() % 9))
            for (position, index) in line.tokens.enumerated() {
                if position > 0 { out += String(repeating: " ", count: 1 + Int(random.next() % 3)) }
                out += lines.texts[index]
            }
            if let comment = line.comment { out += String(repeating: " ", count: 1 + Int(random.next() % 6)) + comment }
            out += String(repeating: " ", count: Int(random.next() % 3)) + newline
        }
        return out
    }

    /// Random edits of a realistic file: whenever the result parses, it is formatted (never refused)
    /// and formatting it again changes nothing.
    @Test(.timeLimit(.minutes(2)), arguments: [11, 12] as [UInt64])
    func everyFileThatParsesIsFormatted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let original = Array(ParserRobustnessTests.realistic.utf8)
        var parsed = 0
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 3)) { ParserRobustnessTests.mutate(&bytes, &random) }
            let text = String(decoding: bytes, as: UTF8.self)
            switch Self.format(text) {
            case .syntaxErrors:
                continue
            case .unsafe(let reason):
                Issue.record("refused a file that parses (\(reason)):\n\(text)")
            case .formatted(let once):
                parsed += 1
                #expect(Self.formatted(once, "a mutation, formatted") == once, "not idempotent:\n\(text)")
            }
        }
        #expect(parsed > 10)
    }

    // MARK: meaning

    /// The shipped rules, scrambled and formatted, have the syntax trees they had (positions aside) and
    /// load without a diagnostic.
    @Test func formattedRulesMeanTheSame() throws {
        var random = SplitMix64(seed: 99)
        var formatted: [SourceFile] = []
        for file in ProjectFiles.shippedRules() {
            let text = try Self.format(Self.scramble(file.text, &random)).text()
            let before = Parser.parse(SourceFile(path: file.path, text: file.text), fileIndex: 0).syntax
            let after = Parser.parse(SourceFile(path: file.path, text: text), fileIndex: 0).syntax
            #expect(SyntaxWalk.shape(of: after) == SyntaxWalk.shape(of: before), "\(file.path)")
            formatted.append(SourceFile(path: file.path, text: text))
        }
        let loaded = Engine.load(files: formatted)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test func theCheckRefusesWhatChangesMeaning() throws {
        let text = "matrix \"M\"\n  factor \"F\" = 1 - 2\n  capacity 3\nend\n"
        let source = SourceFile(path: "m.ppo", text: text)
        let parsed = Parser.parse(source, fileIndex: 0)
        let tokens = Lexer.tokenize(source, fileIndex: 0).tokens.filter { $0.kind != .endOfFile }
        let lines = try #require(SourceLines(source: source, tokens: tokens))
        func difference(_ other: String) -> String? {
            RuleFormatter.difference(between: source, and: other, originalLines: lines, originalTree: parsed.syntax)
        }
        #expect(difference(text) == nil)
        #expect(difference("matrix \"M\"\n    factor \"F\"  =  1 -2  # new\n  capacity 3\nend\n")
                == "the formatted text has other comments")
        #expect(difference("matrix \"M\"\n  factor \"F\" = 1 - 3\n  capacity 3\nend\n") == "the formatted text has other tokens")
        #expect(difference("matrix \"M\"\n  factor \"F\" = 1 - 2 capacity 3\nend\n") == "the formatted text breaks lines elsewhere")
        #expect(difference("matrix \"M\"\n  factor \"F\" = 1 -\nend\n")?.hasPrefix("the formatted text does not parse") == true)
    }

    @Test func aFileThatDoesNotParseIsNotFormatted() {
        let text = "matrix \"M\"\n  windw 3 years\nend\n"
        guard case .syntaxErrors(let diagnostics) = Self.format(text) else {
            Issue.record("formatted a file with a syntax error")
            return
        }
        #expect(diagnostics == Parser.parse(SourceFile(path: "t.ppo", text: text), fileIndex: 0).diagnostics)
        #expect(diagnostics.first?.id == .unknownClause)
    }

    // MARK: layout details

    @Test func minusIsSpacedOnlyWhenItSubtracts() {
        let text = "matrix \"M\"\n  factor \"A\" = 3 -2\n  factor \"B\" = - 2 * -count(offences)\n"
            + "  factor \"C\" = match impact\n    -1 -> - 3\n  end\n  offences\n    shoplifting - 1 series -2\n  end\nend\n"
        #expect(Self.formatted(text, "minus") == """
            matrix "M"
              factor "A" = 3 - 2
              factor "B" = -2 * -count(offences)
              factor "C" = match impact
                -1 -> -3
              end
              offences
                shoplifting -1 series -2
              end
            end

            """)
    }

    @Test func callsKeepTheirParenthesesAndKeywordsTheirSpace() {
        let text = "matrix \"M\"\n  eligible when not(age >= 10) and count (offences)>=1 and(impact = serious)\n"
            + "  factor \"F\" = band(count(offences))\n    >= 1 -> 1\n  end\nend\n"
        #expect(Self.formatted(text, "calls") == """
            matrix "M"
              eligible when not (age >= 10) and count(offences) >= 1 and (impact = serious)
              factor "F" = band (count(offences))
                >= 1 -> 1
              end
            end

            """)
    }

    @Test func emptyAndCommentOnlyFiles() {
        #expect(Self.formatted("", "empty") == "")
        #expect(Self.formatted("\n\n \t\r\n", "blank") == "")
        #expect(Self.formatted("\n\n   # only a comment   \r\n\n\n# and another\n\n", "comments") == "# only a comment\n\n# and another\n")
    }

    @Test func emptySectionsPairWithTheirEnd() {
        let text = "matrix \"M\"\ntiers\nend\noffences\nend\nfactor \"F\" = band 1\nend\nend\nchecklist \"C\"\nrule \"R\"\nend\nend\n"
        #expect(Self.formatted(text, "empty sections") == """
            matrix "M"
              tiers
              end
              offences
              end
              factor "F" = band 1
              end
            end
            checklist "C"
              rule "R"
              end
            end

            """)
    }

    @Test func aLoneCarriageReturnIsSpaceNotALineBreak() {
        #expect(Self.formatted("matrix \"M\"\r  capacity 2\rend\r\n", "lone CR") == "matrix \"M\" capacity 2 end\n")
    }

    @Test func wideCharactersAlignByDisplayWidth() {
        let text = "matrix \"M\"\n  tiers\n    \"高\" >= 10\n    \"Low\" otherwise\n  end\nend\n"
        #expect(Self.formatted(text, "wide") == """
            matrix "M"
              tiers
                "高"  >= 10
                "Low" otherwise
              end
            end

            """)
    }

    @Test func firstLineNotUTF8() {
        #expect(RuleFormatter.firstLineNotUTF8(Array("a\nb\n".utf8)) == nil)
        #expect(RuleFormatter.firstLineNotUTF8(Array("a\nb".utf8) + [0xFF] + Array("\nc".utf8)) == 2)
        #expect(RuleFormatter.firstLineNotUTF8([0xE2, 0x82]) == 1)
        #expect(RuleFormatter.firstLineNotUTF8(Array("\u{FFFD}\n".utf8)) == nil)
    }

    @Test(.timeLimit(.minutes(2)))
    func hostileInputIsRefusedOrFormattedWithoutTrapping() {
        let wide = "categories\n  " + (0..<20_000).map { "c\($0)" }.joined(separator: " ,") + "\nend\n"
        guard case .formatted(let text) = Self.format(wide) else {
            Issue.record("a long row was not formatted")
            return
        }
        #expect(text.hasPrefix("categories\n  c0, c1, c2"))
        let hostile = [
            ("parentheses", String(repeating: "(", count: 20_000) + "a" + String(repeating: ")", count: 20_000)),
            ("not", String(repeating: "not ", count: 20_000) + "a"),
            ("member chain", "a" + String(repeating: ".b", count: 20_000)),
        ]
        for (name, expression) in hostile {
            let file = "matrix \"M\"\n  eligible when \(expression)\nend\n"
            guard case .syntaxErrors = Self.format(file) else {
                Issue.record("\(name): hostile nesting was not refused")
                continue
            }
        }
        let nul = Self.format("matrix \"M\" # \0\nend\n")
        #expect(nul == .formatted("matrix \"M\"  # \0\nend\n"))
        let longComment = "# " + String(repeating: "é", count: 200_000) + "\n"
        #expect(Self.format(longComment) == .formatted(longComment))
    }
}

extension FormatResult {
    /// The formatted text, or an error naming what happened instead.
    func text() throws -> String {
        if case .formatted(let text) = self { return text }
        throw FormatTestError.notFormatted("\(self)")
    }
}

enum FormatTestError: Error { case notFormatted(String) }

/// The rule blocks (```` ```ppo ````) of docs/language.md, with the line each starts on; a block named
/// by a `$ ppo fmt` line of a console block is left out: it is there to show what formatting changes.
enum DocumentedRuleBlocks {
    static func all() -> [(line: Int, text: String)] {
        let url = ProjectFiles.root.appendingPathComponent("docs/language.md")
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let formattedInConsole = Set(lines.filter { $0.hasPrefix("$ ppo fmt ") }
            .flatMap { $0.split(separator: " ").filter { $0.hasSuffix(".ppo") }.map(String.init) })
        var blocks: [(Int, String)] = []
        var index = 0
        while index < lines.count {
            if lines[index].hasPrefix("```ppo") {
                let name = lines[index].split(separator: " ").dropFirst().first.map(String.init)
                let start = index + 1
                var body: [Substring] = []
                index += 1
                while index < lines.count, !lines[index].hasPrefix("```") {
                    body.append(lines[index])
                    index += 1
                }
                if name.map(formattedInConsole.contains) != true {
                    blocks.append((start + 1, body.joined(separator: "\n") + "\n"))
                }
            }
            index += 1
        }
        return blocks
    }
}

/// `LineDiff`: what `ppo fmt --diff` prints.
@Suite struct LineDiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(LineDiff.unified("a\nb\n", "a\nb\n", oldName: "x", newName: "y") == "")
    }

    @Test func changesFarApartAreSeparateHunksWithThreeLinesOfContext() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 2\n", with: "line two\n")
            .replacingOccurrences(of: "line 18\n", with: "")
        #expect(LineDiff.unified(old, new, oldName: "old", newName: "new") == """
            --- old
            +++ new
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -15,6 +15,5 @@
             line 15
             line 16
             line 17
            -line 18
             line 19
             line 20

            """)
    }

    @Test func crlfLinesAreLinesAndInsertionsAtTheStartNameLineZero() {
        #expect(LineDiff.unified("a\r\nb\r\n", "a\nb\n", oldName: "o", newName: "n")
                == "--- o\n+++ n\n@@ -1,2 +1,2 @@\n-a\r\n-b\r\n+a\n+b\n")
        #expect(LineDiff.unified("b\n", "a\nb\n", oldName: "o", newName: "n") == "--- o\n+++ n\n@@ -1 +1,2 @@\n+a\n b\n")
        #expect(LineDiff.unified("", "a\n", oldName: "o", newName: "n") == "--- o\n+++ n\n@@ -0,0 +1 @@\n+a\n")
    }
}
