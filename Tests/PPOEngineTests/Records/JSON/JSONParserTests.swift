import Testing
@testable import PPOEngine

@Suite struct JSONParserTests {
    private func parse(_ text: String) -> Result<JSONValue, JSONSyntaxError> { JSONParser.parse(text) }

    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        (" false ", .bool(false)),
        ("0", .number("0")),
        ("-0", .number("-0")),
        ("12.50", .number("12.50")),
        ("-1.5e+300", .number("-1.5e+300")),
        ("2E-3", .number("2E-3")),
        ("123456789012345678901234567890", .number("123456789012345678901234567890")),
        ("\"\"", .string("")),
        ("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", .string("a\"b\\c/d\u{8}\u{c}\n\r\t")),
        ("[]", .array([])),
        ("[1, [2], {}]", .array([.number("1"), .array([.number("2")]), .object([])])),
        ("{}", .object([])),
        ("\t{ \"a\" : 1 ,\"b\":[ true , null ] }\r\n", .object([
            JSONMember(key: "a", value: .number("1")),
            JSONMember(key: "b", value: .array([.bool(true), .null])),
        ])),
    ])
    func parsesValidDocuments(text: String, expected: JSONValue) {
        #expect(parse(text) == .success(expected))
    }

    @Test func objectsKeepKeyOrderAndRepeats() throws {
        let value = try parse(#"{"z": 1, "a": 2, "z": 3}"#).get()
        #expect(value == .object([
            JSONMember(key: "z", value: .number("1")),
            JSONMember(key: "a", value: .number("2")),
            JSONMember(key: "z", value: .number("3")),
        ]))
    }

    @Test(arguments: [
        (#"\u00e9"#, "é"),
        (#"\u00E9t\u00e9"#, "été"),
        (#"\ud83d\ude00"#, "😀"),
        (#"x\uD834\uDD1Ey"#, "x𝄞y"),
        (#"\u0000"#, "\u{0}"),
        ("raw é and 😀", "raw é and 😀"),
    ])
    func decodesUnicode(inner: String, expected: String) {
        #expect(parse("\"\(inner)\"") == .success(.string(expected)))
    }

    /// Every kind of syntax error, with the 1-based byte column it is reported at.
    @Test(arguments: [
        ("", 1, "expected a value, found end of line"),
        ("   ", 4, "expected a value, found end of line"),
        ("@", 1, "expected a value, found '@'"),
        ("{\"a\": 1", 8, "expected ',' or '}' after object member"),
        ("{\"a\": 1 \"b\": 2}", 9, "expected ',' or '}' after object member"),
        ("{\"a\" 1}", 6, "expected ':' after object key"),
        ("{a: 1}", 2, "expected '\"' to start an object key, found 'a'"),
        ("{\"a\": 1,}", 9, "trailing ',' before '}'"),
        ("{\"a\": }", 7, "expected a value, found '}'"),
        ("[1 2]", 4, "expected ',' or ']' after list element"),
        ("[1,]", 4, "trailing ',' before ']'"),
        ("[", 2, "expected a value, found end of line"),
        ("{} x", 4, "unexpected 'x' after the JSON value"),
        ("tru", 1, "invalid literal: expected true, false or null"),
        ("nul", 1, "invalid literal: expected true, false or null"),
        ("[True]", 2, "expected a value, found 'T'"),
        ("-", 2, "invalid number: expected a digit after '-'"),
        ("-a", 2, "invalid number: expected a digit after '-'"),
        ("012", 1, "invalid number: leading zeros are not allowed"),
        ("1.", 3, "invalid number: expected a digit after '.'"),
        (".5", 1, "expected a value, found '.'"),
        ("1e", 3, "invalid number: expected a digit in the exponent"),
        ("1e+", 4, "invalid number: expected a digit in the exponent"),
        ("[\"abc", 2, "unterminated string"),
        ("\"ab\\", 1, "unterminated string"),
        ("\"a\tb\"", 3, "control character in string must be written as an escape"),
        ("\"\\x\"", 2, "invalid escape '\\x' in string"),
        ("\"\\u12\"", 2, "invalid \\u escape: expected four hex digits"),
        ("\"\\u12G4\"", 2, "invalid \\u escape: expected four hex digits"),
        ("\"\\ud83d\"", 2, "unpaired surrogate in \\u escape"),
        ("\"\\ud83d\\u0041\"", 2, "unpaired surrogate in \\u escape"),
        ("\"\\ude00\"", 2, "unpaired surrogate in \\u escape"),
    ])
    func reportsErrors(text: String, column: Int, reason: String) {
        #expect(parse(text) == .failure(JSONSyntaxError(column: column, reason: reason)))
    }

    /// Invalid UTF-8 inside a string: a bad continuation, an overlong form, an encoded surrogate,
    /// a value above U+10FFFF, a truncated sequence.
    @Test(arguments: [
        [0x22, 0x61, 0xC3, 0x28, 0x22],
        [0x22, 0x61, 0xC0, 0xAF, 0x22],
        [0x22, 0x61, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0x61, 0xF4, 0x90, 0x80, 0x80, 0x22],
        [0x22, 0x61, 0xE2, 0x82],
        [0x22, 0x61, 0xFF, 0x22],
    ] as [[UInt8]])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect(JSONParser.parse(bytes) == .failure(JSONSyntaxError(column: 3, reason: "invalid UTF-8 in string")))
    }

    @Test func columnsCountFromTheStartOfTheSlice() {
        let bytes = Array("xx[1 2]".utf8)
        #expect(JSONParser.parse(bytes[2...]) == .failure(JSONSyntaxError(column: 4, reason: "expected ',' or ']' after list element")))
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth - 1) + "{\"a\": 1}" + String(repeating: "]", count: depth - 1)
        var value = try parse(text).get()
        for _ in 0..<(depth - 1) {
            guard case .array(let inner) = value, let first = inner.first else { Issue.record("not nested"); return }
            value = first
        }
        #expect(value == .object([JSONMember(key: "a", value: .number("1"))]))
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let depth = JSONParser.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(parse(text) == .failure(JSONSyntaxError(column: depth, reason: "objects and lists nest deeper than 64 levels")))
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        #expect(parse(hostile) == .failure(JSONSyntaxError(column: 64 * 5 + 1, reason: "objects and lists nest deeper than 64 levels")))
    }

    @Test func errorDescriptionNamesTheColumn() {
        #expect(JSONSyntaxError(column: 57, reason: "expected ',' or '}' after object member").description
            == "expected ',' or '}' after object member at column 57")
    }
}
