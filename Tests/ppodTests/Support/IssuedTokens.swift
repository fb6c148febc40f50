import Foundation
import PPOEngine

/// One bearer token the tests hold, and the line of the token file that admits it.
struct IssuedToken: Sendable {
    let name: String
    let role: String
    let areas: String
    let token: String

    /// `name role areas salt sha256(salt ‖ token)`, the salt's bytes being its hex text as written.
    func line(salt: String) -> String {
        let hash = SHA256.hex(of: Array(salt.utf8) + Array(token.utf8))
        return "\(name)  \(role)  \(areas)  \(salt)  \(hash)"
    }
}

/// The callers every test daemon admits: one per role and area shape the contract distinguishes.
struct IssuedTokens: Sendable {
    let admin = IssuedToken(name: "admin", role: "admin", areas: "*", token: Self.randomHex(32))
    let northtownAnalyst = IssuedToken(name: "northtown-analyst", role: "analyst", areas: "Northtown", token: Self.randomHex(32))
    let northtownManager = IssuedToken(name: "northtown-manager", role: "manager", areas: "Northtown", token: Self.randomHex(32))
    let northtownTasking = IssuedToken(name: "northtown-tasking", role: "tasking", areas: "Northtown", token: Self.randomHex(32))
    let twinAnalyst = IssuedToken(name: "twin-analyst", role: "analyst", areas: "Northtown,Southvale", token: Self.randomHex(32))
    let southvaleManager = IssuedToken(name: "southvale-manager", role: "manager", areas: "Southvale", token: Self.randomHex(32))
    /// An admin of one area: may ingest, but only that area's records.
    let northtownAdmin = IssuedToken(name: "northtown-admin", role: "admin", areas: "Northtown", token: Self.randomHex(32))

    var all: [IssuedToken] { [admin, northtownAnalyst, northtownManager, northtownTasking, twinAnalyst, southvaleManager, northtownAdmin] }

    /// The token file: a comment, a blank line, then one salted line per caller.
    var fileText: String {
        var lines = ["# name  role  areas  salt  sha256(salt ‖ token)", ""]
        for caller in all { lines.append(caller.line(salt: Self.randomHex(16))) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `count` random bytes as lower-case hex.
    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
