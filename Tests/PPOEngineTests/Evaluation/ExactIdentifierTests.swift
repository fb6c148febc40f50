import Testing
@testable import PPOEngine

/// Identifiers from data compare by their exact UTF-8 bytes everywhere (docs/decisions.md,
/// "Identifiers"): ids that Swift's `==` calls equal (é precomposed and decomposed, the Kelvin
/// sign and K) are different ids to the reader, the ranking, categories and codes, `in`, event
/// types, `changed()` and the matrix results alerts read.
@Suite struct ExactIdentifierTests {
    /// `é` precomposed (C3 A9) and decomposed (65 CC 81), and the same two as JSON escapes.
    static let nfc = "\u{E9}", nfd = "e\u{301}"

    static func bytes(_ ids: [String]) -> [[UInt8]] { ids.map { Array($0.utf8) } }

    /// Two records whose ids differ in their bytes are two offenders, on both decoding paths (raw
    /// UTF-8 goes the fast way, `\u` escapes the careful way) and in both readers; the same bytes
    /// twice are a duplicate, however they are written.
    @Test(arguments: [
        (#""\u00e9""#, #""e\u0301""#, false),
        ("\"\u{E9}\"", "\"e\u{301}\"", false),
        ("\"\u{E9}\"", #""e\u0301""#, false),
        (#""\u212a9""#, #""K9""#, false),
        (#""Q 1""#, #""Q  1""#, false),
        (#""nt-1""#, #""NT-1""#, false),
        (#""\u00e9""#, "\"\u{E9}\"", true),
        (#""e\u0301""#, "\"e\u{301}\"", true),
        (#""Q\u002d1""#, #""Q-1""#, true),
    ])
    func idsAreTheirBytes(first: String, second: String, duplicate: Bool) throws {
        let matrix = try Fixture.matrix("""
        matrix "M"
          offences
            shoplifting 2
          end
        end
        """)
        let record = { (id: String) in
            #"{"id": \#(id), "offences": [{"category": "shoplifting", "date": "2026-01-01", "evidence": "convicted"}]}"#
        }
        let data = record(first) + "\n" + record(second) + "\n"
        let batch = RecordReader(categories: matrix.categories).read(bytes: Array(data.utf8), path: "d.jsonl")
        #expect(batch.offenders.count == (duplicate ? 1 : 2))
        #expect(batch.rejected.map(\.line) == (duplicate ? [2] : []))
        if duplicate { #expect(batch.rejected.first?.reason.hasPrefix("duplicate id") == true) }

        let day = try #require(Day(iso: "2026-11-22"))
        for threads in [1, 2] {
            let packed = ParallelRanker(matrix: matrix, categories: matrix.categories, asOf: day, threads: threads)
                .rank(bytes: Array(data.utf8), path: "d.jsonl", rulesDigest: "")
            #expect(packed.count == (duplicate ? 1 : 2))
            #expect(packed.rejected.map(\.line) == (duplicate ? [2] : []))
        }
    }

    /// Offenders tied on score and latest offence are ranked by the bytes of their ids: e + ◌́
    /// (65 …) before f (66) before é (C3 …). Swift's `<` would put f first and call the others equal.
    @Test func tiesAreBrokenByIdBytes() throws {
        let matrix = try Fixture.matrix("""
        matrix "M"
          offences
            shoplifting 2
          end
        end
        """)
        let data = ["\u{E9}", "f", "e\u{301}"].map { id in
            #"{"id": "\#(id)", "offences": [{"category": "shoplifting", "date": "2026-01-01", "evidence": "convicted"}]}"#
        }.joined(separator: "\n")
        let day = try #require(Day(iso: "2026-11-22"))
        let offenders = try Fixture.offenders(data)
        let expected = Self.bytes(["e\u{301}", "f", "\u{E9}"])
        let ranking = matrix.rank(offenders, asOf: day, rulesDigest: "", dataDigest: "", rejected: [])
        #expect(Self.bytes(ranking.offenders.map(\.id)) == expected)
        for threads in [1, 2] {
            let packed = ParallelRanker(matrix: matrix, categories: matrix.categories, asOf: day, threads: threads)
                .rank(bytes: Array(data.utf8), path: "d.jsonl", rulesDigest: "")
            #expect(Self.bytes(packed.ranking(withLines: false).offenders.map(\.id)) == expected)
            // `explain` finds the offender by its bytes.
            let explained = packed.explaining("e\u{301}")
            #expect(explained.offenders.first { ExactText.same($0.id, "e\u{301}") }?.lines.isEmpty == false)
            #expect(explained.offenders.first { ExactText.same($0.id, "\u{E9}") }?.lines.isEmpty == true)
        }
    }

    static let categories = """
    categories
      Kidnap, shoplifting
      code "Caf\u{E9}" -> shoplifting
    end
    """

    /// Categories and codes from data are looked up by their bytes, on both decoding paths.
    @Test(arguments: [
        (#""category": "\u212Aidnap""#, #"offences[1]: unknown offence category "\#u{212A}idnap" (did you mean "Kidnap"?)"#),
        ("\"category\": \"\u{212A}idnap\"", #"offences[1]: unknown offence category "\#u{212A}idnap" (did you mean "Kidnap"?)"#),
        (#""code": "Cafe\u0301""#, #"offences[1]: no category, and code "Cafe\#u{301}" maps to none"#),
        ("\"code\": \"Cafe\u{301}\"", #"offences[1]: no category, and code "Cafe\#u{301}" maps to none"#),
        (#""category": "Kidnap""#, nil),
        (#""code": "Caf\u00e9""#, nil),
        ("\"code\": \"Caf\u{E9}\"", nil),
    ] as [(String, String?)])
    func categoriesAndCodesAreTheirBytes(field: String, reason: String?) {
        let rules = Engine.load(files: [SourceFile(path: "c.ppo", text: Self.categories)])
        let line = #"{"id": "A", "offences": [{\#(field), "date": "2026-01-01"}]}"#
        let batch = RecordReader(categories: rules.categories).read(bytes: Array(line.utf8), path: "d.jsonl")
        #expect(batch.rejected.map(\.reason) == (reason.map { [$0] } ?? []))
        #expect(batch.offenders.count == (reason == nil ? 1 : 0))
    }

    /// `"x" in flags`, `field = "x"` and `in [..]` hold only for the same bytes.
    @Test func stringTestsAreByBytes() throws {
        let rules = Fixture.rules("""
        matrix "M"
          offences
            shoplifting 2
          end
          factor "Flag" = 10 when "Kelvin" in flags
          factor "Area" = 100 when area = "Caf\u{E9}"
          factor "Aggravated" = 1000 * count(offences where "Caf\u{E9}" in aggravating)
          factor "Code" = 10000 when any(offences where code in ["Caf\u{E9}"])
        end
        """)
        let matrix = try #require(rules.matrix(named: "M"))
        let data = [
            #"{"id": "same", "area": "Caf\u00e9", "flags": ["Kelvin"], "offences": [{"category": "shoplifting", "code": "Caf\u00e9", "aggravating": ["Caf\u00e9"], "evidence": "convicted"}]}"#,
            #"{"id": "other", "area": "Cafe\u0301", "flags": ["\u212Aelvin"], "offences": [{"category": "shoplifting", "code": "Cafe\u0301", "aggravating": ["Cafe\u0301"], "evidence": "convicted"}]}"#,
        ].joined(separator: "\n")
        let day = try #require(Day(iso: "2026-11-22"))
        let scores = try Fixture.offenders(data, rules: rules).map { offender in
            (offender.id, matrix.score(offender, asOf: day).total)
        }
        #expect(scores.map(\.0) == ["same", "other"])
        #expect(scores.map(\.1) == ["11112", "2"])
    }

    /// The general evaluator's comparisons (and `changed()`'s `Value` equality) are by bytes too,
    /// and strings order by their bytes.
    @Test(arguments: [
        (Value.string(nfc), Value.string(nfd), false),
        (Value.string("K"), Value.string("\u{212A}"), false),
        (Value.string("Q-1"), Value.string("Q-1\u{0}"), false),
        (Value.string(nfc), Value.string("\u{E9}"), true),
        (Value.strings([nfc, "K"]), Value.strings([nfd, "K"]), false),
        (Value.strings([nfc, "K"]), Value.strings(["\u{E9}", "K"]), true),
    ])
    func valuesAreEqualByBytes(a: Value, b: Value, equal: Bool) {
        #expect((a == b) == equal)
        #expect(Set([a, b]).count == (equal ? 1 : 2))
        if case .string = a {
            #expect(ExpressionPlanner.compare(.equal, a, b) == equal)
            #expect(ExpressionPlanner.compare(.notEqual, a, b) == !equal)
        }
    }

    @Test func stringsOrderByBytes() {
        #expect(ExpressionPlanner.compare(.less, .string(Self.nfd), .string("f")))
        #expect(ExpressionPlanner.compare(.less, .string("f"), .string(Self.nfc)))
        #expect(ExpressionPlanner.compare(.greater, .string(Self.nfc), .string(Self.nfd)))
        #expect(!ExpressionPlanner.compare(.lessOrEqual, .string(Self.nfc), .string(Self.nfd)))
    }

    /// A checklist's event types match the data's by their bytes; a type that only looks like a
    /// declared one is undeclared, and warned about.
    @Test func eventTypesAreTheirBytes() throws {
        let rules = Fixture.rules("""
        checklist "PS"
          for all
          events K_charged, mg6
          rule "MG6"
            owner police
            require mg6 within 5 days after K_charged
          end
        end
        """)
        let data = #"{"id": "A", "cases": [{"id": "C1", "events": [{"id": "E1", "type": "\u212A_charged", "date": "2026-11-01"}]}]}"#
        let offenders = try Fixture.offenders(data, rules: rules)
        let day = try #require(Day(iso: "2026-11-23"))
        let report = try #require(rules.breaches(checklist: "PS", offenders: offenders, asOf: day, dataPath: "d.jsonl",
                                                 dataDigest: "", rejected: []))
        #expect(report.results.map(\.status) == [.notApplicable])
        #expect(report.warnings.map(\.message) == [
            "event type '\u{212A}_charged' is not declared by any checklist (1 event, first here); did you mean 'K_charged'?",
        ])
        // A checklist asked for by name is found by its bytes too.
        #expect(rules.breaches(checklist: "P\u{0}S", offenders: offenders, asOf: day, dataPath: "d", dataDigest: "",
                               rejected: []) == nil)
    }

    /// `changed()` compares each offender with the previous snapshot of the same bytes, and the
    /// matrix results alerts read are each offender's own.
    @Test func alertsMatchOffendersByTheirBytes() throws {
        let custody = { (place: String) in #""custody": [{"id": "C1", "establishment": "\#(place)", "received": "2026-01-01"}]"# }
        let current = [
            #"{"id": "\u00e9", "ppo": {"status": "candidate"}, \#(custody("HMP A")), "offences": [{"category": "assault", "date": "2026-10-01", "evidence": "convicted"}]}"#,
            #"{"id": "e\u0301", "ppo": {"status": "candidate"}, \#(custody("HMP A")), "offences": [{"category": "shoplifting", "date": "2026-10-01", "evidence": "convicted"}]}"#,
        ].joined(separator: "\n")
        let previous = [
            #"{"id": "\u00e9", \#(custody("HMP A"))}"#,
            #"{"id": "e\u0301", \#(custody("HMP B"))}"#,
        ].joined(separator: "\n")
        let rules = AlertsTests.rules
        let day = try #require(Day(iso: "2026-11-23"))
        let report = rules.alerts(blocks: nil, offenders: try Fixture.offenders(current, rules: rules),
                                  previous: try Fixture.offenders(previous, rules: rules), asOf: day,
                                  dataDigest: "", previousDigest: "", rejected: [])
        let raised = report.results.map { ($0.alert, Array($0.offender.utf8)) }
        #expect(raised.filter { $0.0 == "Prison details changed" }.map(\.1) == Self.bytes([Self.nfd]))
        #expect(raised.filter { $0.0 == "Candidate for adoption" }.map(\.1) == Self.bytes([Self.nfc]))
    }
}
