import Foundation
import Testing

/// The daemon stores, scopes and ranks by the exact UTF-8 bytes of ids and areas (docs/ppod.md,
/// "Identifiers"): ids that differ only in Unicode normalisation are two offenders through separate
/// ingests, an id holding a NUL is kept whole, and areas that merely look alike are different areas.
@Suite(.serialized)
struct ExactIdentifierTests {
    static let nfc = "\u{E9}", nfd = "e\u{301}"
    static let cafeNFC = "Caf\u{E9}", cafeNFD = "Cafe\u{301}"

    /// A line for `id` (the JSON text of the id, quotes included), in `area` when given.
    static func record(_ id: String, area: String? = nil, offences: Int = 1) -> String {
        let list = (1...offences).map { n in
            #"{"id": "OF-\#(n)", "category": "burglary_dwelling", "date": "2026-10-0\#(n)", "evidence": "convicted"}"#
        }
        let areaField = area.map { #", "area": "\#($0)""# } ?? ""
        return #"{"id": \#(id), "name": "Same Looking", "dob": "1990-01-01"\#(areaField), "offences": [\#(list.joined(separator: ", "))]}"#
    }

    static func body(_ lines: String...) -> Data { Data(lines.map { $0 + "\n" }.joined().utf8) }

    static func bytes(_ ids: [String]) -> [[UInt8]] { ids.map { Array($0.utf8) } }

    /// Percent-encodes every byte but letters and digits.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// `é` precomposed, then `é` decomposed, each in an ingest of its own: both are stored, and every
    /// ranking ranks both (the reader used to reject the second as a duplicate of the first).
    @Test func normalisationDistinctIdsAreRankedAsTwoAfterSeparateIngests() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let first = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin,
                                             body: Self.body(Self.record(#""\u00e9""#, area: "Northtown", offences: 2)))
        #expect(first.status == 200, "\(first)")
        #expect(try first.object()["inserted"] as? Int == 1, "\(first)")
        let second = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin,
                                              body: Self.body(Self.record(#""e\u0301""#, area: "Northtown")))
        #expect(second.status == 200, "\(second)")
        #expect(try second.object()["inserted"] as? Int == 1, "\(second)")
        #expect(try second.object()["offenders"] as? Int == 2, "\(second)")

        for caller in [daemon.tokens.admin, daemon.tokens.northtownAnalyst] {
            let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-22"), as: caller)
            #expect(ranking.status == 200, "\(ranking)")
            let document = try ranking.object()
            #expect(Self.bytes(JSONLines.rankingIDs(document)) == Self.bytes([Self.nfc, Self.nfd]), "\(ranking)")
            #expect((document["rejected"] as? [Any])?.isEmpty == true, "\(ranking)")
        }
        // Each explanation is its own offender's.
        for (id, offences) in [(Self.nfc, 2), (Self.nfd, 1)] {
            let explained = try await daemon.get(Paths.explain(id, "as_of=2026-11-22"), as: daemon.tokens.northtownAnalyst)
            #expect(explained.status == 200, "\(explained)")
            let form = try explained.object()
            #expect(Self.bytes([form["id"] as? String ?? ""]) == Self.bytes([id]), "\(explained)")
            let evidence = (form["lines"] as? [[String: Any]] ?? []).flatMap { $0["evidence"] as? [String] ?? [] }
            #expect(Set(evidence).count == offences, "\(explained)")
        }
        // `ppo` on the export agrees.
        let export = try await daemon.get("/v1/offenders")
        #expect(export.status == 200, "\(export)")
        try daemon.write("export.jsonl", export.body)
        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "export.jsonl", "--as-of", "2026-11-22",
                                      "--format", "json")
        let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-22"))
        #expect(Bytes.same(ranking.body, expected.stdout), Comment(rawValue: OneEngineTests.difference(ranking.body, expected.stdout)))
    }

    /// `Q-1\u0000` and `Q-1` in one body: the first is rejected with its reason (an id may not hold
    /// a control character, docs/records.md), the second stored; neither is cut to the other. Before,
    /// GRDB bound the id as a C string and both were acknowledged as one row.
    @Test func anIdWithANulIsRejectedNotCut() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin,
                                              body: Self.body(Self.record(#""Q-1\u0000""#, area: "Northtown", offences: 2),
                                                              Self.record(#""Q-1""#, area: "Northtown")))
        #expect(ingest.status == 200, "\(ingest)")
        let answer = try ingest.object()
        #expect(answer["inserted"] as? Int == 1, "\(ingest)")
        let rejected = answer["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.map { $0["line"] as? Int } == [1], "\(ingest)")
        #expect(rejected.first?["reason"] as? String == "\"id\" must not hold a control character (U+0000)", "\(ingest)")
        #expect(answer["offenders"] as? Int == 1, "\(ingest)")

        let export = try await daemon.get("/v1/offenders")
        #expect(Self.bytes(JSONLines.ids(of: export.body)) == Self.bytes(["Q-1"]), "\(export)")
        let explained = try await daemon.get("/v1/offenders/\(Self.encoded("Q-1\u{0}"))/explain?as_of=2026-11-22",
                                             as: daemon.tokens.northtownAnalyst)
        #expect(explained.status == 404, "\(explained)")
    }

    /// Tokens of `Café` (precomposed) and `Café` (decomposed) see their own area's offenders only:
    /// in live rankings (the second asked after the first is cached), explanations, exports, stored
    /// runs and ingests.
    @Test func areasThatDifferOnlyInNormalisationAreDifferentAreas() async throws {
        let daemon = try DaemonProcess()
        let nfcAnalyst = IssuedToken(name: "cafe-nfc-analyst", role: "analyst", areas: Self.cafeNFC, token: IssuedTokens.randomHex(32))
        let nfdAnalyst = IssuedToken(name: "cafe-nfd-analyst", role: "analyst", areas: Self.cafeNFD, token: IssuedTokens.randomHex(32))
        let nfdAdmin = IssuedToken(name: "cafe-nfd-admin", role: "admin", areas: Self.cafeNFD, token: IssuedTokens.randomHex(32))
        let extra = [nfcAnalyst, nfdAnalyst, nfdAdmin].map { $0.line(salt: IssuedTokens.randomHex(16)) + "\n" }.joined()
        try daemon.write("tokens.txt", try daemon.read("tokens.txt") + Data(extra.utf8))
        try await daemon.launch()
        defer { daemon.stop() }

        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin,
                                              body: Self.body(Self.record(#""CAFE-1""#, area: Self.cafeNFC),
                                                              Self.record(#""CAFE-2""#, area: Self.cafeNFD)))
        #expect(try ingest.object()["inserted"] as? Int == 2, "\(ingest)")

        for (caller, own, other) in [(nfcAnalyst, "CAFE-1", "CAFE-2"), (nfdAnalyst, "CAFE-2", "CAFE-1")] {
            let ranking = try await daemon.get(Paths.ranking("as_of=2026-11-22"), as: caller)
            #expect(ranking.status == 200, "\(ranking)")
            #expect(JSONLines.rankingIDs(try ranking.object()) == [own], "\(caller.name): \(ranking)")
            let seen = try await daemon.get(Paths.explain(own, "as_of=2026-11-22"), as: caller)
            #expect(seen.status == 200, "\(seen)")
            let hidden = try await daemon.get(Paths.explain(other, "as_of=2026-11-22"), as: caller)
            #expect(hidden.status == 404, "\(caller.name) sees \(other): \(hidden)")
        }
        let refused = try await daemon.get(Paths.ranking("as_of=2026-11-22&area=\(Self.encoded(Self.cafeNFD))"), as: nfcAnalyst)
        #expect(refused.status == 403, "\(refused)")

        for (area, id) in [(Self.cafeNFC, "CAFE-1"), (Self.cafeNFD, "CAFE-2")] {
            let export = try await daemon.get("/v1/offenders?area=\(Self.encoded(area))")
            #expect(JSONLines.ids(of: export.body) == [id], "\(export)")
        }

        // A run stores each area's outputs apart, and serves each its own.
        let run = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        #expect(run.status == 201, "\(run)")
        let runObject = try run.object()
        let runID = try #require(runObject["id"] as? Int, "\(run)")
        #expect(Self.bytes(runObject["areas"] as? [String] ?? []) == Self.bytes([Self.cafeNFD, Self.cafeNFC]), "\(run)")
        for (caller, own) in [(nfcAnalyst, "CAFE-1"), (nfdAnalyst, "CAFE-2")] {
            let stored = try await daemon.get(Paths.ranking("run=\(runID)"), as: caller)
            #expect(stored.status == 200, "\(stored)")
            #expect(JSONLines.rankingIDs(try stored.object()) == [own], "\(caller.name): \(stored)")
        }

        // An admin of the decomposed area may not ingest into the precomposed one.
        let outside = try await daemon.request("PUT", "/v1/offenders", as: nfdAdmin,
                                               body: Self.body(Self.record(#""CAFE-3""#, area: Self.cafeNFC)))
        #expect(outside.status == 200, "\(outside)")
        let rejected = try outside.object()["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.count == 1 && (rejected.first?["reason"] as? String)?.contains("outside the areas") == true, "\(outside)")
    }
}
