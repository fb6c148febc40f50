import Testing
@testable import ppod

@Suite struct TokenFileTests {
    static let salt = "00112233445566778899aabbccddeeff"

    @Test func aLineGrantsItsRoleAndAreas() throws {
        let line = TokenFile.line(name: "nt-tasking", role: .tasking, areas: ["Northtown", "Southvale"],
                                  token: "secret-1", salt: Self.salt)
        let entries = try TokenFile.parse("# comment\n\n" + line + "   # trailing\n", path: "tokens.txt")
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry.caller.name == "nt-tasking")
        #expect(entry.caller.role == .tasking)
        #expect(entry.caller.areas == ["Northtown", "Southvale"])
        #expect(entry.matches("secret-1"))
        #expect(!entry.matches("secret-2"))
        #expect(!entry.matches(""))
    }

    @Test func aStarSeesEveryAreaButNoAreaIsSeenByNamedAreasOnly() throws {
        let line = TokenFile.line(name: "admin", role: .admin, areas: nil, token: "t", salt: Self.salt)
        let admin = try #require(try TokenFile.parse(line, path: "tokens.txt").first).caller
        #expect(admin.areas == nil)
        #expect(admin.sees("Anywhere"))
        #expect(admin.sees(nil))
        let analyst = Caller(name: "a", role: .analyst, areas: ["Northtown"])
        #expect(analyst.sees("Northtown"))
        #expect(!analyst.sees("Southvale"))
        #expect(!analyst.sees(nil))
    }

    /// Areas are the exact bytes between their commas (split by Unicode scalar, so an area may
    /// start with a combining mark), and a token sees only areas with exactly those bytes.
    @Test func areasAreTheirBytes() throws {
        let line = TokenFile.line(name: "cafe", role: .analyst, areas: ["Caf\u{E9}", "\u{301}x"], token: "t", salt: Self.salt)
        // With CRLF line ends, as a file edited on Windows has.
        let text = "# tokens\r\n" + line + "\r\n"
        let caller = try #require(try TokenFile.parse(text, path: "tokens.txt").first).caller
        #expect(caller.areas?.map { Array($0.utf8) } == [Array("Caf\u{E9}".utf8), Array("\u{301}x".utf8)])
        #expect(caller.sees("Caf\u{E9}"))
        #expect(!caller.sees("Cafe\u{301}"))
        #expect(!caller.sees("x"))
        let twins = [TokenFile.line(name: "caf\u{E9}", role: .analyst, areas: nil, token: "t", salt: Self.salt),
                     TokenFile.line(name: "cafe\u{301}", role: .analyst, areas: nil, token: "u", salt: Self.salt)]
        #expect(try TokenFile.parse(twins.joined(separator: "\n"), path: "tokens.txt").count == 2)
    }

    static let badLines: [(line: String, reason: String)] = [
        ("a analyst Northtown 00112233445566778899aabbccddeeff", "expected 5 fields (name role areas salt hash), found 4"),
        ("a chief Northtown 00112233445566778899aabbccddeeff " + String(repeating: "a", count: 64),
         "unknown role 'chief' (roles: analyst, manager, tasking, admin)"),
        ("a analyst Northtown 0011 " + String(repeating: "a", count: 64), "the salt must be at least 16 hex digits"),
        ("a analyst Northtown 00112233445566778899aabbccddeeff ABC", "the hash must be 64 lower-case hex digits (SHA-256)"),
        ("a analyst , 00112233445566778899aabbccddeeff " + String(repeating: "a", count: 64),
         "no areas given; write * for every area"),
    ]

    @Test(arguments: badLines)
    func aBadLineNamesTheFileLineAndReason(_ bad: (line: String, reason: String)) {
        #expect {
            _ = try TokenFile.parse("# tokens\n" + bad.line + "\n", path: "tokens.txt")
        } throws: { error in
            String(describing: error) == "tokens.txt:2: \(bad.reason)"
        }
    }

    @Test func aNameUsedTwiceIsRefused() {
        let line = TokenFile.line(name: "twice", role: .admin, areas: nil, token: "t", salt: Self.salt)
        #expect {
            _ = try TokenFile.parse(line + "\n" + line, path: "tokens.txt")
        } throws: { error in
            String(describing: error) == "tokens.txt:2: the token name 'twice' is used twice"
        }
    }

    /// Saved on Windows: CRLF line ends and a byte order mark read exactly like the LF file.
    @Test func crlfAndAByteOrderMarkReadLikeLF() throws {
        let lines = ["# name role areas salt hash", "",
                     TokenFile.line(name: "a", role: .admin, areas: nil, token: "t-a", salt: Self.salt),
                     TokenFile.line(name: "b", role: .analyst, areas: ["Northtown", "Southvale"], token: "t-b", salt: Self.salt) + "  # b"]
        let plain = TokenFile.scan(Array((lines.joined(separator: "\n") + "\n").utf8), path: "tokens.txt")
        let windows = TokenFile.scan([0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8), path: "tokens.txt")
        #expect(plain.problems.isEmpty && windows.problems.isEmpty, "\(windows.problems)")
        #expect(plain.entries.count == 2)
        #expect(windows.entries == plain.entries)
        #expect(windows.entries.last?.caller.areas == ["Northtown", "Southvale"])
    }

    static let hash = String(repeating: "a", count: 64)
    static let badAreas: [(field: String, reason: String)] = [
        (",*", "'*' (every area) must be the whole areas field, not one of a list: ',*'"),
        ("Northtown,*", "'*' (every area) must be the whole areas field, not one of a list: 'Northtown,*'"),
        ("Northtown,,Southvale", "an area name cannot be empty: 'Northtown,,Southvale'"),
        ("Northtown,", "an area name cannot be empty: 'Northtown,'"),
    ]

    /// `*` means every area only as the whole field; an empty item is a mistake, not nothing.
    @Test(arguments: badAreas)
    func aStarOrAnEmptyItemInAListIsABadLine(_ bad: (field: String, reason: String)) {
        let contents = TokenFile.scan(Array("a analyst \(bad.field) \(Self.salt) \(Self.hash)\n".utf8), path: "tokens.txt")
        #expect(contents.entries.isEmpty)
        #expect(contents.problems == ["tokens.txt:1: \(bad.reason)"])
    }

    @Test func aLineThatIsNotUTF8IsABadLine() {
        let contents = TokenFile.scan(Array("a analyst ".utf8) + [0xFF] + Array(" \(Self.salt) \(Self.hash)\n".utf8), path: "tokens.txt")
        #expect(contents.problems == ["tokens.txt:1: the line is not UTF-8 text"])
    }

    /// What `ppod token` accepts reads back the same; what the file cannot hold is refused.
    @Test func namesAndAreasRoundTripOrAreRefused() throws {
        for (name, areas) in [("nt-analyst", ["Northtown"]), ("é-analyst", ["Nörthtown", "South-vale"]), ("x", ["*x*"])] {
            #expect(TokenFile.problem(inName: name) == nil)
            #expect(areas.allSatisfy { TokenFile.problem(inArea: $0) == nil })
            let line = TokenFile.line(name: name, role: .analyst, areas: areas, token: "t", salt: Self.salt)
            let caller = try #require(try TokenFile.parse(line, path: "tokens.txt").first).caller
            #expect(caller.name == name && caller.areas == areas)
        }
        for name in ["", "a#b", "a b", " a", "a ", "a\tb", "a\u{7}", "a\u{FEFF}", "a\u{A0}b"] {
            #expect(TokenFile.problem(inName: name) != nil, "name \(name.debugDescription) accepted")
        }
        for area in ["", "Northtown#x", "North,town", "North town", " Northtown", "Northtown ", "*", "a\r", "a\u{1B}"] {
            #expect(TokenFile.problem(inArea: area) != nil, "area \(area.debugDescription) accepted")
        }
    }
}
