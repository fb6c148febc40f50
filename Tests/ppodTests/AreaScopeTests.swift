import Foundation
import Testing

/// A request sees one area's offenders (or all, for `*`), ranked among themselves only.
@Suite(.serialized, .daemon())
struct AreaScopeTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    var sampleAreas: [String: String?] {
        get throws { JSONLines.areas(of: try daemon.read("samples/offenders.jsonl")) }
    }

    @Test func northtownRankingHoldsNorthtownOnlyRankedFromOne() async throws {
        let response = try await daemon.get(Paths.ranking("as_of=2026-11-22"), as: daemon.tokens.northtownAnalyst)
        #expect(response.status == 200, "\(response)")
        let ranking = try response.object()
        let ids = JSONLines.rankingIDs(ranking)
        let areas = try sampleAreas
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { areas[$0] == .some("Northtown") }, "not Northtown: \(ids.filter { areas[$0] != .some("Northtown") })")
        #expect(Set(ids) == Set(areas.filter { $0.value == "Northtown" }.keys), "Northtown offenders missing")
        let ranks = (ranking["offenders"] as? [[String: Any]] ?? []).compactMap { $0["rank"] as? Int }
        #expect(ranks.min() == 1, "ranks: \(ranks)")
        #expect(ranks == ranks.sorted(), "ranks: \(ranks)")
    }

    /// The area's ranking is `ppo score` on the area's records alone.
    @Test(arguments: ["Northtown", "Southvale"])
    func areaRankingIsPPOOnTheAreasRecords(area: String) async throws {
        try daemon.write("area-\(area).jsonl", JSONLines.filter(try daemon.read("samples/offenders.jsonl"), area: area))
        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "area-\(area).jsonl",
                                      "--as-of", "2026-11-22", "--format", "json")
        let response = try await daemon.get(Paths.ranking("as_of=2026-11-22&area=\(area)"), as: daemon.tokens.twinAnalyst)
        #expect(response.status == 200, "\(response)")
        #expect(Bytes.same(response.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(response.body, expected.stdout)))

        let export = try await daemon.get("/v1/offenders?area=\(area)")
        #expect(export.status == 200, "\(export)")
        #expect(export.lines == JSONLines.lines(of: try daemon.read("area-\(area).jsonl")))
    }

    /// An explanation ranks the offender within the scope: `ppo explain` on the area's records.
    @Test(arguments: ["NT-0001", "NT-0005"])
    func explainRanksWithinTheArea(id: String) async throws {
        try daemon.write("explain-Northtown.jsonl", JSONLines.filter(try daemon.read("samples/offenders.jsonl"), area: "Northtown"))
        let expected = try daemon.ppo("explain", id, "--matrix", Paths.figure3, "--data", "explain-Northtown.jsonl",
                                      "--as-of", "2026-11-22", "--format", "json")
        #expect(expected.status == 0, "\(expected)")
        let response = try await daemon.get(Paths.explain(id, "as_of=2026-11-22"), as: daemon.tokens.northtownAnalyst)
        #expect(response.status == 200, "\(response)")
        #expect(Bytes.same(response.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(response.body, expected.stdout)))
    }

    @Test func anotherAreasOffenderIsNotFound() async throws {
        let areas = try sampleAreas
        let southvale = try #require(areas.filter { $0.value == "Southvale" }.keys.sorted().first)
        let query = "matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-22"
        let hidden = try await daemon.get(Paths.explain(southvale, query), as: daemon.tokens.northtownAnalyst)
        #expect(hidden.status == 404, "\(hidden)")
        let missing = try await daemon.get(Paths.explain("NT-NOBODY", query), as: daemon.tokens.northtownAnalyst)
        #expect(missing.status == 404, "\(missing)")
        #expect(try hidden.errorCode() == (try missing.errorCode()), "a hidden offender answers unlike a missing one")
        #expect(!hidden.text.contains("Southvale"), "\(hidden)")

        let seen = try await daemon.get(Paths.explain(southvale, query), as: daemon.tokens.southvaleManager)
        #expect(seen.status == 200, "\(seen)")
    }

    @Test func southvaleManagersResultsAreSouthvales() async throws {
        let response = try await daemon.get(Paths.results("as_of=2026-11-23"), as: daemon.tokens.southvaleManager)
        #expect(response.status == 200, "\(response)")
        let rows = try response.object()["results"] as? [[String: Any]] ?? []
        let areas = try sampleAreas
        let offenders = Set(rows.compactMap { $0["offender"] as? String })
        #expect(offenders.allSatisfy { areas[$0] == .some("Southvale") }, "not Southvale: \(offenders.filter { areas[$0] != .some("Southvale") })")

        try daemon.write("area-Southvale-results.jsonl", JSONLines.filter(try daemon.read("samples/offenders.jsonl"), area: "Southvale"))
        let expected = try daemon.ppo("breaches", "--checklist", Paths.premium, "--data", "area-Southvale-results.jsonl",
                                      "--as-of", "2026-11-23", "--format", "json")
        #expect(Bytes.same(response.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(response.body, expected.stdout)))
    }

    @Test func northtownAlertsAreNorthtowns() async throws {
        let response = try await daemon.get("/v1/alerts?date=2026-11-23", as: daemon.tokens.northtownTasking)
        #expect(response.status == 200, "\(response)")
        let alerts = try response.object()["alerts"] as? [[String: Any]] ?? []
        let areas = try sampleAreas
        let offenders = Set(alerts.compactMap { $0["offender"] as? String })
        #expect(!offenders.isEmpty)
        #expect(offenders.allSatisfy { areas[$0] == .some("Northtown") }, "not Northtown: \(offenders.filter { areas[$0] != .some("Northtown") })")
    }

    @Test func recordWithoutAreaIsSeenInTheEveryAreaScopeOnly() async throws {
        let body = Data(#"{"id": "NA-0001", "name": "Nadia Nowhere", "dob": "1990-01-01", "offences": [{"id": "NA-0001-01", "category": "robbery", "date": "2026-10-01", "evidence": "convicted"}]}"#.utf8 + [10])
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: body)
        #expect(ingest.status == 200, "\(ingest)")
        let all = try await daemon.get(Paths.ranking("as_of=2026-11-22"))
        #expect(JSONLines.rankingIDs(try all.object()).contains("NA-0001"), "\(all)")
        let northtown = try await daemon.get(Paths.ranking("as_of=2026-11-22"), as: daemon.tokens.northtownAnalyst)
        #expect(!JSONLines.rankingIDs(try northtown.object()).contains("NA-0001"), "\(northtown)")
    }
}
