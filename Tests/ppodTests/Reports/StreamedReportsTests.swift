import Foundation
import PPOEngine
import Testing
@testable import ppod

/// ppod's checklists and alerts, evaluated on the store read in pieces, are byte for byte the
/// engine's in-memory answers on the scope's snapshot: for the whole store and for one area, with
/// a rejected record (numbered in the area's data) and records changed since the previous snapshot
/// (so that `changed()` and the previous digest matter), some of them moved between areas.
@Suite struct StreamedReportsTests {
    typealias Scratch = RankingEvaluatorTests.Scratch
    static let rules = RankingEvaluatorTests.rules
    static let asOf = Day(iso: "2026-11-23")!
    static let area = "Southmere"

    /// A store with a first ingest, then one that changes some records and adds a rejected one.
    static func store() async throws -> Scratch {
        let scratch = try Scratch()
        try await scratch.ingest(RankingEvaluatorTests.records(0..<300, seed: 3))
        // The same ids with other contents (and at times another area), a new record, and a broken one.
        try await scratch.ingest(RankingEvaluatorTests.records(0..<40, seed: 9)
                                 + RankingEvaluatorTests.records(300..<301, seed: 3) + [RankingEvaluatorTests.broken])
        return scratch
    }

    @Test func streamedAnswersAreTheInMemoryAnswers() async throws {
        let scratch = try await Self.store()
        let reports = Reports(rules: Self.rules)
        #expect(!Self.rules.checklistNames.isEmpty && !Self.rules.alertsNames.isEmpty)
        for scope in [DataScope.all, .area(Self.area)] {
            let data = try await scratch.store.snapshot(scope)
            for name in Self.rules.checklistNames {
                let expected = try reports.breaches(checklist: name, data: data.current, asOf: Self.asOf)
                let streamed = try await scratch.store.withPieces(scope) { pieces in
                    try reports.breaches(checklist: name, pieces: pieces, asOf: Self.asOf)
                }
                #expect(!expected.rejected.isEmpty, "\(scope) \(name) has the broken record")
                for format in [OutputFormat.json, .csv] {
                    #expect(try Reports.document(streamed, format) == Reports.document(expected, format), "\(scope) \(name)")
                }
            }
            let expected = try reports.alerts(block: nil, data: data.current, previous: data.previous, asOf: Self.asOf)
            let streamed = try await scratch.store.withPieces(scope) { pieces in
                try reports.alerts(block: nil, pieces: pieces, asOf: Self.asOf)
            }
            #expect(expected.previousDigest != expected.dataDigest, "\(scope): the data changed")
            #expect(!expected.rejected.isEmpty)
            for format in [OutputFormat.json, .csv] {
                #expect(try Reports.document(streamed, format) == Reports.document(expected, format), "\(scope) alerts")
            }
        }
    }

    @Test func aRunsReportsAreTheInMemoryAnswersOfEveryScope() async throws {
        let scratch = try await Self.store()
        let reports = Reports(rules: Self.rules)
        let scopes = [DataScope.all] + (try await scratch.store.areas()).map(DataScope.area)
        let run = try await RunReports.evaluate(store: scratch.store, reports: reports, scopes: scopes, asOf: Self.asOf)
        for scope in scopes {
            let data = try await scratch.store.snapshot(scope)
            #expect(run.generation == data.generation)
            let evaluated = try #require(run.scopes[scope])
            for (index, name) in Self.rules.checklistNames.enumerated() {
                let expected = try reports.breaches(checklist: name, data: data.current, asOf: Self.asOf)
                let streamed = try #require(evaluated.checklist(index))
                #expect(try Reports.document(streamed, .json) == Reports.document(expected, .json), "\(scope) \(name)")
            }
            let expected = try reports.alerts(block: nil, data: data.current, previous: data.previous, asOf: Self.asOf)
            let streamed = try #require(evaluated.alerts)
            #expect(try Reports.document(streamed, .json) == Reports.document(expected, .json), "\(scope) alerts")
        }
    }
}
