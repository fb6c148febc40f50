import Testing
@testable import PPOEngine

/// The parser never traps and never hangs, and a broken file always gets at least one diagnostic.
@Suite struct ParserRobustnessTests {
    typealias S = SyntaxTestSupport

    /// Every SPEC example plus the syntax they leave out, in one realistic file.
    static let realistic = SpecExamples.combined + """

        # Local additions
        categories
          shoplifting, criminal_damage
          series
        end

        matrix "Northtown"
          window 12 months
          offences
            shoplifting "Shoplifting" 2
            series -1
          end
          factor "Age" = if age < 18 then -2 else 0
          factor "Tool" = match latest(assessments).tool
            oasys -> 2
            "ogrs" -> 1
            -1 -> 0
            true -> 3
            missing -> 0
          end
          factor "Drugs" = 2 * count(drug_tests where result = positive within 6 months)
          weighting "Local" on each category
            shoplifting 1.5
          end
        end

        alerts "Braces"
          alert "Literal"
            message "{{not a hole}} for {name} ({age}) on {today}"
          end
        end

        test "Negatives"
          alerts "Daily tasking"
          as of 2026-11-22
          data "samples/daily.jsonl"
          previous "samples/yesterday.jsonl"
          expect "NT-0001" not recommended
          expect "NT-0002" ineligible
          expect "NT-0003" tie at capacity
          expect "NT-0004" no alert "Release from prison within 28 days"
          expect "NT-0005" status met "MG6 case file in all PPO cases"
        end

        """

    @Test func realisticSourceIsClean() {
        let (syntax, diagnostics, source) = S.parse(Self.realistic)
        #expect(diagnostics.isEmpty, "\(S.render(diagnostics, in: source))")
        #expect(syntax.blocks.count == 10)
    }

    /// Cutting the file anywhere gives diagnostics exactly when the cut falls inside a block.
    @Test(.timeLimit(.minutes(2)))
    func everyTruncation() {
        let bytes = Array(Self.realistic.utf8)
        let (syntax, _, _) = S.parse(Self.realistic)
        let blockEnds = [0] + syntax.blocks.map { Self.range(of: $0).end }
        for length in 0...bytes.count {
            let text = String(decoding: bytes[0..<length], as: UTF8.self)
            let (_, diagnostics, source) = S.parse(text)
            Self.checkRanges(diagnostics, in: source)
            let lastEnd = blockEnds.last { $0 <= length } ?? 0
            let tail = String(decoding: bytes[lastEnd..<length], as: UTF8.self)
            let complete = Self.isBlankOrComment(tail)
            if complete != diagnostics.isEmpty {
                let context = String(text.suffix(60))
                Issue.record("prefix of \(length) bytes: complete=\(complete) but \(diagnostics.count) diagnostics\n…\(context)\n\(S.render(diagnostics, in: source))")
                return
            }
        }
    }

    /// A stray character placed before any token is always reported, wherever it lands.
    @Test(.timeLimit(.minutes(2)))
    func strayCharacterBeforeAnyToken() {
        let source = SourceFile(path: "t", text: Self.realistic)
        let tokens = Lexer.tokenize(source, fileIndex: 0).tokens
        var random = SplitMix64(seed: 7)
        let strays = Array("@$;?%^&|~`".utf8)
        for _ in 0..<400 {
            let token = tokens[Int(random.next() % UInt64(tokens.count))]
            var bytes = source.utf8
            bytes.insert(strays[Int(random.next() % UInt64(strays.count))], at: token.range.start)
            let (_, diagnostics, mutated) = S.parse(String(decoding: bytes, as: UTF8.self))
            Self.checkRanges(diagnostics, in: mutated)
            #expect(diagnostics.contains { $0.id == .unexpectedCharacter })
        }
    }

    /// Random byte edits (replace, insert, delete, duplicate, swap lines) never trap or hang.
    @Test(.timeLimit(.minutes(2)), arguments: [1, 2, 3, 4])
    func randomMutations(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let original = Array(Self.realistic.utf8)
        for _ in 0..<250 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 4)) {
                Self.mutate(&bytes, &random)
            }
            let (_, diagnostics, source) = S.parse(String(decoding: bytes, as: UTF8.self))
            Self.checkRanges(diagnostics, in: source)
        }
    }

    /// Random bytes and random token soups (the parser's real adversary) never trap or hang.
    @Test(.timeLimit(.minutes(2)))
    func randomInput() {
        var random = SplitMix64(seed: 42)
        let vocabulary = Parser.blockKeywords + Parser.matrixClauses + Parser.ruleClauses + Parser.alertClauses
            + Parser.testClauses + Parser.expectationWords + Array(Parser.Session.reservedWords)
            + ["band", "match", "series", "on", "main", "each", "category", "otherwise", "counts", "group", "code",
               "before", "after", "at", "least", "unless", "of", "next", "this", "month", "days", "working",
               "x", "count", "(", ")", "[", "]", ",", ".", "=", "!=", "<", "<=", ">", ">=", "->", "+", "-", "*",
               "/", "{", "}", "3", "0.5", "2026-11-22", "\"s\"", "\"{a}\"", "\"{\"", "\n", "\n", "\n", "#c\n"]
        for round in 0..<600 {
            let text: String
            if round % 3 == 0 {
                let count = Int(random.next() % 300)
                text = String(decoding: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, as: UTF8.self)
            } else {
                let count = Int(random.next() % 120)
                text = (0..<count).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
                    .joined(separator: " ")
            }
            let (_, diagnostics, source) = S.parse(text)
            Self.checkRanges(diagnostics, in: source)
            _ = Parser.parseExpression(source, fileIndex: 0)
        }
    }

    @Test(arguments: [
        "matrix",
        "matrix \"M\"",
        "matrix \"M\" end end",
        "matrix \"M\" capacity end",
        "matrix \"M\" factor \"F\" = end",
        "matrix \"M\" factor \"F\" = band x end",
        "matrix \"M\" factor \"F\" = band x >= 1 -> end",
        "matrix \"M\" tiers \"High\" end end",
        "matrix \"M\" offences x end end",
        "categories a b end",
        "categories group = a end",
        "calendar end",
        "calendar c holiday \"x\" end",
        "checklist \"C\" rule \"R\" require a after b end end",
        "checklist \"C\" rule \"R\" forbid a end end",
        "alerts \"A\" alert \"B\" message x end end",
        "alerts \"A\" alert \"B\" message \"{\" end end",
        "test \"T\" as 2026-11-22 end",
        "test \"T\" expect \"X\" end",
        "test \"T\" expect \"X\" tie capacity end",
        "x",
        "\"",
        "#",
        "end",
        "matrix \"M\" eligible when (a end",
        "matrix \"M\" eligible when a b end",
    ])
    func brokenFilesAlwaysGetADiagnostic(text: String) {
        let (_, diagnostics, source) = S.parse(text)
        if text == "#" {
            #expect(diagnostics.isEmpty)
        } else {
            #expect(!diagnostics.isEmpty, "no diagnostic for: \(text)")
        }
        Self.checkRanges(diagnostics, in: source)
    }

    // MARK: helpers

    static func checkRanges(_ diagnostics: [Diagnostic], in source: SourceFile, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let count = source.utf8.count
        for diagnostic in diagnostics {
            guard let range = diagnostic.range else { continue }
            #expect(range.start >= 0 && range.start <= range.end && range.end <= count,
                    "range \(range) outside a \(count)-byte file: \(diagnostic.message)", sourceLocation: sourceLocation)
            #expect(!diagnostic.message.isEmpty, sourceLocation: sourceLocation)
        }
    }

    static func isBlankOrComment(_ text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { line in
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return code.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
        }
    }

    static func range(of block: Block) -> SourceRange {
        switch block {
        case .categories(let b): return b.range
        case .matrix(let b): return b.range
        case .calendar(let b): return b.range
        case .checklist(let b): return b.range
        case .alerts(let b): return b.range
        case .scheme(let b): return b.range
        case .test(let b): return b.range
        }
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
        let byte = UInt8(truncatingIfNeeded: random.next())
        switch random.next() % 5 {
        case 0 where !bytes.isEmpty:
            bytes[position] = byte
        case 1:
            bytes.insert(byte, at: position)
        case 2 where !bytes.isEmpty:
            bytes.remove(at: position)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int(random.next() % 40))
            bytes.insert(contentsOf: Array(bytes[position..<end]), at: position)
        default:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            guard lines.count > 1 else { return }
            let a = Int(random.next() % UInt64(lines.count)), b = Int(random.next() % UInt64(lines.count))
            lines.swapAt(a, b)
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
    }
}

/// A small seeded generator so every failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
