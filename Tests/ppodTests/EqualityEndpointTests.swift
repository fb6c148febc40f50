import Foundation
import Testing

/// `GET /v1/equality` (docs/ppod.md, "Equality monitoring"): `ppo equality` for the token's scope,
/// for managers and admins only, audited with the offenders whose monitoring fields it read.
@Suite(.daemon()) struct EqualityEndpointTests {
    static let path = "/v1/equality?" + Paths.query([("matrix", Paths.figure3), ("as_of", "2026-11-22")])

    @Test func aManagerGetsTheFiguresOfTheirAreaOnly() async throws {
        let daemon = try SharedDaemon.require()
        let answer = try await daemon.get(Self.path, as: daemon.tokens.southvaleManager)
        #expect(answer.status == 200, "\(answer)")
        let document = try answer.object()
        let dimensions = document["dimensions"] as? [[String: Any]] ?? []
        let area = dimensions.first { $0["name"] as? String == "area" }?["groups"] as? [[String: Any]] ?? []
        // Southvale's five records only: Northtown is not a group, not a count.
        #expect(area.map { $0["group"] as? String } == ["Southvale"], "\(document)")
        #expect((document["totals"] as? [String: Any])?["all"] as? Int == 5, "\(document)")
        #expect(!answer.text.contains("Northtown"))

        // One engine: ppo equality on the area's export gives the same bytes.
        let export = try await daemon.get("/v1/offenders?area=Southvale", as: daemon.tokens.admin)
        try daemon.write("southvale.jsonl", export.body)
        let direct = try daemon.ppo("equality", "--matrix", Paths.figure3, "--data", "southvale.jsonl", "--as-of", "2026-11-22",
                                    "--format", "json")
        #expect(direct.status == 0, "\(direct)")
        #expect(answer.text == direct.stdoutText, "\(answer.text)\n---\n\(direct.stdoutText)")

        let csv = try await daemon.get(Self.path + "&format=csv", as: daemon.tokens.southvaleManager)
        #expect(csv.status == 200 && csv.text.contains("dimension,group,all,eligible,recommended,adopted"), "\(csv)")

        // Audited, naming Southvale's offenders only.
        let audit = try await daemon.get("/v1/audit?limit=50", as: daemon.tokens.admin)
        let entries = (try audit.object()["entries"] as? [[String: Any]] ?? [])
            .filter { $0["action"] as? String == "equality" && $0["token"] as? String == "southvale-manager" }
        #expect(entries.count == 2, "\(entries)")
        let areas = JSONLines.areas(of: try daemon.read("samples/offenders.jsonl"))
        let named = Set(entries.flatMap { $0["offenders"] as? [String] ?? [] })
        #expect(!named.isEmpty && named.allSatisfy { areas[$0] == "Southvale" }, "\(named)")
    }

    @Test func otherRolesAndAreasAreRefused() async throws {
        let daemon = try SharedDaemon.require()
        for caller in [daemon.tokens.northtownAnalyst, daemon.tokens.northtownTasking, daemon.tokens.twinAnalyst] {
            let refused = try await daemon.get(Self.path, as: caller)
            #expect(refused.status == 403, "\(caller.name): \(refused)")
            #expect(try refused.errorCode() == "forbidden-role")
        }
        let otherArea = try await daemon.get(Self.path + "&area=Northtown", as: daemon.tokens.southvaleManager)
        #expect(otherArea.status == 403, "\(otherArea)")
        #expect(try otherArea.errorCode() == "forbidden-area")
        let unknown = try await daemon.get("/v1/equality?matrix=Nope", as: daemon.tokens.northtownManager)
        #expect(unknown.status == 404, "\(unknown)")
        #expect(try unknown.errorCode() == "unknown-matrix")
    }
}
