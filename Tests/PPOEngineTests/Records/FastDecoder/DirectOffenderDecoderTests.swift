import Foundation
import Testing
@testable import PPOEngine

/// The reader's fast path against its careful path: whatever `DirectOffenderDecoder` accepts, the
/// careful path (`JSONParser` then `OffenderDecoder`) must accept too, giving the same `Offender`.
@Suite struct DirectOffenderDecoderTests {
    static let categories = Engine.load(files: ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) })
        .categories

    /// The careful path's offender, or nil when it rejects the line.
    static func careful(_ line: [UInt8], categories: CategoryTable) -> Offender? {
        guard case .success(let value) = JSONParser.parse(line[...]) else { return nil }
        let decoder = OffenderDecoder(categories: categories)
        guard let (fields, id) = try? decoder.header(of: value) else { return nil }
        return try? decoder.decode(fields, id: id, line: 7)
    }

    static func direct(_ line: [UInt8], categories: CategoryTable) -> Offender? {
        line.withUnsafeBufferPointer { DirectOffenderDecoder(categories: categories).decode($0, line: 7) }
    }

    /// Checks one line; returns whether the fast path took it.
    @discardableResult
    static func agree(_ line: [UInt8], categories: CategoryTable = categories,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let fast = direct(line, categories: categories) else { return false }
        let slow = careful(line, categories: categories)
        #expect(slow == fast, "\(String(decoding: line, as: UTF8.self))", sourceLocation: sourceLocation)
        return true
    }

    static let sampleLines: [[UInt8]] = {
        var lines: [[UInt8]] = []
        for name in ["offenders.jsonl", "rejects.jsonl"] {
            let url = ProjectFiles.root.appendingPathComponent("samples/\(name)")
            let data = (try? Data(contentsOf: url)) ?? Data()
            lines += data.split(separator: 0x0A).map { Array($0) }
        }
        let generated = SyntheticPopulation(seed: 11).records(0..<300)
        lines += generated.split(separator: 0x0A).map { Array($0) }
        return lines
    }()

    @Test func takesEveryValidSampleAndGeneratedRecordAndAgrees() {
        var taken = 0
        for line in Self.sampleLines where Self.careful(line, categories: Self.categories) != nil {
            #expect(Self.agree(line), "the fast path declined a plain record: \(String(decoding: line, as: UTF8.self))")
            taken += 1
        }
        #expect(taken >= 340)
    }

    /// Records exercising nulls, empty lists, unknown keys, UTF-8 and elements without ids.
    @Test(arguments: [
        #"{"id":"A","name":null,"dob":null,"flags":[],"offences":[],"ppo":{}}"#,
        #"{"id":"A","name":"Zoë Ångström 🙂","aliases":["Zo"],"area":"Nörth"}"#,
        #"{"id":"A","extra":{"deep":[1,-2.5e3,true,false,null,{"x":"y"}]},"gender":"x","religion":"y"}"#,
        #"{"id":"A","offences":[{"code":"28","date":"2024-02-29"},{"category":"arson","evidence":"suspected","series":null}]}"#,
        #"{"id":"A","cases":[{"events":[{"type":"charged"},{"id":"E2","scheduled":true}]},{"id":"K2"}]}"#,
        #"{"id":"A","intelligence":[{"source":3,"assessment":"E","handling":"C"},{}],"drug_tests":[{"result":"positive"}]}"#,
        #"{"id":"A","assessments":[{"score":-0.5},{"score":112},{"score":3.1415926}],"custody":[{"released":false}]}"#,
        #" { "id" : "A" , "court" : [ { "attended" : null } ] } "#,
        "{\"id\":\"A\",\t\"bail\":[{\"conditions\":[\"a\",\"b\"]}],\r\"warrants\":[{\"issued\":\"2026-01-01\"}]}",
    ])
    func agreesOnUnusualButValidRecords(_ text: String) {
        #expect(Self.agree(Array(text.utf8)), "the fast path declined \(text)")
    }

    /// Forms the fast path leaves to the careful one (which may still accept them).
    @Test(arguments: [
        #"{"id":"A\u0042"}"#,
        #"{"id":"A","name":"Quote \" inside"}"#,
        #"{"id":"A","intelligence":[{"source":2.0}]}"#,
        #"{"id":"A","assessments":[{"score":1e2}]}"#,
    ])
    func leavesRareFormsToTheCarefulPath(_ text: String) {
        #expect(Self.direct(Array(text.utf8), categories: Self.categories) == nil)
        #expect(Self.careful(Array(text.utf8), categories: Self.categories) != nil)
    }

    /// Every reject in the reader's table is declined by the fast path.
    @Test func declinesEveryRejectTheCarefulPathRejects() throws {
        let url = ProjectFiles.root.appendingPathComponent("Tests/PPOEngineTests/Records/Reading/RecordReaderTests.swift")
        let source = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        // The table's lines are raw strings `#"…"#` starting with `{` or `[` or `"`.
        var lines: [String] = []
        var rest = source[...]
        while let open = rest.range(of: "(#\"") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "\"#, ") else { break }
            lines.append(String(after[..<close.lowerBound]))
            rest = after[close.upperBound...]
        }
        #expect(lines.count > 40)
        for line in lines {
            let bytes = Array(line.utf8)
            if Self.careful(bytes, categories: RecordFixtures.categories) == nil {
                #expect(Self.direct(bytes, categories: RecordFixtures.categories) == nil, "\(line)")
            }
        }
    }

    /// Random damage to real records: the fast path may decline anything, but never accept a line the
    /// careful path rejects, nor read one differently.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomMutations(seed: UInt64) {
        var rng = PPOEngine.SplitMix64(seed: seed)
        let alphabet = Array(#"{}[],:" \0-19eE.tfnul"#.utf8) + [0x80, 0xC3, 0xA9, 0xED, 0xF4, 0x5C, 0x09, 0x7F]
        let base = Self.sampleLines
        for _ in 0..<3_000 {
            var line = base[rng.below(base.count)]
            for _ in 0..<(1 + rng.below(3)) where !line.isEmpty {
                let at = rng.below(line.count)
                switch rng.below(4) {
                case 0: line.remove(at: at)
                case 1: line.insert(alphabet[rng.below(alphabet.count)], at: at)
                case 2: line[at] = alphabet[rng.below(alphabet.count)]
                default:
                    let end = min(line.count, at + 1 + rng.below(40))
                    line.insert(contentsOf: line[at..<end], at: at)
                }
            }
            Self.agree(line)
        }
    }

    /// Checking case files without building them (a matrix that never reads them) accepts exactly the
    /// lines that building them accepts, and gives the same offender but for its cases.
    @Test(arguments: [5, 6, 7] as [UInt64])
    func caseFilesCheckedNotBuiltAcceptWhatBuildingAccepts(seed: UInt64) {
        var rng = PPOEngine.SplitMix64(seed: seed)
        let alphabet = Array(#"{}[],:" \0-19eE.tfnul"#.utf8) + [0x80, 0xC3, 0xA9, 0x5C, 0x09]
        let building = DirectOffenderDecoder(categories: Self.categories)
        let checking = DirectOffenderDecoder(categories: Self.categories, buildsCases: false)
        let withCases = Self.sampleLines.filter { String(decoding: $0, as: UTF8.self).contains("\"cases\"") }
        #expect(withCases.count > 100)
        var accepted = 0, declined = 0
        for round in 0..<4_000 {
            var line = withCases[rng.below(withCases.count)]
            // Mostly damage inside the case files, from their key to the end of the record.
            let text = String(decoding: line, as: UTF8.self)
            let casesStart = text.utf8.count - (text.components(separatedBy: "\"cases\"").last?.utf8.count ?? 0)
            if round > 0 {
                for _ in 0..<(1 + rng.below(2)) where line.count > casesStart {
                    let at = rng.below(5) == 0 ? rng.below(line.count) : casesStart + rng.below(line.count - casesStart)
                    switch rng.below(3) {
                    case 0: line.remove(at: at)
                    case 1: line.insert(alphabet[rng.below(alphabet.count)], at: at)
                    default: line[at] = alphabet[rng.below(alphabet.count)]
                    }
                }
            }
            let built = line.withUnsafeBufferPointer { building.decode($0, line: 7) }
            let checked = line.withUnsafeBufferPointer { checking.decode($0, line: 7) }
            #expect((built == nil) == (checked == nil), "\(String(decoding: line, as: UTF8.self))")
            if var built, let checked {
                built.cases = []
                #expect(built == checked)
                accepted += 1
            } else {
                declined += 1
            }
        }
        // Both kinds of line were exercised.
        #expect(accepted > 100 && declined > 100, "accepted \(accepted), declined \(declined)")
    }

    @Test func figure3NeverReadsCaseFilesButAMatrixCountingThemDoes() throws {
        let shipped = ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) }
        let figure3 = try #require(Engine.load(files: shipped).matrix(named: "Prolific Offender Prioritisation"))
        #expect(!figure3.readsCases)
        let cases = SourceFile(path: "cases.ppo", text: """
            matrix "Open cases"
              factor "Cases" = 5 when any(cases where count(events) > 2)
            end
            """)
        let rules = Engine.load(files: shipped.filter { $0.path.hasSuffix("categories.ppo") } + [cases])
        #expect(!rules.hasErrors, "\(rules.diagnostics)")
        #expect(try #require(rules.matrix(named: "Open cases")).readsCases)
    }
}
