import Foundation
import Testing

/// The token file is re-read while the daemon runs; a malformed edit keeps the tokens in force.
@Suite
struct TokenReloadTests {
    @Test func addedTokenIsAdmittedAndAMalformedEditIsIgnored() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let original = try daemon.read("tokens.txt")
        let newcomer = IssuedToken(name: "late-analyst", role: "analyst", areas: "Northtown", token: IssuedTokens.randomHex(32))

        let newcomerLine = newcomer.line(salt: IssuedTokens.randomHex(16))
        try daemon.write("tokens.txt", original + Data((newcomerLine + "\n").utf8))
        #expect(try await Self.poll(daemon, newcomer.token, until: 200), "the added token was not admitted within \(Int(Patience.seconds)) s; ppod said: \(daemon.standardError.suffix(3000))")

        // A malformed line anywhere: the newcomer's unchanged line stays admitted, a token added in
        // the same edit is not (new lines wait for a clean file).
        let another = IssuedToken(name: "later-analyst", role: "analyst", areas: "Northtown", token: IssuedTokens.randomHex(32))
        let edited = original + Data((newcomerLine + "\n"
            + another.line(salt: IssuedTokens.randomHex(16)) + "\nmalformed\n").utf8)
        try daemon.write("tokens.txt", edited)
        // The refusal is logged with the file and line: wait for it, so the checks below see the edit read.
        let malformedLine = JSONLines.lines(of: edited).count
        let deadline = Date().addingTimeInterval(Patience.seconds)
        while !daemon.standardError.contains("tokens.txt:\(malformedLine):") && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(daemon.standardError.contains("tokens.txt:\(malformedLine):"), "not logged: \(daemon.standardError.suffix(2000))")
        let kept = try await daemon.request("GET", "/v1/rules", token: newcomer.token)
        #expect(kept.status == 200, "\(kept)")
        let refused = try await daemon.request("GET", "/v1/rules", token: another.token)
        #expect(refused.status == 401, "\(refused)")

        // Removing the newcomer's line revokes it.
        try daemon.write("tokens.txt", original)
        #expect(try await Self.poll(daemon, newcomer.token, until: 401), "the removed token was still admitted after \(Int(Patience.seconds)) s")
    }

    /// Revocation fails closed: a line removed in an edit that also breaks another line is revoked,
    /// and a deleted token file admits nobody (loudly) until it is back.
    @Test func aRemovedLineIsRevokedDespiteABadLineAndADeletedFileAdmitsNobody() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let original = try daemon.read("tokens.txt")
        let lines = JSONLines.lines(of: original)
        let analyst = daemon.tokens.northtownAnalyst
        #expect(try await daemon.request("GET", "/v1/rules", as: analyst).status == 200)

        // The analyst's line removed, and a typo elsewhere in the same edit.
        let edited = lines.filter { !$0.hasPrefix(analyst.name + " ") } + ["typo analyst"]
        try daemon.write("tokens.txt", Data((edited.joined(separator: "\n") + "\n").utf8))
        #expect(try await Self.poll(daemon, analyst.token, until: 401), "the removed line was still admitted after \(Int(Patience.seconds)) s")
        #expect(try await daemon.request("GET", "/v1/rules", as: daemon.tokens.admin).status == 200, "an unchanged line was revoked")
        #expect(daemon.standardError.contains("tokens.txt:\(edited.count):"), "not logged: \(daemon.standardError.suffix(2000))")

        try FileManager.default.removeItem(at: daemon.directory.appendingPathComponent("tokens.txt"))
        #expect(try await Self.poll(daemon, daemon.tokens.admin.token, until: 401), "a deleted token file still admitted the admin")
        #expect(daemon.standardError.contains("cannot read the token file"), "not logged: \(daemon.standardError.suffix(2000))")

        try daemon.write("tokens.txt", original)
        #expect(try await Self.poll(daemon, analyst.token, until: 200), "the restored file was not read again")
    }

    static func poll(_ daemon: DaemonProcess, _ token: String, until status: Int) async throws -> Bool {
        let deadline = Date().addingTimeInterval(Patience.seconds)
        while Date() < deadline {
            if try await daemon.request("GET", "/v1/rules", token: token).status == status { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
