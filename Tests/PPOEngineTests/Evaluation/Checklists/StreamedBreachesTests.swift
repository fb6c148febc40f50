import Foundation
import Testing
@testable import PPOEngine

/// `breaches` streamed over a file gives the report of reading every record and checking them in
/// memory: the same results in the same order, summary, warnings (undeclared and undated events,
/// calendar shortfalls, at their lines), rejects and digest; and the streamed JSON and CSV are the
/// rendered text byte for byte.
@Suite struct StreamedBreachesTests {
    static let asOf = Day(year: 2026, month: 11, day: 23) ?? Day(ordinal: 0)

    static func reference(_ bytes: [UInt8], asOf: Day) -> BreachReport? {
        let batch = StreamingData.read(bytes, "data.jsonl")
        return StreamingData.rules.breaches(checklist: "CJS Premium Service", offenders: batch.offenders, asOf: asOf,
                                            dataPath: "data.jsonl", dataDigest: batch.digest, rejected: batch.rejected)
    }

    @Test(arguments: [1, 2, 3], [512, 1 << 21])
    func streamedBreachesAreTheInMemoryBreaches(threads: Int, blockSize: Int) throws {
        for asOf in [Self.asOf, Day(year: 2029, month: 3, day: 1) ?? Self.asOf] {
            let reference = try #require(Self.reference(StreamingData.current, asOf: asOf))
            let pass = RecordPass(categories: StreamingData.rules.categories, threads: threads, blockSize: blockSize)
            let streamed = try #require(try StreamingData.rules.breaches(
                checklist: "CJS Premium Service", source: .bytes(StreamingData.current, path: "data.jsonl"), asOf: asOf, pass: pass))
            #expect(!reference.results.isEmpty)
            #expect(streamed.results == reference.results)
            #expect(streamed.summary == reference.summary)
            #expect(streamed.warnings == reference.warnings)
            #expect(streamed.rejected == reference.rejected)
            #expect(streamed.dataDigest == reference.dataDigest)
            try Self.expectSameText(streamed, reference)
        }
    }

    static func expectSameText(_ streamed: BreachReport, _ reference: BreachReport,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for pretty in [true, false] {
            var bytes: [UInt8] = []
            try BreachesJSONRenderer(pretty: pretty).write(streamed) { bytes += $0 }
            #expect(bytes == Array(BreachesJSONRenderer(pretty: pretty).render(reference).utf8), sourceLocation: sourceLocation)
        }
        var csv: [UInt8] = []
        try BreachesCSVRenderer().write(streamed) { csv += $0 }
        #expect(csv == Array(BreachesCSVRenderer().render(reference).utf8), sourceLocation: sourceLocation)
    }

    @Test func emptyInputGivesTheEmptyReport() throws {
        let reference = try #require(Self.reference([], asOf: Self.asOf))
        let streamed = try #require(try StreamingData.rules.breaches(
            checklist: "CJS Premium Service", source: .bytes([], path: "data.jsonl"), asOf: Self.asOf,
            pass: RecordPass(categories: StreamingData.rules.categories)))
        #expect(streamed.results.isEmpty && streamed.rejected.isEmpty)
        #expect(streamed.dataDigest == reference.dataDigest)
        try Self.expectSameText(streamed, reference)
    }

    @Test func unknownChecklistIsNil() throws {
        #expect(try StreamingData.rules.breaches(checklist: "No such checklist", path: "/nonexistent", asOf: Self.asOf) == nil)
    }
}
