import Foundation
import PPOEngine

/// One line of the token file: a token's name, role and areas, and its salted hash.
struct TokenEntry: Sendable {
    let caller: Caller
    let salt: String
    /// SHA-256 (lower-case hex) of the salt as written followed by the token's UTF-8 bytes.
    let hash: String

    func matches(_ token: String) -> Bool {
        let candidate = SHA256.hex(of: Array(salt.utf8) + Array(token.utf8))
        // Constant time: how much of a guess matched must not show in the answer's timing.
        var difference: UInt8 = candidate.utf8.count == hash.utf8.count ? 0 : 1
        for (a, b) in zip(candidate.utf8, hash.utf8) { difference |= a ^ b }
        return difference == 0
    }
}

/// A token file that could not be used, with the line at fault.
struct TokenFileError: Error, CustomStringConvertible {
    let description: String
}

/// Reads the token file: `name role areas salt hash` per line, `#` comments.
enum TokenFile {
    static func read(path: String) throws -> [TokenEntry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenFileError(description: "cannot read the token file '\(path)'")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// The file is cut into lines, fields and areas by Unicode scalars, not by characters: an area is
    /// exactly the bytes between its commas (areas compare by their exact bytes), even when it starts
    /// with a combining mark, and `\r\n` (one character to Swift) still ends a line.
    static func parse(_ text: String, path: String) throws -> [TokenEntry] {
        var entries: [TokenEntry] = []
        var names: Set<ExactText> = []
        for (index, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? rawLine.prefix(0)
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if fields.isEmpty { continue }
            func fail(_ reason: String) -> TokenFileError {
                TokenFileError(description: "\(path):\(index + 1): \(reason)")
            }
            guard fields.count == 5 else {
                throw fail("expected 5 fields (name role areas salt hash), found \(fields.count)")
            }
            guard let role = Role(rawValue: fields[1]) else {
                throw fail("unknown role '\(fields[1])' (roles: analyst, manager, tasking, admin)")
            }
            let areas = fields[2] == "*" ? nil : fields[2].unicodeScalars.split(separator: ",").map(String.init)
            if let areas, areas.isEmpty { throw fail("no areas given; write * for every area") }
            guard fields[3].utf8.count >= 16, fields[3].allSatisfy(\.isHexDigit) else {
                throw fail("the salt must be at least 16 hex digits")
            }
            guard fields[4].utf8.count == 64, fields[4].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw fail("the hash must be 64 lower-case hex digits (SHA-256)")
            }
            guard names.insert(ExactText(fields[0])).inserted else { throw fail("the token name '\(fields[0])' is used twice") }
            entries.append(TokenEntry(caller: Caller(name: fields[0], role: role, areas: areas),
                                      salt: fields[3], hash: fields[4]))
        }
        return entries
    }

    /// A new line for the file, for `token`.
    static func line(name: String, role: Role, areas: [String]?, token: String, salt: String) -> String {
        let hash = SHA256.hex(of: Array(salt.utf8) + Array(token.utf8))
        return "\(name) \(role.rawValue) \(areas?.joined(separator: ",") ?? "*") \(salt) \(hash)"
    }
}
