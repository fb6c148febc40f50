import Foundation
import Testing

/// A value from data quoted in a message or a table cell is escaped (docs/decisions.md), so it can
/// neither split a line nor pass for another message; JSON and CSV keep it exact.
@Suite(.tags(.engine)) struct EscapedValuesTests {
    @Test func valuesWithNewlinesGiveOneLineMessagesAndRows() throws {
        let project = try Fixtures.project()
        try project.write("in.jsonl", #"{"id": "AB-1", "name": "Ann\nExample", "dob": "1990-01-01"}"# + "\n" + #"{"id": "AB-1"}"# + "\n"
                          + #"{"id": "C", "dob": "1990-01-01\u001b[2J\u202e"}"# + "\n" + #"{"id": "A\nB"}"# + "\n")
        let result = try project.ppo("score", "--matrix", "Northtown PPO", "--data", "in.jsonl", "--as-of", "2026-11-22",
                                     "--format", "table")
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr == #"""
            in.jsonl:2: duplicate id "AB-1" (first seen on line 1)
            in.jsonl:3: dob: malformed date "1990-01-01\u{1B}[2J\u{202E}" (expected YYYY-MM-DD)
            in.jsonl:4: "id" must not hold a control character (U+000A)
            3 records rejected

            """#, "\(result)")
        // One table row for the offender, its name escaped.
        let rows = result.stdout.split(separator: "\n").filter { $0.contains("Ann") }
        #expect(rows == [#"   1  AB-1  Ann\nExample      0  Low   yes"#], "\(result)")
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func jsonAndCsvKeepValuesExact() throws {
        let project = try Fixtures.project()
        try project.write("in.jsonl", #"{"id": "A,B", "name": "Ann\tEx\nample", "dob": "1990-01-01"}"# + "\n")
        let json = try project.ppo("score", "--matrix", "Northtown PPO", "--data", "in.jsonl", "--as-of", "2026-11-22",
                                   "--format", "json")
        #expect(json.stdout.contains(#""id": "A,B""#), "\(json)")
        #expect(json.stdout.contains(#""name": "Ann\tEx\nample""#), "\(json)")
        let csv = try project.ppo("score", "--matrix", "Northtown PPO", "--data", "in.jsonl", "--as-of", "2026-11-22",
                                  "--format", "csv")
        #expect(csv.stdout.contains("\"A,B\",\"Ann\tEx\nample\",0"), "\(csv)")
    }

    @Test func dataWarningsQuoteValuesEscaped() throws {
        let project = try CaseFixtures.project()
        try project.write("in.jsonl", #"{"id": "P1", "ppo": {"status": "adopted"}, "cases": [{"id": "K\n1", "events": [{"id": "E\r1", "type": "odd\ntype", "date": "2026-11-02"}, {"id": "E\u00852", "date": "2026-11-02"}]}]}"# + "\n")
        let result = try project.ppo("breaches", "--checklist", "Test Premium Service", "--data", "in.jsonl",
                                     "--as-of", "2026-11-23", "--format", "json")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == #"""
            in.jsonl:1: warning: case K\n1: event E\u{85}2 has no type; checklists ignore it
            in.jsonl:1: warning: event type 'odd\ntype' is not declared by any checklist (1 event, first here)

            """#, "\(result)")
    }
}
