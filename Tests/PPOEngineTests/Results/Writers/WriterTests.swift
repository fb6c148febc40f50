import Testing
@testable import PPOEngine

@Suite struct JSONWriterTests {
    @Test(arguments: [
        ("plain", "\"plain\""),
        ("quote \" and \\ backslash", "\"quote \\\" and \\\\ backslash\""),
        ("line\nfeed\r\ttab", "\"line\\nfeed\\r\\ttab\""),
        ("\u{08}\u{0C}\u{01}\u{1F}\u{7F}", "\"\\b\\f\\u0001\\u001f\\u007f\""),
        ("\u{2028}\u{2029}", "\"\\u2028\\u2029\""),
        ("Zoë 東京 🚓", "\"Zoë 東京 🚓\""),
        ("/", "\"/\""),
    ])
    func escapesStrings(input: String, expected: String) {
        #expect(JSONWriter(pretty: false).render(.string(input)) == expected)
    }

    @Test func keepsKeyOrderAndExactNumbers() {
        let value = JSONValue.fields([
            ("z", .decimal(Decimal6(raw: 1_500_000))), ("a", .int(-3)), ("m", .null), ("b", .bool(true)),
            ("e", .array([])), ("o", .fields([])),
        ])
        #expect(JSONWriter(pretty: false).render(value) == "{\"z\":1.5,\"a\":-3,\"m\":null,\"b\":true,\"e\":[],\"o\":{}}")
        #expect(JSONWriter().render(value) == """
            {
              "z": 1.5,
              "a": -3,
              "m": null,
              "b": true,
              "e": [],
              "o": {}
            }

            """)
    }
}

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+44 1234", "'+44 1234"),
        ("-1+1", "'-1+1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("=1,2", "\"'=1,2\""),
        ("", ""),
        ("a=b", "a=b"),
    ])
    func guardsAndQuotesText(input: String, expected: String) {
        #expect(CSVWriter.field(.text(input)) == expected)
    }

    @Test func numbersAreNotGuarded() {
        #expect(CSVWriter.field(.decimal(Decimal6(raw: -2_250_000))) == "-2.25")
    }

    @Test func documentHasBOMAndCRLF() {
        #expect(CSVWriter.document(header: ["a", "b"], rows: [[.int(1), .text("x")]]) == "\u{FEFF}a,b\r\n1,x\r\n")
    }
}

@Suite struct TextLayoutTests {
    @Test(arguments: [
        ("abcdef", 6, "abcdef"), ("abcdefg", 6, "abcde…"), ("東京東京", 5, "東京…"), ("ab", 0, ""),
    ])
    func truncates(text: String, limit: Int, expected: String) {
        #expect(TextLayout.truncate(text, to: limit) == expected)
        #expect(TextLayout.width(TextLayout.truncate(text, to: limit)) <= limit)
    }

    @Test func wrapsWordsWithPrefixes() {
        let lines = TextLayout.wrap(["aaaa", "bbbb", "cccc", "dddddddddddddddd"], columns: 12,
                                    firstPrefix: "> ", restPrefix: "  ")
        #expect(lines == ["> aaaa bbbb", "  cccc", "  ddddddddd…"])
    }

    @Test func spreadsToExactWidth() {
        #expect(TextLayout.spread("  Total", "198", 20) == "  Total          198")
        #expect(TextLayout.spread("a long label that will not fit", "12", 20) == "a long label th…  12")
    }
}

@Suite struct JSONWriterListTests {
    @Test func listsOfPlainValuesStayOnOneLine() {
        let value = JSONValue.fields([("ids", .strings(["a", "b"])), ("nested", .array([.array([])]))])
        #expect(JSONWriter().render(value) == """
            {
              "ids": ["a", "b"],
              "nested": [
                []
              ]
            }

            """)
    }
}
