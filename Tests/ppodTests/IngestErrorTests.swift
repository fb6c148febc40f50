import Foundation
import Testing

/// Bad records, oversized bodies and malformed requests are refused with `ppo`'s reasons and stable codes.
@Suite(.serialized, .daemon(["--max-request-mb", "1"]))
struct IngestErrorTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    @Test func rejectedRecordsCarryPPOsMessagesAndTheRestIsStored() async throws {
        let response = try await daemon.ingest("samples/rejects.jsonl", query: "?source=samples/rejects.jsonl")
        #expect(response.status == 200, "\(response)")
        let ingest = try response.object()
        let rejected = ingest["rejected"] as? [[String: Any]] ?? []

        let ppo = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "samples/rejects.jsonl",
                                 "--as-of", "2026-11-22", "--format", "json")
        let expectedMessages = ppo.rejectLines(naming: "samples/rejects.jsonl")
        #expect(!expectedMessages.isEmpty, "\(ppo)")
        #expect(rejected.compactMap { $0["message"] as? String } == expectedMessages)
        #expect(rejected.compactMap { $0["line"] as? Int }
                == expectedMessages.compactMap { Int($0.split(separator: ":")[1]) })
        #expect(rejected.allSatisfy { ($0["reason"] as? String)?.isEmpty == false }, "\(response)")
        let lineCount = JSONLines.lines(of: try daemon.read("samples/rejects.jsonl")).count
        #expect(ingest["received"] as? Int == lineCount)

        // What ppo accepted from the file is what the daemon stored, with the first of a duplicated id.
        let accepted = try #require(try JSONSerialization.jsonObject(with: ppo.stdout) as? [String: Any], "\(ppo)")
        let acceptedIDs = Set(JSONLines.rankingIDs(accepted))
        #expect(acceptedIDs.count == lineCount - expectedMessages.count)
        let export = try await daemon.get("/v1/offenders")
        let stored = Set(JSONLines.ids(of: export.body))
        #expect(acceptedIDs.isSubset(of: stored), "missing: \(acceptedIDs.subtracting(stored))")
        let reggie = export.lines.first { $0.contains(#""id": "NT-9001""#) }
        #expect(reggie?.contains("Reggie Acceptable") == true, "NT-9001 as stored: \(reggie ?? "none")")
        #expect(!stored.contains("NT-9005") && !stored.contains("NT-9006"), "a rejected record was stored")
    }

    @Test func defaultSourceIsRequest() async throws {
        let body = Data("{\"id\": \"NT-9100\", \"name\": \n".utf8)
        let response = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: body)
        #expect(response.status == 200, "\(response)")
        let rejected = try response.object()["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.count == 1)
        #expect((rejected.first?["message"] as? String)?.hasPrefix("request:1: ") == true, "\(response)")
    }

    @Test func recordsOutsideTheTokensAreasAreRejected() async throws {
        let body = Data([
            #"{"id": "NT-9201", "name": "Nell Inside", "dob": "1990-01-01", "area": "Northtown"}"#,
            #"{"id": "SV-9202", "name": "Seth Outside", "dob": "1990-01-01", "area": "Southvale"}"#,
        ].joined(separator: "\n").utf8 + [10])
        let response = try await daemon.request("PUT", "/v1/offenders?source=areas.jsonl", as: daemon.tokens.northtownAdmin, body: body)
        #expect(response.status == 200, "\(response)")
        let ingest = try response.object()
        let rejected = ingest["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.compactMap { $0["line"] as? Int } == [2], "\(response)")
        #expect((rejected.first?["message"] as? String)?.hasPrefix("areas.jsonl:2: ") == true, "\(response)")
        #expect(ingest["inserted"] as? Int == 1)
        let stored = JSONLines.ids(of: try await daemon.get("/v1/offenders").body)
        #expect(stored.contains("NT-9201") && !stored.contains("SV-9202"))
    }

    /// The answer carries each rejected line's exact bytes (base64) and escapes data in its messages;
    /// an area reject keeps its line's carriage return too.
    @Test func rejectedLinesComeBackByteForByte() async throws {
        let lines: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF] + Array(#"{"id": 5}"#.utf8) + [0x0D],
            Array(#"{"id": "NT-93"#.utf8) + [0xFF] + Array(#""}"#.utf8),
            Array(#"{"id": "NT-9302",#.utf8) + [0x00] + Array(#"}"#.utf8),
            Array(#"{"id": "NT-9303", "name": "Ned\nInside", "area": "Northtown"}"#.utf8) + [0x0D],
            Array(#"{"id": "NT-9303\nX"}"#.utf8),
            Array(#"{"id": "SV-9304", "area": "South\u2028vale"}"#.utf8) + [0x0D],
        ]
        let body = Data(lines.flatMap { (line: [UInt8]) -> [UInt8] in line + [0x0A] })
        let response = try await daemon.request("PUT", "/v1/offenders?source=odd.jsonl", as: daemon.tokens.northtownAdmin,
                                                body: body)
        #expect(response.status == 200, "\(response)")
        let rejected = try response.object()["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.compactMap { $0["line"] as? Int } == [1, 2, 3, 5, 6], "\(response)")
        let returned = rejected.map { ($0["bytes_base64"] as? String).flatMap { Data(base64Encoded: $0) }.map(Array.init) }
        #expect(returned == [lines[0], lines[1], lines[2], lines[4], lines[5]], "\(response)")
        let messages = rejected.compactMap { $0["message"] as? String }
        #expect(messages.count == 5 && messages.allSatisfy { !$0.contains("\n") && !$0.contains("\u{2028}") }, "\(messages)")
        #expect(messages.contains(#"odd.jsonl:5: "id" must not hold a control character (U+000A)"#), "\(messages)")
        #expect(messages.contains(#"odd.jsonl:6: area 'South\u{2028}vale' is outside the areas of token 'northtown-admin'"#),
                "\(messages)")
    }

    @Test func bodyOverTheLimitIs413AndStoresNothing() async throws {
        let before = try await daemon.get("/healthz")
        let countBefore = try before.object()["offenders"] as? Int
        // About 2 MB of valid records, twice the limit.
        let output = try daemon.ppo("generate", "--offenders", "900", "--seed", "3", "--output", "big.jsonl")
        #expect(output.status == 0, "\(output)")
        let body = try daemon.read("big.jsonl")
        #expect(body.count > 1_500_000 && body.count < 4_000_000, "generated \(body.count) bytes")

        let response = try await daemon.request("PUT", "/v1/offenders", as: daemon.tokens.admin, body: body)
        #expect(response.status == 413, "\(response)")
        #expect(try response.errorCode() == "too-large")

        let after = try await daemon.get("/healthz")
        #expect(try after.object()["offenders"] as? Int == countBefore)
        let export = try await daemon.get("/v1/offenders")
        #expect(!JSONLines.ids(of: export.body).contains { $0.hasPrefix("S-") }, "part of the refused body was stored")
    }

    @Test(arguments: [
        Paths.ranking("as_of=2026-02-30"),
        Paths.ranking("as_of=22-11-2026"),
        Paths.results("as_of=2026-13-01"),
        "/v1/alerts?date=2026-11-31",
    ])
    func malformedDateIs400(path: String) async throws {
        let response = try await daemon.get(path)
        #expect(response.status == 400, "\(response)")
        #expect(try response.errorCode() == "bad-date")
    }

    @Test(arguments: ["/v1/audit?limit=abc", "/v1/audit?since=-1", "/v1/runs?limit=0", "/v1/alerts?date=2026-11-23&live=maybe"])
    func malformedParameterIs400(path: String) async throws {
        let response = try await daemon.get(path)
        #expect(response.status == 400, "\(response)")
        #expect(try response.errorCode() == "bad-parameter")
    }

    @Test func unknownMatrixSuggestsTheNearestName() async throws {
        let misspelt = try await daemon.get(Paths.ranking("as_of=2026-11-22", matrix: "Prolific Offender Prioritisaton"))
        #expect(misspelt.status == 404, "\(misspelt)")
        #expect(try misspelt.errorCode() == "unknown-matrix")
        #expect(misspelt.errorMessage == "unknown matrix 'Prolific Offender Prioritisaton'; did you mean 'Prolific Offender Prioritisation'?",
                "\(misspelt)")

        // docs/ppod.md's own example: a name too far off for ppo's did-you-mean still names the matrix loaded.
        let short = try await daemon.get(Paths.ranking("as_of=2026-11-22", matrix: "Prolific"))
        #expect(short.status == 404, "\(short)")
        #expect(try short.errorCode() == "unknown-matrix")
        #expect(short.errorMessage.contains("'Prolific Offender Prioritisation'"), "\(short)")
    }

    @Test func otherUnknownNamesAre404WithTheirCodes() async throws {
        let checklist = try await daemon.get(Paths.results("as_of=2026-11-23", checklist: "CJS Premium"))
        #expect(checklist.status == 404, "\(checklist)")
        #expect(try checklist.errorCode() == "unknown-checklist")

        let owner = try await daemon.get(Paths.results("as_of=2026-11-23&owner=policee"))
        #expect(owner.status == 404, "\(owner)")
        #expect(try owner.errorCode() == "unknown-owner")

        let alerts = try await daemon.get("/v1/alerts?date=2026-11-23&alerts=Nightly")
        #expect(alerts.status == 404, "\(alerts)")
        #expect(try alerts.errorCode() == "unknown-alerts")

        let offender = try await daemon.get(Paths.explain("NT-NOBODY", "matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-22"))
        #expect(offender.status == 404, "\(offender)")
        #expect(try offender.errorCode() == "unknown-offender")

        let run = try await daemon.get("/v1/runs/999999")
        #expect(run.status == 404, "\(run)")
        #expect(try run.errorCode() == "unknown-run")

        let stored = try await daemon.get(Paths.ranking("run=999999"))
        #expect(stored.status == 404, "\(stored)")
        #expect(try stored.errorCode() == "unknown-run")

        let route = try await daemon.get("/v1/nothing-here")
        #expect(route.status == 404, "\(route)")
        #expect(try route.errorCode() == "not-found")
    }

    @Test func csvOfAnExplanationIsNotAcceptable() async throws {
        let response = try await daemon.get(Paths.explain("NT-0001", "matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-22"),
                                            headers: ["Accept": "text/csv"])
        #expect(response.status == 406, "\(response)")
        #expect(try response.errorCode() == "not-acceptable")
    }
}
