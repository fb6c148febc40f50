/// The `scheme` block: the vocabulary of one scheme's selection panel (docs/language.md, "scheme").
extension Parser {
    static let schemeClauses = ["matrix", "strands", "review", "reasons"]
}

extension Parser.Session {
    mutating func parseScheme(_ keyword: Token) -> SchemeBlock? {
        let name = expectString("the scheme's name in quotes")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, name?.value),
                                          clauses: Parser.schemeClauses)
        stopWords = Set(context.clauses)
        finishHeader(context)
        var matrix: StringLiteral? = nil
        var strands: [Name] = []
        var review: DurationLiteral? = nil
        var reasons: [SchemeReasons] = []
        var seen: [String: Token] = [:]
        var endToken: Token? = nil
        while let clause = nextClauseWord(context, repeated: Set(seen.keys), end: &endToken) {
            advance()
            switch clause.identifier {
            case "matrix":
                let keep = recordSingle(clause, in: &seen)
                let value = expectString("the name of the matrix that feeds the panel, in quotes")
                if keep { matrix = value }
            case "strands":
                let keep = recordSingle(clause, in: &seen)
                let names = expectNames("a strand name")
                if keep { strands = names }
            case "review":
                let keep = recordSingle(clause, in: &seen)
                if expect(word: "every") != nil, let duration = expectDuration("the review interval, e.g. 12 weeks"),
                   keep {
                    review = duration
                }
            default:
                if let kind = expectName("a decision (adopt, decline, defer, review or deselect)") {
                    let names = expectNames("a reason code")
                    reasons.append(SchemeReasons(decision: kind, reasons: names, range: clause.range.to(previous?.range ?? kind.range)))
                }
            }
            if failed { recoverInBlock(context) }
        }
        guard let name else { return nil }
        return SchemeBlock(name: name, matrix: matrix, strands: strands, review: review, reasons: reasons,
                           range: blockRange(keyword, endToken))
    }
}
