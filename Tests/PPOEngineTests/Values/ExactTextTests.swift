import Testing
@testable import PPOEngine

/// `ExactText` is equal, hashes and sorts by exact UTF-8 bytes, where Swift's `String` uses
/// canonical equivalence (so each pair marked "canonically equal" is one string to `==`).
@Suite struct ExactTextTests {
    /// `(a, b, order)`: `order` is -1, 0 or 1 as `a`'s bytes sort before, with or after `b`'s.
    static let cases: [(a: String, b: String, order: Int, note: String)] = [
        ("\u{E9}", "e\u{301}", 1, "precomposed é (C3 A9) and e + combining acute (65 CC 81): canonically equal"),
        ("e\u{301}", "\u{E9}", -1, "the same pair the other way round"),
        ("Caf\u{E9}", "Cafe\u{301}", 1, "an area in NFC and in NFD: canonically equal"),
        ("\u{212A}", "K", 1, "Kelvin sign (E2 84 AA) and K: canonically equal"),
        ("\u{37E}", ";", 1, "Greek question mark and semicolon: canonically equal"),
        ("\u{1FEF}", "`", 1, "Greek varia and grave accent: canonically equal"),
        ("\u{212B}", "\u{C5}", 1, "Angstrom sign (E2 84 AB) and Å (C3 85): canonically equal"),
        ("a\u{301}\u{323}", "a\u{323}\u{301}", -1, "combining marks in two orders: canonically equal"),
        ("Q-1\u{0}", "Q-1", 1, "a trailing NUL is a byte like any other"),
        ("Q\u{0}1", "Q\u{0}2", -1, "NUL inside"),
        ("A", "a", -1, "no case folding"),
        ("NT-0001", "NT-0001", 0, "plain equal"),
        ("NT-0001", "NT-0002", -1, "plain different"),
        ("NT-1", "NT-10", -1, "a prefix sorts first"),
        ("", "", 0, "empty"),
        ("", "a", -1, "empty sorts first"),
        ("\u{FFFF}", "\u{10000}", -1, "code point order, which UTF-16 order is not"),
        ("\u{FF61}", "\u{1F600}", -1, "code point order again (EF BD A1 < F0 9F 98 80)"),
        ("f", "e\u{301}", 1, "byte order is not Swift's order: 66 > 65"),
        ("f", "\u{E9}", -1, "66 < C3"),
        (String(repeating: "x", count: 40) + "\u{E9}", String(repeating: "x", count: 40) + "e\u{301}", 1,
         "long strings (not stored inline)"),
    ]

    @Test(arguments: cases.indices)
    func comparesByBytes(index: Int) {
        let c = Self.cases[index]
        let a = ExactText(c.a), b = ExactText(c.b)
        let note = Comment(rawValue: c.note)
        #expect(ExactText.order(c.a, c.b) == c.order, note)
        #expect(ExactText.order(c.b, c.a) == -c.order, note)
        #expect(ExactText.same(c.a, c.b) == (c.order == 0), note)
        #expect((a == b) == (c.order == 0), note)
        #expect((a < b) == (c.order < 0), note)
        #expect((b < a) == (c.order > 0), note)
        #expect(ExactText.list(["zzz", c.b], contains: c.a) == (c.order == 0), note)
        // Bytes equal exactly when the arrays of their UTF-8 bytes are.
        #expect(ExactText.same(c.a, c.b) == (Array(c.a.utf8) == Array(c.b.utf8)), note)
        var set: Set<ExactText> = [a, b]
        #expect(set.count == (c.order == 0 ? 1 : 2), note)
        #expect(!set.insert(ExactText(String(decoding: Array(c.a.utf8), as: UTF8.self))).inserted, note)
        if c.order == 0 { #expect(a.hashValue == b.hashValue, note) }
    }

    /// A dictionary keyed by `ExactText` keeps canonically equal ids apart, where `[String: …]` merges them.
    @Test func dictionaryKeysStayApart() {
        let ids = ["\u{E9}", "e\u{301}", "Q-1", "Q-1\u{0}", "K", "\u{212A}"]
        var exact: [ExactText: Int] = [:]
        var plain: [String: Int] = [:]
        for (n, id) in ids.enumerated() {
            exact[ExactText(id)] = n
            plain[id] = n
        }
        #expect(exact.count == 6)
        #expect(plain.count == 4, "Swift's own String keys merge é with e + ◌́ and K with the Kelvin sign")
        for (n, id) in ids.enumerated() { #expect(exact[ExactText(id)] == n) }
    }

    /// Sorting by `ExactText` is sorting the UTF-8 byte arrays.
    @Test func sortingIsByteOrder() {
        let ids = ["\u{E9}", "f", "e\u{301}", "E", "e", "Q-1\u{0}", "Q-1", "\u{1F600}", "\u{FF61}", ""]
        let sorted = ids.map(ExactText.init).sorted().map { Array($0.text.utf8) }
        let expected = ids.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(sorted == expected)
    }
}
