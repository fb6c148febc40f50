import Foundation
import PPOEngine
import Testing

/// Drafts of rule files in ppod (docs/ppod.md, "Drafts"): uploaded with their diagnostics,
/// compared with the live rules on the live data of the caller's scope, submitted by their author,
/// published by a manager or admin into the rules folder and then live; every step audited with the
/// draft's digest, and nothing live before publication.
@Suite struct DraftTests {
    static let southvaleAnalyst = IssuedToken(name: "southvale-analyst", role: "analyst", areas: "Southvale",
                                              token: IssuedTokens.randomHex(32))
    static let weighting = "    burglary_dwelling 6  # form: Burglary dwelling x6"

    /// A daemon holding the samples, with a Southvale analyst besides the standard callers.
    static func daemon() async throws -> DaemonProcess {
        let daemon = try DaemonProcess()
        let tokens = String(decoding: try daemon.read("tokens.txt"), as: UTF8.self)
        try daemon.write("tokens.txt", Data((tokens + southvaleAnalyst.line(salt: IssuedTokens.randomHex(16)) + "\n").utf8))
        try await daemon.launch()
        try await daemon.requireIngest("samples/offenders.jsonl")
        return daemon
    }

    /// The live path of the matrix file, as `GET /v1/rules` lists it.
    static func figure3(_ daemon: DaemonProcess) async throws -> String {
        let rules = try await daemon.get("/v1/rules").object()
        return try #require((rules["files"] as? [String] ?? []).first { $0.hasSuffix("matrices/figure3.ppo") })
    }

    static func body(_ file: String, _ text: String) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["file": file, "text": text])
    }

    static func sha256(_ text: String) -> String {
        SHA256.hex(of: Array(text.utf8))
    }

    @Test func draftDiffSubmitPublishAndTheRankingFollows() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.stop() }
        let file = try await Self.figure3(daemon)
        let live = String(decoding: try daemon.read("matrices/figure3.ppo"), as: UTF8.self)
        // The draft halves the burglary dwelling weighting, ×6 → ×3.
        let text = live.replacingOccurrences(of: Self.weighting, with: "    burglary_dwelling 3  # form: Burglary dwelling x3")
        try #require(text != live)
        let analyst = daemon.tokens.northtownAnalyst
        let rankingBefore = try await daemon.get(Paths.ranking("as_of=2026-11-22"), as: analyst)

        let created = try await daemon.request("POST", "/v1/drafts", as: analyst, body: try Self.body(file, text))
        #expect(created.status == 201, "\(created)")
        let draft = try created.object()
        let id = try #require(draft["id"] as? Int)
        #expect(draft["status"] as? String == "draft" && draft["errors"] as? Int == 0 && draft["publishable"] as? Bool == true, "\(draft)")
        #expect(draft["digest"] as? String == Self.sha256(text))
        #expect(draft["base_digest"] as? String == Self.sha256(live))

        // The diff is `ppo diff` with the live file as the old version and the draft as the new one,
        // on the Northtown records (the analyst's area), without the equality figures.
        let diff = try await daemon.get("/v1/drafts/\(id)/diff?as_of=2026-11-22", as: analyst)
        #expect(diff.status == 200, "\(diff)")
        let matrices = try diff.object()["matrices"] as? [[String: Any]] ?? []
        let matrix = try #require(matrices.first, "\(diff)")
        #expect(matrix["equality"] == nil, "an analyst is shown the equality figures")
        let export = try await daemon.get("/v1/offenders?area=Northtown", as: daemon.tokens.admin)
        try daemon.write("northtown.jsonl", export.body)
        try FileManager.default.createDirectory(at: daemon.directory.appendingPathComponent("draft/matrices"),
                                                withIntermediateDirectories: true)
        for name in ["categories.ppo", "figure3-tests.ppo"] {
            try daemon.write("draft/matrices/\(name)", try daemon.read("matrices/\(name)"))
        }
        try daemon.write("draft/matrices/figure3.ppo", Data(text.utf8))
        let direct = try daemon.ppo("diff", "--matrix", Paths.figure3, "--old", "matrices/figure3.ppo", "--rules", "draft/matrices",
                                    "--rules", "rules", "--data", "northtown.jsonl", "--as-of", "2026-11-22", "--format", "json")
        #expect(direct.status == 0, "\(direct)")
        var expected = try #require(try JSONSerialization.jsonObject(with: direct.stdout) as? [String: Any])
        expected["equality"] = nil
        #expect(JSONLines.canonical(matrix) == JSONLines.canonical(expected), "\(matrix)\n---\n\(expected)")
        #expect(!(matrix["leaving"] as? [[String: Any]] ?? []).isEmpty, "\(matrix)")

        // Nothing is live yet.
        let unchanged = try await daemon.get(Paths.ranking("as_of=2026-11-22"), as: analyst)
        #expect(Bytes.same(unchanged.body, rankingBefore.body))

        // Only a manager or admin publishes, and only a submitted draft; only its author submits.
        let byAnalyst = try await daemon.request("POST", "/v1/drafts/\(id)/publish", as: analyst)
        #expect(byAnalyst.status == 403, "\(byAnalyst)")
        #expect(try byAnalyst.errorCode() == "forbidden-role")
        let early = try await daemon.request("POST", "/v1/drafts/\(id)/publish", as: daemon.tokens.northtownManager)
        #expect(early.status == 409, "\(early)")
        #expect(try early.errorCode() == "draft-not-submitted")
        let notAuthor = try await daemon.request("POST", "/v1/drafts/\(id)/submit", as: daemon.tokens.northtownManager)
        #expect(notAuthor.status == 403, "\(notAuthor)")
        #expect(try notAuthor.errorCode() == "not-author")
        let submitted = try await daemon.request("POST", "/v1/drafts/\(id)/submit", as: analyst)
        #expect(submitted.status == 200, "\(submitted)")
        #expect(try submitted.object()["status"] as? String == "submitted")
        // A submitted draft cannot be altered.
        let edit = try await daemon.request("PUT", "/v1/drafts/\(id)", as: analyst, body: try Self.body(file, live))
        #expect(edit.status == 409, "\(edit)")
        #expect(try edit.errorCode() == "draft-submitted")

        let published = try await daemon.request("POST", "/v1/drafts/\(id)/publish", as: daemon.tokens.northtownManager)
        #expect(published.status == 200, "\(published)")
        let after = try published.object()
        #expect(after["status"] as? String == "published" && after["published_by"] as? String == "northtown-manager", "\(after)")
        #expect(after["rules_digest"] as? String == draft["draft_rules_digest"] as? String, "\(after)")
        #expect(String(decoding: try daemon.read("matrices/figure3.ppo"), as: UTF8.self) == text)

        // Live: the ranking is `ppo score` with the new weighting.
        let score = try daemon.ppo("score", "--matrix", Paths.figure3, "--rules", "draft/matrices", "--rules", "rules",
                                   "--data", "northtown.jsonl", "--as-of", "2026-11-22", "--format", "json")
        let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-22"), as: analyst)
        #expect(ranking.status == 200 && Bytes.same(ranking.body, score.stdout),
                Comment(rawValue: OneEngineTests.difference(ranking.body, score.stdout)))
        #expect(!Bytes.same(ranking.body, rankingBefore.body))

        // Audited with the draft's digest at each step.
        let audit = try await daemon.get("/v1/audit?limit=100", as: daemon.tokens.admin)
        let actions = (try audit.object()["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        let digest = Self.sha256(text)
        for step in ["draft-create", "draft-submit", "draft-publish"] {
            #expect(actions.contains("\(step) draft=\(id) sha256=\(digest)"), "\(step): \(actions)")
        }
        #expect(actions.contains("draft-diff"), "\(actions)")
    }

    @Test func errorsStaleFilesAndOtherAreasAreRefused() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.stop() }
        let file = try await Self.figure3(daemon)
        let live = String(decoding: try daemon.read("matrices/figure3.ppo"), as: UTF8.self)
        let analyst = daemon.tokens.northtownAnalyst
        let manager = daemon.tokens.northtownManager

        // A misspelt category: the diagnostics name the file and line, and it cannot go live.
        let broken = live.replacingOccurrences(of: "    robbery ", with: "    robbry  ")
        try #require(broken != live)
        let bad = try await daemon.request("POST", "/v1/drafts", as: analyst, body: try Self.body(file, broken))
        #expect(bad.status == 201, "\(bad)")
        let badDraft = try bad.object()
        let badID = try #require(badDraft["id"] as? Int)
        #expect(badDraft["errors"] as? Int == 1 && badDraft["publishable"] as? Bool == false, "\(badDraft)")
        let diagnostics = badDraft["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["id"] as? String == "unknown-category" && ($0["file"] as? String) == file
                    && $0["line"] as? Int == 43 }, "\(diagnostics)")
        let badDiff = try await daemon.get("/v1/drafts/\(badID)/diff?as_of=2026-11-22", as: analyst)
        #expect(badDiff.status == 409, "\(badDiff)")
        #expect(try badDiff.errorCode() == "draft-has-errors")
        _ = try await daemon.request("POST", "/v1/drafts/\(badID)/submit", as: analyst)
        let refused = try await daemon.request("POST", "/v1/drafts/\(badID)/publish", as: manager)
        #expect(refused.status == 409, "\(refused)")
        #expect(try refused.errorCode() == "draft-has-errors")
        #expect(String(decoding: try daemon.read("matrices/figure3.ppo"), as: UTF8.self) == live)

        // A Southvale analyst's diff holds Southvale's offenders only; a manager's has the
        // equality figures of the manager's area.
        let text = live.replacingOccurrences(of: Self.weighting, with: "    burglary_dwelling 2  # form: Burglary dwelling x2")
        let good = try await daemon.request("POST", "/v1/drafts", as: analyst, body: try Self.body(file, text))
        let id = try #require(try good.object()["id"] as? Int, "\(good)")
        let areas = JSONLines.areas(of: try daemon.read("samples/offenders.jsonl"))
        let southvale = try await daemon.get("/v1/drafts/\(id)/diff?as_of=2026-11-22", as: Self.southvaleAnalyst)
        #expect(southvale.status == 200, "\(southvale)")
        let ids = Self.ids(in: try southvale.object())
        #expect(!ids.isEmpty && ids.allSatisfy { areas[$0] == "Southvale" }, "\(ids)")
        let northtown = try await daemon.get("/v1/drafts/\(id)/diff?as_of=2026-11-22", as: manager)
        let matrix = try #require((try northtown.object()["matrices"] as? [[String: Any]])?.first, "\(northtown)")
        let equality = try #require(matrix["equality"] as? [String: Any], "\(matrix)")
        let dimensions = equality["dimensions"] as? [[String: Any]] ?? []
        let area = dimensions.first { $0["name"] as? String == "area" }?["groups"] as? [[String: Any]] ?? []
        #expect(area.map { $0["group"] as? String } == ["Northtown"], "\(equality)")
        #expect(Self.ids(in: try northtown.object()).allSatisfy { areas[$0] == "Northtown" })

        // Before submission the author may edit it (its digest follows the text); no one else may.
        let reviewed = text + "\n# reviewed by the panel\n"
        let edited = try await daemon.request("PUT", "/v1/drafts/\(id)", as: analyst, body: try Self.body(file, reviewed))
        #expect(edited.status == 200, "\(edited)")
        #expect(try edited.object()["digest"] as? String == Self.sha256(reviewed))
        let byOther = try await daemon.request("PUT", "/v1/drafts/\(id)", as: Self.southvaleAnalyst, body: try Self.body(file, text))
        #expect(byOther.status == 403, "\(byOther)")
        #expect(try byOther.errorCode() == "not-author")

        // Stale: the live file changed after the draft was based on it.
        _ = try await daemon.request("POST", "/v1/drafts/\(id)/submit", as: analyst)
        try daemon.write("matrices/figure3.ppo", Data((live + "\n# edited on disk\n").utf8))
        let stale = try await daemon.request("POST", "/v1/drafts/\(id)/publish", as: daemon.tokens.admin)
        #expect(stale.status == 409, "\(stale)")
        #expect(try stale.errorCode() == "draft-stale")

        // A file outside the rules folders is refused; an unknown draft is 404; tasking may not draft.
        let outside = try await daemon.request("POST", "/v1/drafts", as: analyst,
                                               body: try Self.body(file.replacingOccurrences(of: "figure3.ppo", with: "../x.ppo"), text))
        #expect(outside.status == 400, "\(outside)")
        #expect(try outside.errorCode() == "bad-draft")
        let missing = try await daemon.get("/v1/drafts/999", as: analyst)
        #expect(missing.status == 404, "\(missing)")
        #expect(try missing.errorCode() == "unknown-draft")
        let tasking = try await daemon.request("POST", "/v1/drafts", as: daemon.tokens.northtownTasking, body: try Self.body(file, text))
        #expect(tasking.status == 403, "\(tasking)")
        #expect(try tasking.errorCode() == "forbidden-role")
    }

    /// The offender ids a draft diff names, in every section of every matrix.
    static func ids(in diff: [String: Any]) -> [String] {
        let sections = ["entering", "leaving", "tier_changes", "ties_appearing", "ties_vanishing", "largest_moves"]
        return (diff["matrices"] as? [[String: Any]] ?? []).flatMap { matrix in
            sections.flatMap { (matrix[$0] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        }
    }
}
