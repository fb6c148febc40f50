import Foundation
import Testing

/// Who read or changed which offenders, when: one chained entry per request.
@Suite(.serialized, .daemon())
struct AuditTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    func entries(_ query: String = "") async throws -> (entries: [[String: Any]], intact: Bool?) {
        let response = try await daemon.get("/v1/audit" + query)
        try #require(response.status == 200, "\(response)")
        let audit = try response.object()
        return (audit["entries"] as? [[String: Any]] ?? [], audit["chain_intact"] as? Bool)
    }

    func entry(path: String, in entries: [[String: Any]]) -> [String: Any]? {
        let wanted = path.removingPercentEncoding ?? path
        return entries.last { ($0["path"] as? String)?.removingPercentEncoding == wanted }
    }

    @Test func rankingIsAuditedWithWhoAndWhichOffenders() async throws {
        let path = Paths.ranking("as_of=2026-11-21")
        let ranking = try await daemon.get(path, as: daemon.tokens.northtownAnalyst)
        #expect(ranking.status == 200, "\(ranking)")
        let ids = JSONLines.rankingIDs(try ranking.object())

        let (entries, intact) = try await entries()
        #expect(intact == true)
        let found = try #require(entry(path: path, in: entries), "no entry for \(path) among \(entries.suffix(5))")
        #expect(found["token"] as? String == "northtown-analyst")
        #expect(found["role"] as? String == "analyst")
        #expect(found["method"] as? String == "GET")
        #expect(found["status"] as? Int == 200)
        #expect((found["action"] as? String)?.isEmpty == false, "\(found)")
        #expect(found["at"] is String)
        #expect(Set(found["offenders"] as? [String] ?? []) == Set(ids), "\(found)")
    }

    /// A repeated request (which the daemon may answer from its cache) is a disclosure all the same.
    @Test func repeatedRequestsAreEachAudited() async throws {
        let path = Paths.ranking("as_of=2026-11-19")
        let first = try await daemon.get(path, as: daemon.tokens.northtownAnalyst)
        let second = try await daemon.get(path, as: daemon.tokens.northtownManager)
        #expect(Bytes.same(first.body, second.body))
        let ids = Set(JSONLines.rankingIDs(try first.object()))
        let wanted = path.removingPercentEncoding ?? path
        let found = try await entries().entries.filter { ($0["path"] as? String)?.removingPercentEncoding == wanted }
        #expect(found.compactMap { $0["token"] as? String } == ["northtown-analyst", "northtown-manager"], "\(found)")
        #expect(found.allSatisfy { Set($0["offenders"] as? [String] ?? []) == ids }, "\(found)")
    }

    @Test func ingestAndExplainAreAudited() async throws {
        let ingest = try await daemon.ingest("samples/offenders.jsonl", query: "?source=audit-check")
        #expect(ingest.status == 200)
        let explainPath = Paths.explain("NT-0001", "matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-21")
        _ = try await daemon.get(explainPath, as: daemon.tokens.northtownManager)

        let (entries, intact) = try await entries()
        #expect(intact == true)
        let put = try #require(entry(path: "/v1/offenders?source=audit-check", in: entries))
        #expect(put["method"] as? String == "PUT" && put["token"] as? String == "admin", "\(put)")
        #expect((put["offenders"] as? [String])?.count == 50, "\(put)")
        let explain = try #require(entry(path: explainPath, in: entries))
        #expect(explain["offenders"] as? [String] == ["NT-0001"], "\(explain)")
        #expect(explain["token"] as? String == "northtown-manager", "\(explain)")
    }

    @Test func evaluateAuditsThePostedIDs() async throws {
        let body = Data(#"{"id": "EV-AUDIT-1", "name": "Eva Posted", "dob": "1990-01-01"}"#.utf8 + [10])
        let path = "/v1/evaluate?matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-21"
        let response = try await daemon.request("POST", path, as: daemon.tokens.northtownAnalyst, body: body)
        #expect(response.status == 200, "\(response)")
        let found = try #require(entry(path: path, in: try await entries().entries))
        #expect(found["offenders"] as? [String] == ["EV-AUDIT-1"], "\(found)")
    }

    @Test func offenderFilterKeepsEntriesNamingThem() async throws {
        _ = try await daemon.get(Paths.explain("NT-0001", "matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-20"))
        let (filtered, intact) = try await entries("?offender=NT-0001")
        #expect(intact == true)
        #expect(!filtered.isEmpty)
        #expect(filtered.allSatisfy { ($0["offenders"] as? [String])?.contains("NT-0001") == true },
                "an entry not naming NT-0001: \(filtered.first { ($0["offenders"] as? [String])?.contains("NT-0001") != true } ?? [:])")
        let all = try await entries().entries
        #expect(filtered.count < all.count)
    }

    /// `since` is the last seq a reader has seen (exclusive); `limit` caps the page, oldest first.
    @Test func sinceAndLimitPageThroughTheLog() async throws {
        for day in 10...14 { _ = try await daemon.get(Paths.ranking("as_of=2026-11-\(day)"), as: daemon.tokens.northtownAnalyst) }
        let seqs = try await entries().entries.compactMap { $0["seq"] as? Int }
        try #require(seqs.count >= 5)
        let since = seqs[1]
        let page = try await entries("?since=\(since)&limit=2")
        #expect(page.entries.compactMap { $0["seq"] as? Int } == [seqs[2], seqs[3]])
        #expect(page.intact == true)
    }

    @Test func seqIsAscendingAndGapless() async throws {
        let seqs = try await entries().entries.compactMap { $0["seq"] as? Int }
        #expect(!seqs.isEmpty)
        #expect(seqs == Array((seqs.first ?? 0)..<((seqs.first ?? 0) + seqs.count)), "seqs: \(seqs)")
    }
}
