import Testing
@testable import PPOEngine

/// The ranking with the panel's decisions (docs/cohort.md, "The list shows status"): each offender's
/// status and strand as of the ranking's date, in the table, the CSV and the JSON — streamed from
/// the packed forms exactly as the reference renderer writes it — and nothing else changed.
@Suite struct RankingStatusTests {
    static let rules = Fixture.rules(CohortTests.scheme.replacingOccurrences(of: "shoplifting 2", with: "shoplifting 2\n    assault 5"))
    static let data = """
    {"id": "A", "name": "Ann", "offences": [{"id": "A1", "category": "assault", "date": "2026-01-01", "evidence": "convicted"}]}
    {"id": "B", "name": "Bob", "offences": [{"id": "B1", "category": "shoplifting", "date": "2026-01-01", "evidence": "convicted"}]}
    {"id": "C", "name": "Cas"}

    """
    static let decisions = ["D1 A adopt 2026-01-05 fixed", "D2 B decline 2026-01-05", "D3 A deselect 2026-12-01"]

    static func ranked() throws -> (packed: PackedRanking, book: DecisionBook) {
        let read = rules.decisions(bytes: Array(CohortTests.decisions(decisions).utf8), path: "d.jsonl")
        try #require(read.rejected.isEmpty && !rules.hasErrors)
        let book = DecisionBook(schemes: rules.program.schemes, decisions: read.decisions)
        let matrix = try #require(rules.with(decisions: book).matrix(named: "M"))
        let packed = ParallelRanker(matrix: matrix, categories: rules.categories, asOf: try #require(Day(iso: "2026-11-23")),
                                    threads: 2, blockSize: 64)
            .rank(bytes: Array(data.utf8), path: "data.jsonl", rulesDigest: "rules")
        return (packed, book)
    }

    @Test func jsonCarriesStatusAndStrand() throws {
        let (packed, book) = try Self.ranked()
        for pretty in [true, false] {
            let streamed = RankingJSONStreamer(pretty: pretty, pieceSize: 64, decisions: book).render(packed)
            let rendered = Array(RankingJSONRenderer(pretty: pretty, decisions: book).render(packed.ranking()).utf8)
            #expect(streamed == rendered, "pretty: \(pretty)")
        }
        let compact = String(decoding: RankingJSONStreamer(pretty: false, decisions: book).render(packed), as: UTF8.self)
        #expect(compact.contains(#""id":"A","name":"Ann","rank":1,"score":5,"tier":null,"recommended":false,"tie_at_capacity":false,"status":"adopted","strand":"fixed","main_category""#), "\(compact)")
        #expect(compact.contains(#""status":"declined","strand":null"#), "\(compact)")
        #expect(compact.contains(#""id":"C","name":"Cas","rank":3,"score":0,"tier":null,"recommended":false,"tie_at_capacity":false,"status":"none","strand":null"#), "\(compact)")
        // Without decisions, the document is as it always was.
        let plain = String(decoding: RankingJSONStreamer(pretty: false).render(packed), as: UTF8.self)
        #expect(!plain.contains("\"status\"") && plain == RankingJSONRenderer(pretty: false).render(packed.ranking()))
    }

    @Test func csvAndTableShowIt() throws {
        let (packed, book) = try Self.ranked()
        let csv = RankingCSVRenderer(decisions: book).render(packed.ranking(withLines: false))
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows.first?.hasSuffix("main_category,weight,status,strand") == true, "\(rows)")
        #expect(rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).suffix(2).joined(separator: ",") }
                == ["adopted,fixed", "declined,", "none,"], "\(rows)")
        #expect(String(decoding: packed.csv(at: [1], decisions: book), as: UTF8.self).contains("2,B,Bob,2,,false,false,,,declined,"))
        let table = RankingTableRenderer(decisions: book).render(packed.ranking(withLines: false))
        #expect(table.contains("Status") && table.contains("adopted   fixed") && table.contains("declined"), "\(table)")
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(!RankingTableRenderer().render(packed.ranking(withLines: false)).contains("Status"))
    }

    @Test func statusIsAsOfTheRankingsDate() throws {
        let (packed, book) = try Self.ranked()
        // A's de-selection takes effect on 2026-12-01, after the ranking's date: still adopted.
        #expect(book.standing(of: "A", asOf: packed.asOf)?.member.status == .adopted)
        #expect(book.standing(of: "A", asOf: try #require(Day(iso: "2026-12-01")))?.member.status == .deselected)
    }
}
