/// The `test` block: which rules it runs, on what data, and what it expects.
extension Parser {
    static let testClauses = ["matrix", "checklist", "alerts", "as", "data", "previous", "decisions", "expect"]
    static let expectationWords = ["score", "tier", "rank", "recommended", "not", "ineligible", "tie", "alert",
                                   "no", "breach", "status"]
}

extension Parser.Session {
    mutating func parseTest(_ keyword: Token) -> TestBlock? {
        let name = expectString("the test's name in quotes")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, name?.value),
                                          clauses: Parser.testClauses)
        stopWords = Set(context.clauses)
        finishHeader(context)
        var targetKind: TestBlock.TargetKind? = nil
        var target: StringLiteral? = nil
        var asOf: DateLiteral? = nil
        var data: StringLiteral? = nil
        var previousData: StringLiteral? = nil
        var decisions: StringLiteral? = nil
        var expectations: [Expectation] = []
        var seen: [String: Token] = [:]
        var endToken: Token? = nil
        // Once the target is set, a second `matrix "X"` at the start of a line starts a new block.
        func repeated() -> Set<String> {
            seen["target"] == nil ? Set(seen.keys) : Set(seen.keys).union(["matrix", "checklist", "alerts"])
        }
        while let clause = nextClauseWord(context, repeated: repeated(), end: &endToken) {
            advance()
            let word = clause.identifier ?? ""
            if let kind = TestBlock.TargetKind(rawValue: word) {
                let keep = recordSingle(clause, as: "target", in: &seen)
                let value = expectString("the \(word)'s name in quotes")
                if keep { (targetKind, target) = (kind, value) }
            } else if word == "expect" {
                if let expectation = parseExpectation(clause) { expectations.append(expectation) }
            } else {
                let keep = recordSingle(clause, in: &seen)
                switch word {
                case "as":
                    if expect(word: "of") != nil {
                        let value = expectDate("a date such as 2026-11-22")
                        if keep { asOf = value }
                    }
                case "data":
                    let value = expectString("a data file path in quotes")
                    if keep { data = value }
                case "decisions":
                    let value = expectString("a decisions file path in quotes")
                    if keep { decisions = value }
                default:
                    let value = expectString("the previous snapshot's path in quotes")
                    if keep { previousData = value }
                }
            }
            if failed { recoverInBlock(context) }
        }
        guard let name else { return nil }
        return TestBlock(name: name, targetKind: targetKind, target: target, asOf: asOf, data: data,
                         previous: previousData, decisions: decisions, expectations: expectations,
                         range: blockRange(keyword, endToken))
    }

    /// `expect "ID" score 142`, `… tier "High"`, `… not recommended`, `… tie at capacity`, …
    mutating func parseExpectation(_ keyword: Token) -> Expectation? {
        guard let offender = expectString("an offender id in quotes") else { return nil }
        guard let word = current.identifier else {
            expected("an expectation (\(Parser.expectationWords.joined(separator: ", ")))")
            return nil
        }
        let kind: Expectation.Kind
        switch word {
        case "score":
            advance()
            guard let score = expectNumber("a score") else { return nil }
            kind = .score(score)
        case "tier":
            advance()
            guard let tier = expectString("a tier name in quotes") else { return nil }
            kind = .tier(tier)
        case "rank":
            advance()
            guard let rank = expectCount("the rank") else { return nil }
            kind = .rank(rank)
        case "recommended":
            advance()
            kind = .recommended(true)
        case "not":
            advance()
            guard expect(word: "recommended") != nil else { return nil }
            kind = .recommended(false)
        case "ineligible":
            advance()
            kind = .ineligible
        case "tie":
            advance()
            guard expect(word: "at") != nil, expect(word: "capacity") != nil else { return nil }
            kind = .tieAtCapacity
        case "alert", "no":
            advance()
            if word == "no", expect(word: "alert") == nil { return nil }
            guard let alert = expectString("an alert name in quotes") else { return nil }
            kind = .alert(alert, word == "alert")
        case "breach":
            advance()
            guard let rule = expectString("a rule name in quotes") else { return nil }
            kind = .breach(rule)
        case "status":
            advance()
            guard let status = expectName("a status (met, pending, breached or not_applicable)"),
                  let rule = expectString("a rule name in quotes") else { return nil }
            kind = .status(status, rule)
        default:
            report(.unknownClause, "unknown expectation '\(word)'", at: current.range,
                   suggestion: Suggestion.closest(to: word, in: Parser.expectationWords),
                   notes: ["expectations are: score, tier, rank, recommended, not recommended, ineligible, "
                           + "tie at capacity, alert, no alert, breach, status"])
            lastErrorIndex = position
            failed = true
            return nil
        }
        return Expectation(offender: offender, kind: kind, range: keyword.range.to(previous?.range ?? keyword.range))
    }
}
