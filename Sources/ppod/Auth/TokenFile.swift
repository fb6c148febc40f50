import Foundation
import PPOEngine

/// One line of the token file: a token's name, role and areas, and its salted hash.
struct TokenEntry: Sendable, Equatable {
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

    static func == (a: TokenEntry, b: TokenEntry) -> Bool {
        a.caller.name == b.caller.name && a.caller.role == b.caller.role && a.caller.areas == b.caller.areas
            && a.salt == b.salt && a.hash == b.hash
    }
}

/// A token file that could not be used, with the line at fault.
struct TokenFileError: Error, CustomStringConvertible {
    let description: String
}

/// What reading the token file found: the entries of its good lines, and a `FILE:LINE: reason`
/// for each bad one.
struct TokenFileContents: Sendable {
    var entries: [TokenEntry] = []
    var problems: [String] = []
}

/// Reads the token file: `name role areas salt hash` per line, `#` comments.
///
/// The file is read as bytes and split on LF, so CRLF line ends (a file saved on Windows) and a
/// UTF-8 byte order mark read like plain LF text; a line that is not UTF-8 is a bad line.
enum TokenFile {
    /// Every line checked; throws only when the file cannot be read at all (missing, no permission).
    static func scan(path: String) throws -> TokenFileContents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenFileError(description: "cannot read the token file '\(path)'")
        }
        return scan(Array(data), path: path)
    }

    /// The entries of a file that must be clean: throws `FILE:LINE: reason` for the first bad line.
    static func read(path: String) throws -> [TokenEntry] {
        let contents = try scan(path: path)
        if let problem = contents.problems.first { throw TokenFileError(description: problem) }
        return contents.entries
    }

    /// The entries of `text`, which must be clean.
    static func parse(_ text: String, path: String) throws -> [TokenEntry] {
        let contents = scan(Array(text.utf8), path: path)
        if let problem = contents.problems.first { throw TokenFileError(description: problem) }
        return contents.entries
    }

    static func scan(_ bytes: [UInt8], path: String) -> TokenFileContents {
        var contents = TokenFileContents()
        var names: Set<ExactText> = []
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        for (index, rawLine) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var lineBytes = rawLine
            if lineBytes.last == 0x0D { lineBytes = lineBytes.dropLast() }
            do {
                guard let entry = try entry(lineBytes) else { continue }
                guard names.insert(ExactText(entry.caller.name)).inserted else {
                    throw TokenFileError(description: "the token name '\(entry.caller.name)' is used twice")
                }
                contents.entries.append(entry)
            } catch {
                contents.problems.append("\(path):\(index + 1): \(error)")
            }
        }
        return contents
    }

    /// The entry of one line, nil for a blank or comment line; throws the reason a line is bad.
    private static func entry(_ bytes: ArraySlice<UInt8>) throws -> TokenEntry? {
        func fail(_ reason: String) -> TokenFileError { TokenFileError(description: reason) }
        let content = bytes.split(separator: UInt8(ascii: "#"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        guard let line = String(validating: content, as: UTF8.self) else { throw fail("the line is not UTF-8 text") }
        // Split by Unicode scalars, not characters: a field is exactly the bytes between separators,
        // even when it starts with a combining mark (which would fuse with the separator as a character).
        let fields = line.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if fields.isEmpty { return nil }
        guard fields.count == 5 else {
            throw fail("expected 5 fields (name role areas salt hash), found \(fields.count)")
        }
        if let problem = problem(inName: fields[0]) { throw fail(problem) }
        guard let role = Role(rawValue: fields[1]) else {
            throw fail("unknown role '\(fields[1])' (roles: analyst, manager, tasking, admin)")
        }
        let areas = try Self.areas(fields[2])
        guard fields[3].utf8.count >= 16, fields[3].allSatisfy(\.isHexDigit) else {
            throw fail("the salt must be at least 16 hex digits")
        }
        guard fields[4].utf8.count == 64, fields[4].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw fail("the hash must be 64 lower-case hex digits (SHA-256)")
        }
        return TokenEntry(caller: Caller(name: fields[0], role: role, areas: areas), salt: fields[3], hash: fields[4])
    }

    /// The areas a field grants: nil (every area) for `*` alone, else the comma-separated names.
    static func areas(_ field: String) throws -> [String]? {
        if field == "*" { return nil }
        let areas = field.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if areas.allSatisfy(\.isEmpty) { throw TokenFileError(description: "no areas given; write * for every area") }
        if areas.contains("*") {
            throw TokenFileError(description: "'*' (every area) must be the whole areas field, not one of a list: '\(field)'")
        }
        for area in areas {
            if let problem = problem(inArea: area) { throw TokenFileError(description: "\(problem): '\(field)'") }
        }
        return areas
    }

    /// Why `name` cannot be written to the token file and read back the same, or nil.
    static func problem(inName name: String) -> String? {
        if name.isEmpty { return "a token name cannot be empty" }
        return unwritable(name, what: "a token name")
    }

    /// Why `area` cannot be one of a token's areas in the file and read back the same, or nil.
    static func problem(inArea area: String) -> String? {
        if area.isEmpty { return "an area name cannot be empty" }
        if area == "*" { return "'*' (every area) stands alone, not as one of a list" }
        if area.contains(",") { return "an area name cannot contain ','" }
        return unwritable(area, what: "an area name")
    }

    /// The characters no field can hold: the field separators, the comment mark, and anything
    /// invisible that would not survive an edit (control characters, other spaces).
    private static func unwritable(_ text: String, what: String) -> String? {
        if text.contains("#") { return "\(what) cannot contain '#' (it starts a comment)" }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .format }) {
            return "\(what) cannot contain spaces or control characters"
        }
        return nil
    }

    /// A new line for the file, for `token`. The name and areas must have passed `problem(inName:)`
    /// and `problem(inArea:)`.
    static func line(name: String, role: Role, areas: [String]?, token: String, salt: String) -> String {
        let hash = SHA256.hex(of: Array(salt.utf8) + Array(token.utf8))
        return "\(name) \(role.rawValue) \(areas?.joined(separator: ",") ?? "*") \(salt) \(hash)"
    }
}
