import Foundation
import Testing

/// Refused requests: the status and code of each refusal, and an audit entry for every one.
///
/// Each test asks for a ranking (or list) at a date of its own, so its audit entry can be told apart.
@Suite(.serialized, .daemon())
struct AuthTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    /// Requires an audit entry with `path` (compared percent-decoded) and `status`.
    func expectAudited(_ method: String, _ path: String, status: Int, token: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await daemon.get("/v1/audit")
        #expect(response.status == 200, "\(response)", sourceLocation: sourceLocation)
        let audit = try response.object(sourceLocation: sourceLocation)
        let entries = audit["entries"] as? [[String: Any]] ?? []
        let wanted = path.removingPercentEncoding ?? path
        let match = entries.first { entry in
            ((entry["path"] as? String)?.removingPercentEncoding == wanted)
                && entry["status"] as? Int == status && entry["method"] as? String == method
        }
        #expect(match != nil, "no audit entry for \(method) \(path) → \(status) among \(entries.suffix(5))",
                sourceLocation: sourceLocation)
        if let token, let match {
            #expect(match["token"] as? String == token, "\(match)", sourceLocation: sourceLocation)
        }
        #expect(audit["chain_intact"] as? Bool == true, sourceLocation: sourceLocation)
    }

    @Test func missingTokenIs401WithChallenge() async throws {
        let path = Paths.ranking("as_of=2026-10-01")
        let response = try await daemon.request("GET", path)
        #expect(response.status == 401, "\(response)")
        #expect(try response.errorCode() == "missing-token")
        #expect(response.header("WWW-Authenticate") == #"Bearer realm="ppod""#, "\(response)")
        try await expectAudited("GET", path, status: 401)
    }

    @Test func wrongTokenIs401() async throws {
        let path = Paths.ranking("as_of=2026-10-02")
        let response = try await daemon.request("GET", path, token: IssuedTokens.randomHex(32))
        #expect(response.status == 401, "\(response)")
        #expect(try response.errorCode() == "invalid-token")
        #expect(response.header("WWW-Authenticate") == #"Bearer realm="ppod""#, "\(response)")
        try await expectAudited("GET", path, status: 401)
    }

    @Test func analystCannotReadAlerts() async throws {
        let path = "/v1/alerts?date=2026-10-03"
        // A manager's answer to the same request first: a cached answer must not skip the role check.
        let manager = try await daemon.get(path, as: daemon.tokens.northtownManager)
        #expect(manager.status == 200, "\(manager)")
        let response = try await daemon.get(path, as: daemon.tokens.northtownAnalyst)
        #expect(response.status == 403, "\(response)")
        #expect(try response.errorCode() == "forbidden-role")
        try await expectAudited("GET", path, status: 403, token: "northtown-analyst")
    }

    @Test func taskingCannotReadRankings() async throws {
        let path = Paths.ranking("as_of=2026-10-04")
        let response = try await daemon.get(path, as: daemon.tokens.northtownTasking)
        #expect(response.status == 403, "\(response)")
        #expect(try response.errorCode() == "forbidden-role")
        try await expectAudited("GET", path, status: 403, token: "northtown-tasking")
    }

    @Test func onlyTheAdminIngests() async throws {
        let body = Data(#"{"id": "NT-7777", "name": "Manny Uninvited", "dob": "1990-01-01", "area": "Northtown"}"#.utf8 + [10])
        let path = "/v1/offenders?source=manager-put"
        let response = try await daemon.request("PUT", path, as: daemon.tokens.northtownManager, body: body)
        #expect(response.status == 403, "\(response)")
        #expect(try response.errorCode() == "forbidden-role")
        let export = try await daemon.get("/v1/offenders")
        #expect(!JSONLines.ids(of: export.body).contains("NT-7777"), "the refused ingest stored its record")
        try await expectAudited("PUT", path, status: 403, token: "northtown-manager")
    }

    @Test func onlyTheAdminReadsTheAudit() async throws {
        let path = "/v1/audit?limit=7"
        let response = try await daemon.get(path, as: daemon.tokens.northtownManager)
        #expect(response.status == 403, "\(response)")
        #expect(try response.errorCode() == "forbidden-role")
        try await expectAudited("GET", path, status: 403, token: "northtown-manager")
    }

    @Test func analystCannotStartARun() async throws {
        let path = "/v1/runs?as_of=2026-10-05"
        let response = try await daemon.request("POST", path, as: daemon.tokens.northtownAnalyst)
        #expect(response.status == 403, "\(response)")
        #expect(try response.errorCode() == "forbidden-role")
        try await expectAudited("POST", path, status: 403, token: "northtown-analyst")
    }

    @Test func anotherAreaIsForbidden() async throws {
        let path = Paths.ranking("as_of=2026-10-06&area=Southvale")
        let allowed = try await daemon.get(path, as: daemon.tokens.twinAnalyst)
        #expect(allowed.status == 200, "\(allowed)")
        let response = try await daemon.get(path, as: daemon.tokens.northtownAnalyst)
        #expect(response.status == 403, "\(response)")
        #expect(try response.errorCode() == "forbidden-area")
        try await expectAudited("GET", path, status: 403, token: "northtown-analyst")
    }

    @Test func severalAreasNeedOneNamed() async throws {
        let path = Paths.ranking("as_of=2026-10-07")
        let response = try await daemon.get(path, as: daemon.tokens.twinAnalyst)
        #expect(response.status == 400, "\(response)")
        #expect(try response.errorCode() == "area-required")
        try await expectAudited("GET", path, status: 400, token: "twin-analyst")

        let named = try await daemon.get(Paths.ranking("as_of=2026-10-07&area=Southvale"), as: daemon.tokens.twinAnalyst)
        #expect(named.status == 200, "\(named)")
    }
}
