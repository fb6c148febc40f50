import Testing
@testable import PPOEngine

/// A `scheme` block is checked like every block (docs/language.md, "scheme").
@Suite struct SchemeCheckTests {
    static func diagnostics(_ body: String) -> [String] {
        let rules = Fixture.rules("""
        matrix "M"
          offences
            shoplifting 2
          end
        end

        scheme "S"
        \(body)
        end
        """)
        return rules.diagnostics.map { d in d.message + (d.suggestion.map { " [\($0)]" } ?? "") }
    }

    static let reasons = """
      reasons adopt a
      reasons decline b
      reasons defer c
      reasons review d
      reasons deselect e
    """

    @Test(arguments: [
        ("clean", "  matrix \"M\"\n  strands x, y\n  review every 3 months\n" + reasons, [String]()),
        ("misspelt matrix", "  matrix \"N\"\n" + reasons, [#"no matrix is called "N" [M]"#]),
        ("misspelt decision", reasons.replacingOccurrences(of: "deselect e", with: "deslect e"),
         [#"scheme "S" gives no reasons for deselect"#,
          "a panel decides adopt, decline, defer, review or deselect, not 'deslect' [deselect]"]),
        ("reasons twice", reasons + "\n  reasons adopt z", ["the reasons for adopt are given twice"]),
        ("strand twice", "  strands x, x\n" + reasons, ["strand 'x' is listed twice"]),
        ("reason twice", reasons.replacingOccurrences(of: "adopt a", with: "adopt a, a"), ["reason 'a' is listed twice for adopt"]),
        ("working days", "  review every 5 working days\n" + reasons,
         ["the review interval must be a number of days, weeks, months or years above 0"]),
    ])
    func schemeDiagnostics(note: String, body: String, expected: [String]) {
        #expect(Self.diagnostics(body) == expected, "\(note)")
    }
}
