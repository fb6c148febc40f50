import Foundation
import Testing
@testable import PPOEngine

@Suite struct RecordReaderTests {
    /// One case per reject reason. Line 1 is always a valid record `A-1`, so each case's line is line 2.
    @Test(arguments: [
        // Not JSON, not an object, no usable id, a repeated id
        (#"{"id": "B-2", "dob": "1990-01-01""#, #"not valid JSON: expected ',' or '}' after object member at column 34"#),
        (#"{"id": "B-2",, "dob": "1990-01-01"}"#, #"not valid JSON: expected '"' to start an object key, found ',' at column 14"#),
        (#"["B-2"]"#, "not a JSON object: found a list"),
        (#""B-2""#, "not a JSON object: found a string"),
        (#"{"name": "Ann Example"}"#, #"record has no "id""#),
        (#"{"id": null}"#, #"record has no "id""#),
        (#"{"id": 7}"#, #""id" must be a non-empty string, found a number"#),
        (#"{"id": ""}"#, #""id" must be a non-empty string, found an empty string"#),
        (#"{"id": "A-1", "name": "Second Example"}"#, #"duplicate id "A-1" (first seen on line 1)"#),
        (#"{"id": "B-2", "dob": "1990-01-01", "dob": "1991-01-01"}"#, #"key "dob" appears more than once"#),
        // Dates, in every dated field
        (#"{"id": "B-2", "dob": "2025-02-29"}"#, #"dob: impossible date "2025-02-29""#),
        (#"{"id": "B-2", "dob": "29/02/2024"}"#, #"dob: malformed date "29/02/2024" (expected YYYY-MM-DD)"#),
        (#"{"id": "B-2", "dob": "2024-2-29"}"#, #"dob: malformed date "2024-2-29" (expected YYYY-MM-DD)"#),
        (#"{"id": "B-2", "dob": 19900101}"#, #"dob: expected a date "YYYY-MM-DD", found a number"#),
        (#"{"id": "B-2", "ppo": {"status": "adopted", "since": "2026-04-31"}}"#, #"ppo.since: impossible date "2026-04-31""#),
        (#"{"id": "B-2", "offences": [{"code": "34"}, {"code": "34", "date": "2025-02-29"}]}"#, #"offences[2].date: impossible date "2025-02-29""#),
        (#"{"id": "B-2", "offences": [{"code": "34", "convicted_on": "2026-13-01"}]}"#, #"offences[1].convicted_on: impossible date "2026-13-01""#),
        (#"{"id": "B-2", "intelligence": [{"date": "yesterday"}]}"#, #"intelligence[1].date: malformed date "yesterday" (expected YYYY-MM-DD)"#),
        (#"{"id": "B-2", "arrests": [{"date": "2026-00-10"}]}"#, #"arrests[1].date: impossible date "2026-00-10""#),
        (#"{"id": "B-2", "drug_tests": [{"date": "2026-11-31"}]}"#, #"drug_tests[1].date: impossible date "2026-11-31""#),
        (#"{"id": "B-2", "assessments": [{"date": "2026-11-1"}]}"#, #"assessments[1].date: malformed date "2026-11-1" (expected YYYY-MM-DD)"#),
        (#"{"id": "B-2", "custody": [{"received": "2026-01-05", "hdc_eligibility": "2026-02-30"}]}"#, #"custody[1].hdc_eligibility: impossible date "2026-02-30""#),
        (#"{"id": "B-2", "custody": [{"release": "1900-02-29"}]}"#, #"custody[1].release: impossible date "1900-02-29""#),
        (#"{"id": "B-2", "bail": [{"granted": "2026-10-04", "report_on": "2026-06-31"}]}"#, #"bail[1].report_on: impossible date "2026-06-31""#),
        (#"{"id": "B-2", "court": [{}, {"date": "2026-12-32"}]}"#, #"court[2].date: impossible date "2026-12-32""#),
        (#"{"id": "B-2", "warrants": [{"issued": "2026-11-10", "executed": "0000-01-01"}]}"#, #"warrants[1].executed: impossible date "0000-01-01""#),
        (#"{"id": "B-2", "cases": [{"events": [{"date": "2026-10-21"}, {"date": "21-10-2026"}]}]}"#, #"cases[1].events[2].date: malformed date "21-10-2026" (expected YYYY-MM-DD)"#),
        // Offence categories
        (#"{"id": "B-2", "offences": [{"category": "burglary_dweling"}]}"#, #"offences[1]: unknown offence category "burglary_dweling" (did you mean "burglary_dwelling"?)"#),
        (#"{"id": "B-2", "offences": [{"category": "arson", "code": "34"}]}"#, #"offences[1]: unknown offence category "arson""#),
        (#"{"id": "B-2", "offences": [{"code": "34"}, {"code": "28/1"}, {"code": "99"}]}"#, #"offences[3]: no category, and code "99" maps to none"#),
        (#"{"id": "B-2", "offences": [{"id": "OF-1", "date": "2026-01-01"}]}"#, "offences[1]: no category and no code"),
        // Known fields of the wrong JSON type
        (#"{"id": "B-2", "offences": {}}"#, "offences: expected a list, found an object"),
        (#"{"id": "B-2", "offences": [{"code": "34", "series": "yes"}]}"#, "offences[1].series: expected true or false, found a string"),
        (#"{"id": "B-2", "offences": [{"code": "34", "finalised": 1}]}"#, "offences[1].finalised: expected true or false, found a number"),
        (#"{"id": "B-2", "offences": ["burglary_dwelling"]}"#, "offences[1]: expected an object, found a string"),
        (#"{"id": "B-2", "offences": [{"code": 34}]}"#, "offences[1].code: expected a string, found a number"),
        (#"{"id": "B-2", "offences": [{"id": 1, "code": "34"}]}"#, "offences[1].id: expected a string, found a number"),
        (#"{"id": "B-2", "offences": [{"id": "", "code": "34"}]}"#, "offences[1].id: must not be empty"),
        (#"{"id": "B-2", "offences": [{"code": "34", "aggravating": "elderly_victim"}]}"#, "offences[1].aggravating: expected a list, found a string"),
        (#"{"id": "B-2", "name": 5}"#, "name: expected a string, found a number"),
        (#"{"id": "B-2", "aliases": "Bob"}"#, "aliases: expected a list, found a string"),
        (#"{"id": "B-2", "flags": ["employed", true]}"#, "flags[2]: expected a string, found true/false"),
        (#"{"id": "B-2", "ppo": "adopted"}"#, "ppo: expected an object, found a string"),
        (#"{"id": "B-2", "custody": [{"released": "no"}]}"#, "custody[1].released: expected true or false, found a string"),
        (#"{"id": "B-2", "court": [{"attended": "yes"}]}"#, "court[1].attended: expected true or false, found a string"),
        (#"{"id": "B-2", "bail": [{"conditions": [["curfew"]]}]}"#, "bail[1].conditions[1]: expected a string, found a list"),
        (#"{"id": "B-2", "assessments": [{"score": "high"}]}"#, "assessments[1].score: expected a number, found a string"),
        (#"{"id": "B-2", "assessments": [{"score": 1e39}]}"#, "assessments[1].score: number 1e39 is out of range"),
        (#"{"id": "B-2", "cases": [{"offences": "OF-1"}]}"#, "cases[1].offences: expected a list, found a string"),
        (#"{"id": "B-2", "cases": [{"events": [{"scheduled": "true"}]}]}"#, "cases[1].events[1].scheduled: expected true or false, found a string"),
        (#"{"id": "B-2", "cases": [{"events": [{"id": "EV-1", "date": "2026-01-01", "date": "2026-01-02"}]}]}"#, #"cases[1].events[1]: key "date" appears more than once"#),
        (#"{"id": "B-2", "intelligence": [{"source": "1"}]}"#, "intelligence[1].source: expected a number, found a string"),
        // Unknown values of enumerated fields
        (#"{"id": "B-2", "impact": "huge"}"#, #"impact: unknown value "huge" (expected serious, moderate or slight)"#),
        (#"{"id": "B-2", "ppo": {"status": "adoptd"}}"#, #"ppo.status: unknown value "adoptd" (did you mean "adopted"?)"#),
        (#"{"id": "B-2", "offences": [{"code": "34", "evidence": "convictd"}]}"#, #"offences[1].evidence: unknown value "convictd" (did you mean "convicted"?)"#),
        (#"{"id": "B-2", "intelligence": [{"assessment": "F"}]}"#, #"intelligence[1].assessment: unknown value "F" (expected A, B, C, D or E)"#),
        (#"{"id": "B-2", "intelligence": [{"assessment": "b"}]}"#, #"intelligence[1].assessment: unknown value "b" (expected A, B, C, D or E)"#),
        (#"{"id": "B-2", "intelligence": [{"handling": "X"}]}"#, #"intelligence[1].handling: unknown value "X" (expected P or C)"#),
        (#"{"id": "B-2", "intelligence": [{"source": 4}]}"#, "intelligence[1].source: unknown value 4 (expected 1, 2 or 3)"),
        (#"{"id": "B-2", "intelligence": [{"source": 1.5}]}"#, "intelligence[1].source: unknown value 1.5 (expected 1, 2 or 3)"),
        (#"{"id": "B-2", "drug_tests": [{"result": "pos"}]}"#, #"drug_tests[1].result: unknown value "pos" (expected positive or negative)"#),
    ])
    func rejects(line: String, reason: String) {
        let text = #"{"id": "A-1"}"# + "\n" + line + "\n"
        let batch = RecordFixtures.read(text)
        #expect(batch.offenders.map(\.id) == ["A-1"])
        #expect(batch.rejected.map(\.rendered) == ["data.jsonl:2: \(reason)"])
        #expect(batch.rejected.map(\.bytes) == [Array(line.utf8)])
    }

    @Test func validRecordsAfterARejectAreStillRead() {
        let text = """
        {"id": "A-1"}
        {"id": "A-2", "dob": "2025-02-29"}
        not json at all

        {"id": "A-3", "offences": [{"code": "34"}]}
        {"id": "A-2"}
        {"id": "A-4"}
        """
        let batch = RecordFixtures.read(text)
        #expect(batch.offenders.map(\.id) == ["A-1", "A-3", "A-4"])
        #expect(batch.offenders.map(\.line) == [1, 5, 7])
        // A-2 on line 2 was rejected, but it still claimed its id: line 6 repeats it.
        #expect(batch.rejected.map(\.rendered) == [
            #"data.jsonl:2: dob: impossible date "2025-02-29""#,
            "data.jsonl:3: not valid JSON: invalid literal: expected true, false or null at column 1",
            #"data.jsonl:6: duplicate id "A-2" (first seen on line 2)"#,
        ])
    }

    @Test func streamsOutcomesInFileOrder() {
        let text = "{\"id\": \"A-1\"}\n[]\n{\"id\": \"A-2\"}\n"
        var seen: [String] = []
        let digest = RecordFixtures.reader().forEach(bytes: Array(text.utf8), path: "data.jsonl") { outcome in
            switch outcome {
            case .offender(let offender): seen.append(offender.id)
            case .rejected(let record): seen.append("rejected line \(record.line)")
            }
        }
        #expect(seen == ["A-1", "rejected line 2", "A-2"])
        #expect(digest == SHA256.hex(of: Array(text.utf8)))
    }

    @Test func crlfLineEndings() {
        let text = "{\"id\": \"A-1\"}\r\n\r\n{\"id\": \"A-2\", \"dob\": \"1990-02-30\"}\r\n{\"id\": \"A-3\"}\r\n"
        let batch = RecordFixtures.read(text)
        #expect(batch.offenders.map(\.id) == ["A-1", "A-3"])
        #expect(batch.offenders.map(\.line) == [1, 4])
        #expect(batch.rejected.map(\.rendered) == [#"data.jsonl:3: dob: impossible date "1990-02-30""#])
        // The rejected line keeps its carriage return: only the line feed is the file's own.
        #expect(batch.rejected.map(\.bytes) == [Array(#"{"id": "A-2", "dob": "1990-02-30"}"#.utf8) + [0x0D]])
    }

    @Test(arguments: ["{\"id\": \"A-1\"}\n{\"id\": \"A-2\"}", "{\"id\": \"A-1\"}\r\n{\"id\": \"A-2\"}", "{\"id\": \"A-1\"}\n{\"id\": \"A-2\"}\r"])
    func lastLineWithoutNewline(text: String) {
        let batch = RecordFixtures.read(text)
        #expect(batch.offenders.map(\.id) == ["A-1", "A-2"])
        #expect(batch.rejected.isEmpty)
    }

    @Test func blankAndWhitespaceOnlyLinesAreSkippedButCounted() {
        let batch = RecordFixtures.read("\n   \n\t\r\n{\"id\": \"A-1\"}\n\n")
        #expect(batch.offenders.map(\.line) == [4])
        #expect(batch.rejected.isEmpty)
        #expect(RecordFixtures.read("").offenders.isEmpty)
    }

    @Test func byteOrderMarkAtTheStartIsIgnored() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"id\": \"A-1\"}\n".utf8)
        let batch = RecordFixtures.reader().read(bytes: bytes, path: "data.jsonl")
        #expect(batch.offenders.map(\.id) == ["A-1"])
        #expect(batch.digest == SHA256.hex(of: bytes))
    }

    @Test func rejectedTextIsTheLineAsWritten() {
        let line = #"  {"id": "A-1",   "impact": "Serious"}  "#
        let batch = RecordFixtures.read(line + "\n")
        #expect(batch.rejected.map(\.bytes) == [Array(line.utf8)])
        #expect(batch.rejected.map(\.reason) == [#"impact: unknown value "Serious" (did you mean "serious"?)"#])
    }

    /// Lines longer than the chunk, lines ending exactly on a chunk boundary, and CRLF split across
    /// chunks all read the same as one big chunk.
    @Test func chunkBoundariesDoNotChangeTheResult() {
        let long = #"{"id": "L-1", "flags": ["# + (1...200).map { "\"flag\($0)\"" }.joined(separator: ", ") + "]}"
        let text = "{\"id\": \"A-1\"}\r\n" + long + "\n\n{\"id\": \"A-2\", \"dob\": \"2025-02-29\"}\r\n" + long
            + "\n{\"id\": \"A-3\"}"
        let expected = RecordFixtures.read(text)
        #expect(expected.offenders.map(\.id) == ["A-1", "L-1", "A-3"])
        #expect(expected.offenders.map { $0.flags.count } == [0, 200, 0])
        #expect(expected.rejected.map(\.rendered) == [
            #"data.jsonl:4: dob: impossible date "2025-02-29""#,
            #"data.jsonl:5: duplicate id "L-1" (first seen on line 2)"#,
        ])
        #expect(text.utf8.count > 2000)
        for chunkSize in [1, 2, 3, 7, 13, 15, 16, 64, 1000, 1023] {
            let batch = RecordFixtures.read(text, chunkSize: chunkSize)
            #expect(batch.offenders == expected.offenders, "chunk size \(chunkSize)")
            #expect(batch.rejected == expected.rejected, "chunk size \(chunkSize)")
            #expect(batch.digest == expected.digest, "chunk size \(chunkSize)")
        }
        #expect(expected.digest == SHA256.hex(of: Array(text.utf8)))
    }

    @Test func readsAFileInChunks() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppo-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("offenders.jsonl")
        let long = #"{"id": "L-1", "aliases": ["# + (1...100).map { "\"Alias \($0)\"" }.joined(separator: ", ") + "]}"
        let text = "{\"id\": \"A-1\"}\n" + long + "\n{\"id\": 3}\n{\"id\": \"A-2\"}"
        try Data(text.utf8).write(to: url)

        for chunkSize in [5, 64, 1 << 20] {
            let batch = try RecordFixtures.reader(chunkSize: chunkSize).read(path: url.path)
            #expect(batch.offenders.map(\.id) == ["A-1", "L-1", "A-2"])
            #expect(batch.offenders.map { $0.aliases.count } == [0, 100, 0])
            #expect(batch.rejected.map(\.rendered) == ["\(url.path):3: \"id\" must be a non-empty string, found a number"])
            #expect(batch.digest == SHA256.hex(of: Array(text.utf8)))
        }
        let fromMemory = RecordFixtures.reader().read(bytes: Array(text.utf8), path: url.path)
        let fromFile = try RecordFixtures.reader().read(path: url.path)
        #expect(fromMemory.offenders == fromFile.offenders)
        #expect(fromMemory.rejected == fromFile.rejected)
    }

    @Test func aMissingFileIsAReadError() {
        let path = "/nonexistent-ppo-dir/offenders.jsonl"
        do {
            _ = try RecordFixtures.reader().read(path: path)
            Issue.record("expected a ReadError")
        } catch let error as ReadError {
            #expect(error.path == path)
            #expect(error.reason == "No such file or directory")
            #expect(error.description == "cannot read \(path): No such file or directory")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aDirectoryIsAReadError() throws {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: ReadError.self) { try RecordFixtures.reader().read(path: path) }
    }
}
