import Foundation
import Testing

/// The panel's decisions in ppod's answers (docs/ppod.md, "Decisions and the cohort"): a recorded
/// decision shows at once in the ranking's status column, in a page filtered by status, and in every
/// answer that reads `is_ppo` (the `ppo` and `candidates` scopes of alerts and checklists), with no
/// answer cached from before it served after it.
@Suite struct CohortStatusTests {
    static let day = "2026-11-23"

    /// The ranked offender `id` of a ranking's JSON.
    static func listed(_ id: String, in response: HTTPResponse) throws -> [String: Any]? {
        (try response.object()["offenders"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id }
    }

    /// Whether the alert `name` is raised for `id` in an alerts answer.
    static func raised(_ name: String, for id: String, in response: HTTPResponse) throws -> Bool {
        (try response.object()["alerts"] as? [[String: Any]] ?? [])
            .contains { $0["alert"] as? String == name && $0["offender"] as? String == id }
    }

    @Test func aRecordedDecisionShowsAtOnce() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let alerts = "/v1/alerts?date=\(Self.day)&alerts=\(Paths.encoded("Daily tasking"))"

        // Before any decision: no status column; NT-0004's record says candidate, so the matrix's
        // 215 makes them a candidate for adoption; NT-0046's record says candidate too, so the
        // Premium Service (PPOs only) does not check their case.
        let before = try await daemon.get(Paths.ranking("as_of=\(Self.day)"), as: daemon.tokens.northtownAnalyst)
        #expect(before.status == 200, "\(before)")
        let unmarked = try #require(try Self.listed("NT-0004", in: before))
        #expect(unmarked["status"] == nil, "\(unmarked)")
        let candidate = try await daemon.get(alerts, as: daemon.tokens.northtownTasking)
        #expect(try Self.raised("Candidate for adoption", for: "NT-0004", in: candidate), "\(candidate)")
        let checklistBefore = try await daemon.get(Paths.results("as_of=\(Self.day)"), as: daemon.tokens.northtownManager)
        let coveredBefore = (try checklistBefore.object()["results"] as? [[String: Any]] ?? [])
            .contains { $0["offender"] as? String == "NT-0046" }
        #expect(checklistBefore.status == 200 && !coveredBefore, "\(checklistBefore)")

        let adopt = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                             body: Data((DecisionTests.decision("NT-0004", "adopt", "2026-11-20") + "\n"
                                                         + DecisionTests.decision("NT-0046", "adopt", "2026-11-20")).utf8))
        #expect(adopt.status == 201, "\(adopt)")

        // The ranking, whole and paged, JSON and CSV: status and strand as of its date.
        let after = try await daemon.get(Paths.ranking("as_of=\(Self.day)"), as: daemon.tokens.northtownAnalyst)
        let marked = try #require(try Self.listed("NT-0004", in: after))
        #expect(marked["status"] as? String == "adopted" && marked["strand"] as? String == "flex", "\(marked)")
        #expect(marked["rank"] as? Int == unmarked["rank"] as? Int, "\(marked)")
        let other = try #require(try Self.listed("NT-0001", in: after))
        #expect(other["status"] as? String == "none" && other["strand"] is NSNull, "\(other)")
        let earlier = try await daemon.get(Paths.ranking("as_of=2026-11-19"), as: daemon.tokens.northtownAnalyst)
        #expect(try Self.listed("NT-0004", in: earlier)?["status"] as? String == "none", "\(earlier)")

        let page = try await daemon.get(Paths.ranking("as_of=\(Self.day)&status=adopted"), as: daemon.tokens.northtownAnalyst)
        #expect(page.status == 200, "\(page)")
        let ids = (try page.object()["offenders"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids == ["NT-0004", "NT-0046"], "\(page)")
        let csv = try await daemon.get(Paths.ranking("as_of=\(Self.day)&format=csv"), as: daemon.tokens.northtownAnalyst)
        let header = csv.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        #expect(header.hasSuffix("status,strand"), "\(header)")
        #expect(csv.text.contains("NT-0004") && csv.text.contains(",adopted,flex"), "\(csv.text)")
        let wrong = try await daemon.get(Paths.ranking("as_of=\(Self.day)&status=adoptd"), as: daemon.tokens.northtownAnalyst)
        #expect(wrong.status == 400, "\(wrong)")

        // is_ppo: now a PPO by the panel's decision, whatever the record says.
        let adopted = try await daemon.get(alerts, as: daemon.tokens.northtownTasking)
        #expect(try !Self.raised("Candidate for adoption", for: "NT-0004", in: adopted), "\(adopted)")
        let checklistAfter = try await daemon.get(Paths.results("as_of=\(Self.day)"), as: daemon.tokens.northtownManager)
        let coveredAfter = (try checklistAfter.object()["results"] as? [[String: Any]] ?? [])
            .contains { $0["offender"] as? String == "NT-0046" }
        let checked = Set((try checklistAfter.object()["results"] as? [[String: Any]] ?? []).compactMap { $0["offender"] as? String })
        #expect(coveredAfter, "\(checked.sorted())")
    }

    /// A matrix that reads `is_ppo` depends on the decisions: its kept ranking is not served after
    /// a decision is recorded; it is ranked again.
    @Test func aMatrixThatReadsIsPPOIsRankedAgain() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let before = try #require(try await daemon.get("/v1/rules").object()["digest"] as? String)
        try daemon.write("matrices/scheme-bonus.ppo",
                         Data("matrix \"PPO bonus\"\n  factor \"On the scheme\" = 10 when is_ppo\nend\n".utf8))
        let deadline = Date().addingTimeInterval(Patience.seconds)
        while try await daemon.get("/v1/rules").object()["digest"] as? String == before, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let path = Paths.ranking("as_of=\(Self.day)", matrix: "PPO bonus")
        let first = try await daemon.get(path, as: daemon.tokens.northtownAnalyst)
        #expect(first.status == 200, "\(first)")
        #expect(try Self.listed("NT-0004", in: first)?["score"] as? Int == 0, "\(first)")   // a candidate by the record
        #expect(try Self.listed("NT-0001", in: first)?["score"] as? Int == 10, "\(first)")  // adopted by the record

        let adopt = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                             body: Data(DecisionTests.decision("NT-0004", "adopt", "2026-11-20").utf8))
        #expect(adopt.status == 201, "\(adopt)")
        let second = try await daemon.get(path, as: daemon.tokens.northtownAnalyst)
        let listed = try #require(try Self.listed("NT-0004", in: second))
        #expect(listed["score"] as? Int == 10 && listed["status"] as? String == "adopted", "\(listed)")
    }
}
