import Foundation
import Testing

/// The selection panel's decisions in ppod (docs/ppod.md, "Decisions and the cohort"): recorded by a
/// manager or admin of the offender's area, on disk when acknowledged, audited, never altered, and
/// exported as the JSON Lines `ppo cohort` reads, which agrees with `GET /v1/cohort`.
@Suite struct DecisionTests {
    static func decision(_ offender: String, _ kind: String, _ effective: String, extra: String = "") -> String {
        let reasons = ["adopt": "meets_criteria", "review": "still_meets_criteria", "deselect": "moved_area",
                       "decline": "below_threshold", "defer": "more_information"]
        let strand = kind == "adopt" ? #", "strand": "flex""# : ""
        return #"{"offender": "\#(offender)", "scheme": "Northtown IOM", "decision": "\#(kind)"\#(strand), "reason": "\#(reasons[kind] ?? "?")", "effective": "\#(effective)"\#(extra)}"#
    }

    @Test func aManagerRecordsAndEveryoneOfTheAreaReads() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let adopt = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                             body: Data(Self.decision("NT-0004", "adopt", "2026-11-23").utf8))
        #expect(adopt.status == 201, "\(adopt)")
        let stored = try #require((try adopt.object()["decisions"] as? [[String: Any]])?.first, "\(adopt)")
        #expect(stored["id"] as? String == "PPOD-1")
        #expect(stored["decided_by"] as? String == "northtown-manager" && stored["role"] as? String == "manager")
        // What the panel saw, filled in by ppod: the offender's line of the scheme's matrix in their area.
        let saw = try #require(stored["saw"] as? [String: Any], "\(adopt)")
        #expect(saw["matrix"] as? String == "Prolific Offender Prioritisation" && saw["area"] as? String == "Northtown", "\(saw)")
        #expect(saw["as_of"] as? String == "2026-11-23" && saw["recommended"] as? Bool == true, "\(saw)")
        let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-23"), as: daemon.tokens.northtownAnalyst)
        let listed = (try ranking.object()["offenders"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "NT-0004" }
        #expect(saw["rank"] as? Int == listed?["rank"] as? Int && saw["rank"] != nil, "\(saw)")
        // A correction supersedes the stored decision; the strand it corrects never counts.
        let correction = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                                  body: Data(Self.decision("NT-0004", "adopt", "2026-11-23",
                                                                           extra: #", "strand": "fixed", "supersedes": "PPOD-1""#)
                                                    .replacingOccurrences(of: #", "strand": "flex""#, with: "").utf8))
        #expect(correction.status == 201, "\(correction)")

        for reader in [daemon.tokens.northtownAnalyst, daemon.tokens.northtownTasking, daemon.tokens.admin] {
            let export = try await daemon.get("/v1/decisions", as: reader)
            #expect(export.status == 200 && export.lines.filter { !$0.isEmpty }.count == 2, "\(export)")
        }
        let cohort = try await daemon.get("/v1/cohort?as_of=2026-11-24", as: daemon.tokens.northtownAnalyst)
        let members = try cohort.object()["members"] as? [[String: Any]] ?? []
        #expect(members.map { $0["offender"] as? String } == ["NT-0004"], "\(cohort)")
        #expect(members.first?["strand"] as? String == "fixed", "\(cohort)")

        // One engine: ppo cohort on the export gives ppod's answer.
        let export = try await daemon.get("/v1/decisions", as: daemon.tokens.admin)
        try daemon.write("decisions.jsonl", export.body)
        let direct = try daemon.ppo("cohort", "--scheme", "Northtown IOM", "--decisions", "decisions.jsonl",
                                    "--as-of", "2026-11-24", "--format", "json")
        #expect(direct.status == 0, "\(direct)")
        let all = try await daemon.get("/v1/cohort?as_of=2026-11-24", as: daemon.tokens.admin)
        #expect(all.text == direct.stdoutText, "\(all.text)\n---\n\(direct.stdoutText)")

        // Audited: the decision with its offender, and each read.
        let audit = try await daemon.get("/v1/audit?offender=NT-0004", as: daemon.tokens.admin)
        let actions = (try audit.object()["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        #expect(actions.filter { $0 == "decide" }.count == 2, "\(actions)")
        #expect(actions.contains("decisions") && actions.contains("cohort"), "\(actions)")
    }

    @Test func anotherAreaCannotRecordOrRead() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let southvale = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.southvaleManager,
                                                 body: Data(Self.decision("NT-0004", "adopt", "2026-11-23").utf8))
        #expect(southvale.status == 404, "\(southvale)")
        #expect(try southvale.errorCode() == "unknown-offender")
        let analyst = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownAnalyst,
                                               body: Data(Self.decision("NT-0004", "adopt", "2026-11-23").utf8))
        #expect(analyst.status == 403, "\(analyst)")
        let recorded = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                                body: Data(Self.decision("NT-0004", "adopt", "2026-11-23").utf8))
        #expect(recorded.status == 201, "\(recorded)")

        let read = try await daemon.get("/v1/decisions?offender=NT-0004", as: daemon.tokens.southvaleManager)
        #expect(read.status == 200 && read.body.isEmpty, "\(read)")
        let cohort = try await daemon.get("/v1/cohort?as_of=2026-11-24", as: daemon.tokens.southvaleManager)
        #expect((try cohort.object()["members"] as? [Any])?.isEmpty == true, "\(cohort)")

        // A bad decision stores nothing and says why; a field ppod sets is refused.
        let bad = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                           body: Data((Self.decision("NT-0005", "review", "2026-11-23") + "\n"
                                                       + Self.decision("NT-0006", "deselect", "2026-11-23", extra: #", "strand": "flex""#)).utf8))
        #expect(bad.status == 400, "\(bad)")
        #expect(bad.text.contains(#"request:2: \"strand\" is given only with adopt or review, not with deselect"#), "\(bad)")
        let forged = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                              body: Data(Self.decision("NT-0005", "review", "2026-11-23", extra: #", "decided_by": "someone-else""#).utf8))
        #expect(forged.status == 400 && forged.text.contains(#"\"decided_by\" is set by ppod"#), "\(forged)")
        let export = try await daemon.get("/v1/decisions", as: daemon.tokens.admin)
        #expect(export.lines.filter { !$0.isEmpty }.count == 1, "\(export)")

        // Nothing alters a decision: there is no route, and the store refuses.
        for method in ["PUT", "DELETE", "PATCH"] {
            let attempt = try await daemon.request(method, "/v1/decisions", as: daemon.tokens.admin, body: Data())
            #expect(attempt.status == 404 || attempt.status == 405, "\(method): \(attempt)")
        }
    }

    @Test func anAcknowledgedDecisionSurvivesKill9() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.kill9() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let response = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager,
                                                body: Data(Self.decision("NT-0007", "adopt", "2026-11-23").utf8))
        daemon.kill9()
        try #require(response.status == 201, "\(response)")
        try await daemon.restart()
        let export = try await daemon.get("/v1/decisions", as: daemon.tokens.admin)
        #expect(export.text.contains(#""offender":"NT-0007""#), "\(export)")
        let audit = try await daemon.get("/v1/audit?verify=full&offender=NT-0007", as: daemon.tokens.admin)
        let entries = try audit.object()["entries"] as? [[String: Any]] ?? []
        #expect(entries.contains { $0["action"] as? String == "decide" && $0["status"] as? Int == 201 }, "\(audit)")
    }

    /// The panel pack of an area's token is `ppo panel` on that area's export and the decisions.
    @Test func thePanelPackIsPPOPanelOnTheExports() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let body = [Self.decision("NT-0005", "adopt", "2025-01-06"), Self.decision("NT-0007", "decline", "2026-10-05"),
                    Self.decision("NT-0004", "defer", "2026-10-05", extra: #", "next_review": "2026-12-07""#)]
            .joined(separator: "\n")
        let recorded = try await daemon.request("POST", "/v1/decisions", as: daemon.tokens.northtownManager, body: Data(body.utf8))
        #expect(recorded.status == 201, "\(recorded)")

        let panel = try await daemon.get("/v1/panel?as_of=2026-11-23", as: daemon.tokens.northtownAnalyst)
        #expect(panel.status == 200, "\(panel)")
        let reviews = try panel.object()["reviews_due"] as? [[String: Any]] ?? []
        #expect(reviews.map { $0["offender"] as? String } == ["NT-0005"], "\(panel)")

        try daemon.write("northtown.jsonl", try await daemon.get("/v1/offenders?area=Northtown", as: daemon.tokens.admin).body)
        try daemon.write("decisions.jsonl", try await daemon.get("/v1/decisions", as: daemon.tokens.admin).body)
        let direct = try daemon.ppo("panel", "--scheme", "Northtown IOM", "--decisions", "decisions.jsonl",
                                    "--data", "northtown.jsonl", "--as-of", "2026-11-23", "--format", "json")
        #expect(direct.status == 0, "\(direct)")
        #expect(panel.text == direct.stdoutText, "\(panel.text)\n---\n\(direct.stdoutText)")
    }
}
