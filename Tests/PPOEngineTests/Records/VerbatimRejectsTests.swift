import Foundation
import Testing
@testable import PPOEngine

/// A rejected record keeps its line's exact bytes (SPEC §3): invalid UTF-8, a byte order mark, a
/// carriage return and NUL bytes included; only the line feed that ends it is the file's own. The
/// sequential reader, the stream and the parallel ranker keep the same bytes.
@Suite struct VerbatimRejectsTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The rejected lines of `input`, as each reader gives them.
    static func rejectedBytes(_ input: [UInt8]) throws -> [[[UInt8]]] {
        let sequential = RecordFixtures.reader().read(bytes: input, path: "data.jsonl").rejected.map(\.bytes)
        var streamed: [[UInt8]] = []
        var stream = RecordStream(categories: RecordFixtures.categories, path: "data.jsonl")
        var start = 0
        while start < input.count {   // three bytes at a time: lines and line ends split across pieces
            let end = min(input.count, start + 3)
            stream.feed(input[start..<end]) { if case .rejected(let r) = $0 { streamed.append(r.bytes) }; _ = $1 }
            start = end
        }
        _ = stream.finish { if case .rejected(let r) = $0 { streamed.append(r.bytes) }; _ = $1 }
        let rules = Fixture.rules("""
            matrix "M"
              offences "C"
                shoplifting 2
              end
            end
            """)
        let matrix = try #require(rules.matrix(named: "M"))
        var parallel: [[[UInt8]]] = []
        for blockSize in [5, 64, 1 << 20] {
            let packed = ParallelRanker(matrix: matrix, categories: rules.categories,
                                        asOf: Day(year: 2026, month: 11, day: 22) ?? Day(ordinal: 0),
                                        threads: 2, blockSize: blockSize)
                .rank(bytes: input, path: "data.jsonl", rulesDigest: "r")
            parallel.append(packed.rejected.map(\.bytes))
        }
        return [sequential, streamed] + parallel
    }

    @Test(arguments: [
        // (input, the rejected lines' bytes, what it shows)
        (bytes(#"{"id": "A-1"}"#) + [0x0A] + bytes(#"{"id": "B"#) + [0xFF, 0xFE] + bytes(#""}"#) + [0x0A],
         [bytes(#"{"id": "B"#) + [0xFF, 0xFE] + bytes(#""}"#)], "invalid UTF-8 is kept, not replaced by U+FFFD"),
        (bom + bytes(#"{"id": 5}"#) + [0x0A] + bytes(#"{"id": "A-1"}"#) + [0x0A],
         [bom + bytes(#"{"id": 5}"#)], "the byte order mark of line 1 is part of its line"),
        (bytes(#"{"id": "A-1"}"#) + [0x0D, 0x0A] + bytes(#"{"id": "A-2", "dob": "x"}"#) + [0x0D, 0x0A],
         [bytes(#"{"id": "A-2", "dob": "x"}"#) + [0x0D]], "a CRLF line keeps its CR"),
        (bytes(#"{"id": "A-1",#) + [0x00] + bytes(#" "x": 1}"#) + [0x0A],
         [bytes(#"{"id": "A-1",#) + [0x00] + bytes(#" "x": 1}"#)], "a NUL byte inside a line"),
        (bytes(#"{"id": "A-1"}"#) + [0x0A] + bytes(#"{"id": "A-1"}"#) + [0x0D],
         [bytes(#"{"id": "A-1"}"#) + [0x0D]], "a last line with a CR and no line feed"),
    ])
    func rejectsAreTheLinesExactBytes(input: [UInt8], expected: [[UInt8]], why: String) throws {
        for found in try Self.rejectedBytes(input) {
            #expect(found == expected, "\(why)")
        }
    }

    /// Accepted lines and rejected lines together are the input's lines (blank lines aside), each
    /// exactly once.
    @Test func acceptedAndRejectedLinesReconstituteTheInput() throws {
        var input = Self.bom + Self.bytes(#"{"id": "A-1"}"#) + [0x0D, 0x0A]
        input += Self.bytes(#"{"id": "A-2", "name": "Ann"#) + [0xC3, 0x28] + Self.bytes(#""}"#) + [0x0A]
        input += Self.bytes("\n   \r\n")
        input += Self.bytes(#"{"id": "A-3", "name": "B\u0000b"}"#) + [0x0A]
        input += Self.bytes(#"{"id": "A-1", "name": "again"}"#) + [0x0D, 0x0A]
        input += Self.bytes(#"{"id": "A-4",#) + [0x00, 0x7F] + Self.bytes(#""dob": "2025-02-29"}"#) + [0x0A]
        input += Self.bytes(#"{"id": "A-5", "dob": "2025-02-29"}"#) + [0x0A]
        input += Self.bytes(#"{"id": "A-6", "offences": [{"code": "34"}]}"#)
        for chunk in [1, 2, 5, 1 << 20] {
            var accepted: [[UInt8]] = [], rejected: [[UInt8]] = []
            var stream = RecordStream(categories: RecordFixtures.categories, path: "data.jsonl")
            func take(_ outcome: RecordOutcome, _ line: RecordLine) {
                switch outcome {
                case .offender: accepted.append(Array(line.bytes))
                case .rejected(let record): rejected.append(record.bytes)
                }
            }
            var start = 0
            while start < input.count {
                let end = min(input.count, start + chunk)
                stream.feed(input[start..<end], take)
                start = end
            }
            _ = stream.finish(take)
            let lines = input.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                .filter { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } }
            #expect(accepted.count == 3 && rejected.count == 4, "chunk \(chunk)")
            #expect((accepted + rejected).sorted { $0.lexicographicallyPrecedes($1) }
                    == lines.sorted { $0.lexicographicallyPrecedes($1) }, "chunk \(chunk)")
        }
    }
}
