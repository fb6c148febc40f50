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

        try daemon.write("tokens.txt", original + Data((newcomer.line(salt: IssuedTokens.randomHex(16)) + "\n").utf8))
        #expect(try await Self.poll(daemon, newcomer.token, until: 200), "the added token was not admitted within \(Int(Patience.seconds)) s; ppod said: \(daemon.standardError.suffix(3000))")

        // A malformed line anywhere: the edit is ignored as a whole, so the newcomer stays admitted
        // and a token added in the same edit is not.
        let another = IssuedToken(name: "later-analyst", role: "analyst", areas: "Northtown", token: IssuedTokens.randomHex(32))
        let edited = original + Data((newcomer.line(salt: IssuedTokens.randomHex(16)) + "\n"
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

    static func poll(_ daemon: DaemonProcess, _ token: String, until status: Int) async throws -> Bool {
        let deadline = Date().addingTimeInterval(Patience.seconds)
        while Date() < deadline {
            if try await daemon.request("GET", "/v1/rules", token: token).status == status { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
