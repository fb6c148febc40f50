import Foundation
import Testing

/// Area limits bind every role (issue 13): a token limited to some areas never changes, reads or
/// counts another area's offenders, whatever its role.
@Suite(.serialized, .daemon())
struct AreaLimitTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    var sampleAreas: [String: String?] {
        get throws { JSONLines.areas(of: try daemon.read("samples/offenders.jsonl")) }
    }

    /// The sample line of a Southvale offender, and its id.
    func southvaleLine() throws -> (id: String, line: String) {
        let areas = try sampleAreas
        let id = try #require(areas.filter { $0.value == "Southvale" }.keys.sorted().first)
        let line = try #require(JSONLines.lines(of: try daemon.read("samples/offenders.jsonl"))
            .first { $0.contains("\"id\": \"\(id)\"") })
        return (id, line)
    }

    /// Finding 2: a Northtown admin can neither move a Southvale offender into Northtown nor learn
    /// from the counts that it exists, and reads Northtown's audit entries only.
    @Test func areaLimitedAdminStaysInItsArea() async throws {
        let (id, line) = try southvaleLine()
        let moved = line.replacingOccurrences(of: "\"Southvale\"", with: "\"Northtown\"")
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.northtownAdmin,
                                              body: Data((moved + "\n").utf8))
        #expect(ingest.status == 200, "\(ingest)")
        let answer = try ingest.object()
        #expect(answer["inserted"] as? Int == 0 && answer["updated"] as? Int == 0, "\(ingest)")
        let rejected = answer["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.count == 1 && rejected.first?["line"] as? Int == 1, "\(ingest)")
        #expect(rejected.first?["reason"] as? String == "id is held for an area outside this token's areas", "\(ingest)")
        #expect(!ingest.text.contains("Southvale"), "\(ingest)")
        let northtownCount = try sampleAreas.filter { $0.value == "Northtown" }.count
        #expect(answer["offenders"] as? Int == northtownCount, "\(ingest)")

        // The record stays Southvale's, unchanged.
        let southvale = try await daemon.get("/v1/offenders?area=Southvale")
        #expect(southvale.lines.contains(line), "\(southvale)")
        let previous = try await daemon.get("/v1/offenders?snapshot=previous", as: daemon.tokens.northtownAdmin)
        #expect(previous.status == 200 && !previous.text.contains("\"\(id)\""), "\(previous)")

        _ = try await daemon.get(Paths.ranking("as_of=2026-11-22&area=Southvale"))
        let audit = try await daemon.get("/v1/audit", as: daemon.tokens.northtownAdmin)
        #expect(audit.status == 200, "\(audit)")
        let areas = try sampleAreas
        let named = (try audit.object()["entries"] as? [[String: Any]] ?? []).flatMap { $0["offenders"] as? [String] ?? [] }
        #expect(!named.isEmpty, "\(audit)")
        #expect(named.allSatisfy { areas[$0] == .some("Northtown") }, "not Northtown: \(named.filter { areas[$0] != .some("Northtown") })")
        let whole = try await daemon.get("/v1/audit")
        let all = (try whole.object()["entries"] as? [[String: Any]] ?? []).flatMap { $0["offenders"] as? [String] ?? [] }
        #expect(all.contains(id), "\(whole)")

        // Moved by an admin of every area, the record is new to Northtown: its Southvale version
        // stays out of Northtown's previous snapshot.
        let admin = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: Data((moved + "\n").utf8))
        #expect(try admin.object()["updated"] as? Int == 1, "\(admin)")
        let afterMove = try await daemon.get("/v1/offenders?snapshot=previous", as: daemon.tokens.northtownAdmin)
        #expect(afterMove.status == 200 && !afterMove.text.contains("\"\(id)\""), "\(afterMove)")
        let current = try await daemon.get("/v1/offenders", as: daemon.tokens.northtownAdmin)
        #expect(current.text.contains("\"\(id)\""), "\(current)")
    }

    /// Finding 4: an area name is data: `*` (the every-area scope), empty, padded or holding a
    /// control character is refused at ingest, and runs go on working. (A daemon of its own: where
    /// such a record is stored, it breaks every run after it.)
    @Test func badAreaNamesAreRejectedAndRunsStillWork() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        // As JSON strings: `*`, empty, padded, a tab inside, `*` inside.
        let names = [#""*""#, #""""#, #"" Northtown""#, #""Northtown ""#, #""North\ttown""#, #""North*town""#]
        let body = names.enumerated().map { index, quoted in
            #"{"id": "BAD-\#(index)", "name": "Ann Area", "dob": "1990-01-01", "area": \#(quoted), "offences": [{"id": "BAD-\#(index)-01", "category": "robbery", "date": "2026-10-01", "evidence": "convicted"}]}"#
        }.joined(separator: "\n") + "\n"
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: Data(body.utf8))
        #expect(ingest.status == 200, "\(ingest)")
        let answer = try ingest.object()
        #expect(answer["inserted"] as? Int == 0, "\(ingest)")
        let rejected = answer["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.compactMap { $0["line"] as? Int } == Array(1...names.count), "\(ingest)")
        #expect(rejected.allSatisfy { ($0["reason"] as? String ?? "").contains("is not allowed") }, "\(ingest)")

        let run = try await daemon.request("POST", "/v1/runs", as: daemon.tokens.admin)
        #expect(run.status == 201, "\(run)")
        let areas = try run.object()["areas"] as? [String] ?? []
        #expect(areas == ["Northtown", "Southvale"], "\(run)")
    }

    /// Finding 11: an area that differs from one held only in case (`NORTHTOWN`, `northtown`) is
    /// refused with the area it should be, whether the other is stored or earlier in the same body;
    /// areas still compare by their bytes, so `Café` precomposed and decomposed stay two areas.
    @Test func areasDifferingOnlyInCaseAreRefused() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let areas = ["NORTHTOWN", "Eastmarsh", "eastmarsh", "Caf\u{E9}", "Cafe\u{301}"]
        let body = areas.enumerated().map { index, area in
            #"{"id": "CASE-\#(index)", "name": "Ann Area", "dob": "1990-01-01", "area": "\#(area)", "offences": [{"id": "CASE-\#(index)-01", "category": "robbery", "date": "2026-10-01", "evidence": "convicted"}]}"#
        }.joined(separator: "\n") + "\n"
        let ingest = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: Data(body.utf8))
        #expect(ingest.status == 200, "\(ingest)")
        let answer = try ingest.object()
        #expect(answer["inserted"] as? Int == 3, "\(ingest)")
        let rejected = answer["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.compactMap { $0["line"] as? Int } == [1, 3], "\(ingest)")
        #expect(rejected.first?["reason"] as? String
                == "area 'NORTHTOWN' differs only in case from the area 'Northtown' already held; "
                + "areas compare by their exact bytes, so write it as held", "\(ingest)")
        #expect((rejected.last?["reason"] as? String ?? "").contains("from the area 'Eastmarsh'"), "\(ingest)")
    }

    /// Finding 7: a run covers every area, so only a token holding every area makes one; an `as_of`
    /// far from today needs `force=true`.
    @Test func onlyAnEveryAreaTokenRunsAndFarDatesNeedForce() async throws {
        let manager = try await daemon.request("POST", "/v1/runs", as: daemon.tokens.southvaleManager)
        #expect(manager.status == 403, "\(manager)")
        #expect(try manager.errorCode() == "forbidden-area", "\(manager)")
        let admin = try await daemon.request("POST", "/v1/runs", as: daemon.tokens.northtownAdmin)
        #expect(admin.status == 403, "\(admin)")

        let far = try await daemon.request("POST", "/v1/runs?as_of=2020-01-01", as: daemon.tokens.admin)
        #expect(far.status == 400, "\(far)")
        #expect(try far.errorCode() == "bad-date", "\(far)")
        #expect(far.text.contains("force=true"), "\(far)")
        let forced = try await daemon.request("POST", "/v1/runs?as_of=2020-01-01&force=true", as: daemon.tokens.admin)
        #expect(forced.status == 201, "\(forced)")
        let today = try await daemon.request("POST", "/v1/runs", as: daemon.tokens.admin)
        #expect(today.status == 201, "\(today)")
    }

    /// Finding 10: counts and runs of other areas do not reach a token limited to some areas.
    @Test func countsAndRunsAreScopedToTheTokensAreas() async throws {
        let run = try await daemon.request("POST", "/v1/runs", as: daemon.tokens.admin)
        #expect(run.status == 201, "\(run)")
        let id = try #require(try run.object()["id"] as? Int, "\(run)")
        let export = try await daemon.get("/v1/offenders?area=Northtown")
        let northtown = export.lines.filter { !$0.isEmpty }.count
        #expect(northtown > 0, "\(export)")

        let health = try await daemon.get("/healthz", as: daemon.tokens.northtownAnalyst)
        #expect(health.status == 200, "\(health)")
        #expect(try health.object()["offenders"] as? Int == northtown, "\(health)")

        for caller in [daemon.tokens.northtownAnalyst, daemon.tokens.northtownAdmin] {
            let metrics = try await daemon.get("/metrics", as: caller)
            #expect(metrics.status == 403, "\(metrics)")
        }
        let metrics = try await daemon.get("/metrics")
        #expect(metrics.status == 200, "\(metrics)")

        let list = try await daemon.get("/v1/runs", as: daemon.tokens.northtownAnalyst)
        let one = try await daemon.get("/v1/runs/\(id)", as: daemon.tokens.northtownAnalyst)
        let listed = try #require(try EndpointTests.runList(list).first { $0["id"] as? Int == id }, "\(list)")
        for seen in [listed, try one.object()] {
            #expect(seen["offenders"] as? Int == northtown, "\(seen)")
            #expect(seen["areas"] as? [String] == ["Northtown"], "\(seen)")
            #expect(seen["data_digest"] is NSNull && seen["previous_digest"] is NSNull, "\(seen)")
            #expect(seen["requested_by"] is NSNull, "\(seen)")
        }
        #expect(!list.text.contains("Southvale") && !one.text.contains("Southvale"), "\(list)\n\(one)")
    }
}
