import Testing
@testable import PPOEngine

/// The one rule for quoting a value from data in a line of text (docs/decisions.md).
@Suite struct SafeTextTests {
    @Test(arguments: [
        // (value, shown, why)
        ("NT-0001", "NT-0001", "plain text is kept"),
        ("O'Brien, \"Mac\"", "O'Brien, \"Mac\"", "quotes are kept"),
        ("Zoë Łukasz 山田", "Zoë Łukasz 山田", "letters of every script are kept"),
        ("A\nB", #"A\nB"#, "a line feed"),
        ("A\r\nB", #"A\r\nB"#, "a carriage return"),
        ("A\tB", #"A\tB"#, "a tab"),
        (#"C:\data"#, #"C:\\data"#, "a backslash, so that an escape always means one"),
        (#"A\nB"#, #"A\\nB"#, "a backslash and an n are not a line feed"),
        ("\u{0}", #"\u{0}"#, "NUL"),
        ("\u{7}", #"\u{7}"#, "BEL"),
        ("\u{1B}[31mred", #"\u{1B}[31mred"#, "a terminal escape"),
        ("\u{7F}", #"\u{7F}"#, "DEL"),
        ("\u{85}", #"\u{85}"#, "NEL, a C1 control"),
        ("\u{9F}", #"\u{9F}"#, "the last C1 control"),
        ("\u{A0}", "\u{A0}", "no-break space is text"),
        ("A\u{2028}B\u{2029}C", #"A\u{2028}B\u{2029}C"#, "line and paragraph separators"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}", #"\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}"#, "bidi embeddings and overrides"),
        ("\u{2066}\u{2067}\u{2068}\u{2069}", #"\u{2066}\u{2067}\u{2068}\u{2069}"#, "bidi isolates"),
        ("\u{2027}\u{202F}\u{2065}\u{206A}", "\u{2027}\u{202F}\u{2065}\u{206A}", "their neighbours are kept"),
    ])
    func escapes(value: String, shown: String, why: String) {
        #expect(SafeText.escaped(value) == shown, "\(why)")
    }

    @Test func theResultIsOneLineWithNoControls() {
        let everything = String(String.UnicodeScalarView((0...0x2070).compactMap(Unicode.Scalar.init)))
        let shown = SafeText.escaped(everything)
        #expect(!shown.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(!shown.unicodeScalars.contains { (0x2028...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
        #expect(shown.split(separator: "\n", omittingEmptySubsequences: false).count == 1)
    }

    /// A value from data cannot split `FILE:LINE: reason` over two lines, nor drive a terminal.
    @Test func rejectReasonsQuoteValuesEscaped() {
        let text = [
            #"{"id": "A", "name": "A\nB"}"#,
            #"{"id": "A\nB"}"#,
            #"{"id": "C", "dob": "1990\u001b[2J"}"#,
            #"{"id": "D", "impact": "huge\u2028forged"}"#,
            #"{"id": "E", "offences": [{"category": "bad\r\ndata.jsonl:9: fine"}]}"#,
            #"{"id": "F", "offences": [{"code": "\u202e99"}]}"#,
        ].joined(separator: "\n")
        let batch = RecordFixtures.read(text)
        #expect(batch.rejected.map(\.rendered) == [
            #"data.jsonl:2: "id" must not hold a control character (U+000A)"#,
            #"data.jsonl:3: dob: malformed date "1990\u{1B}[2J" (expected YYYY-MM-DD)"#,
            #"data.jsonl:4: impact: unknown value "huge\u{2028}forged" (expected serious, moderate or slight)"#,
            #"data.jsonl:5: offences[1]: unknown offence category "bad\r\ndata.jsonl:9: fine""#,
            #"data.jsonl:6: offences[1]: no category, and code "\u{202E}99" maps to none"#,
        ])
        // The offender itself keeps its name exactly.
        #expect(batch.offenders.map(\.name) == ["A\nB"])
    }

    @Test func aFileNameIsQuotedEscapedToo() {
        let batch = RecordFixtures.reader().read(bytes: Array("[]\n".utf8), path: "odd\nname.jsonl")
        #expect(batch.rejected.map(\.rendered) == [#"odd\nname.jsonl:1: not a JSON object: found a list"#])
    }
}
