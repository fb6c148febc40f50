import Testing
@testable import PPOEngine

/// An id a person cannot tell from another is rejected with its reason (docs/records.md, "The id"),
/// on both decoding paths: raw UTF-8 goes the fast way, `\u` escapes the careful way.
@Suite struct OffenderIDRuleTests {
    static let cases: [(note: String, json: String, reason: String?)] = [
        ("plain", #""NT-0001""#, nil),
        ("inner space", #""NT 0001""#, nil),
        ("non-ASCII letters", "\"\u{C9}lodie-7\"", nil),
        ("decomposed accent", #""e\u0301-1""#, nil),
        ("blank", #""   ""#, "\"id\" must not be blank"),
        ("blank no-break space", #""\u00a0""#, "\"id\" must not be blank"),
        ("leading space", #"" NT-1""#, "\"id\" must not begin or end with a space"),
        ("trailing space", #""NT-1 ""#, "\"id\" must not begin or end with a space"),
        ("trailing tab", #""NT-1\t""#, "\"id\" must not hold a control character (U+0009)"),
        ("no-break space inside", "\"NT\u{A0}1\"", "\"id\" may hold only the ordinary space (U+0020), not U+00A0"),
        ("NUL", #""Q-1\u0000""#, "\"id\" must not hold a control character (U+0000)"),
        ("DEL", "\"Q-1\u{7F}\"", "\"id\" must not hold a control character (U+007F)"),
        ("right-to-left override", "\"\u{202E}1-Q\"", "\"id\" must not hold an invisible formatting character (U+202E)"),
        ("escaped bidi isolate", #""Q\u2066-1""#, "\"id\" must not hold an invisible formatting character (U+2066)"),
        ("zero-width space", "\"Q\u{200B}-1\"", "\"id\" must not hold an invisible formatting character (U+200B)"),
        ("byte order mark inside", #""Q-1\ufeff""#, "\"id\" must not hold an invisible formatting character (U+FEFF)"),
    ]

    @Test(arguments: cases.indices)
    func idIsAcceptedOrRejectedWithItsReason(index: Int) throws {
        let (note, json, reason) = Self.cases[index]
        let matrix = try Fixture.matrix("""
        matrix "M"
          offences
            shoplifting 2
          end
        end
        """)
        let data = #"{"id": \#(json), "offences": [{"category": "shoplifting", "date": "2026-01-01", "evidence": "convicted"}]}"#
            + "\n"
        let batch = RecordReader(categories: matrix.categories).read(bytes: Array(data.utf8), path: "d.jsonl")
        #expect(batch.offenders.count == (reason == nil ? 1 : 0), "\(note)")
        #expect(batch.rejected.map(\.reason) == (reason.map { [$0] } ?? []), "\(note)")

        let day = try #require(Day(iso: "2026-11-22"))
        let packed = ParallelRanker(matrix: matrix, categories: matrix.categories, asOf: day, threads: 1)
            .rank(bytes: Array(data.utf8), path: "d.jsonl", rulesDigest: "")
        #expect(packed.count == (reason == nil ? 1 : 0), "\(note)")
        #expect(packed.rejected.map(\.reason) == (reason.map { [$0] } ?? []), "\(note)")
    }
}
