/// The `matrix` block: its single clauses, the `offences`, `weighting` and `tiers` sections, and
/// factors (`band`, `match`, `N when P`, or an expression).
extension Parser {
    static let matrixClauses = ["version", "window", "evidence", "intelligence", "eligible", "offences",
                                "factor", "weighting", "tiers", "capacity"]

    /// A matrix's clauses as they are read; the first of each single clause wins.
    struct MatrixDraft {
        var version: StringLiteral?
        var window: DurationLiteral?
        var evidence: [EvidenceWeight] = []
        var intelligence: Expression?
        var eligible: Expression?
        var offences: OffencesSection?
        var factors: [Factor] = []
        var weighting: Weighting?
        var tiers: [Tier] = []
        var capacity: NumberLiteral?
        var seen: [String: Token] = [:]
    }
}

extension Parser.Session {
    mutating func parseMatrix(_ keyword: Token) -> MatrixBlock? {
        let name = expectString("the matrix's name in quotes")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, name?.value),
                                          clauses: Parser.matrixClauses)
        stopWords = Set(context.clauses)
        finishHeader(context)
        var draft = Parser.MatrixDraft()
        var endToken: Token? = nil
        while let clause = nextClauseWord(context, repeated: Set(draft.seen.keys), end: &endToken) {
            parseMatrixClause(clause, into: &draft)
            if failed { recoverInBlock(context) }
        }
        guard let name else { return nil }
        return MatrixBlock(name: name, version: draft.version, window: draft.window, evidence: draft.evidence,
                           intelligence: draft.intelligence, eligible: draft.eligible, offences: draft.offences,
                           factors: draft.factors, weighting: draft.weighting, tiers: draft.tiers,
                           capacity: draft.capacity, range: blockRange(keyword, endToken))
    }

    mutating func parseMatrixClause(_ clause: Token, into draft: inout Parser.MatrixDraft) {
        advance()
        let word = clause.identifier ?? ""
        let keep = word == "factor" || recordSingle(clause, in: &draft.seen)
        switch word {
        case "version":
            let version = expectString("the version in quotes, such as \"2026-11\"")
            if keep { draft.version = version }
        case "window":
            let window = expectDuration("a duration such as '3 years'")
            if keep { draft.window = window }
        case "evidence":
            let weights = parseEvidenceWeights()
            if keep { draft.evidence = weights }
        case "intelligence":
            guard expect(word: "counts") != nil, expect(word: "when") != nil else { return }
            let condition = parseExpression(expecting: "a condition")
            if keep { draft.intelligence = condition }
        case "eligible":
            guard expect(word: "when") != nil else { return }
            let condition = parseExpression(expecting: "a condition")
            if keep { draft.eligible = condition }
        case "offences":
            let section = parseOffences(clause)
            if keep { draft.offences = section }
        case "factor":
            if let factor = parseFactor(clause) { draft.factors.append(factor) }
        case "weighting":
            let weighting = parseWeighting(clause)
            if keep { draft.weighting = weighting }
        case "tiers":
            let tiers = parseTiers(clause)
            if keep { draft.tiers = tiers }
        default:
            let capacity = expectCount("the capacity")
            if keep { draft.capacity = capacity }
        }
    }

    /// `convicted 1, admitted 1, suspected 0.5`
    mutating func parseEvidenceWeights() -> [EvidenceWeight] {
        var weights: [EvidenceWeight] = []
        repeat {
            guard let level = expectName("an evidence level (convicted, admitted or suspected)"),
                  let weight = expectNumber("a weight for '\(level.text)'") else { break }
            weights.append(EvidenceWeight(level: level, weight: weight))
        } while accept(punctuation: ",") != nil
        return weights
    }

    // MARK: offences

    mutating func parseOffences(_ opener: Token) -> OffencesSection {
        var label: StringLiteral? = nil
        if case .string(let value) = current.kind { label = StringLiteral(value, advance().range) }
        var rows: [OffenceRow] = []
        let endToken = parseRows("the offences section", opener: opener, looksLikeRow: { $0.looksLikeOffenceRow }) {
            if let row = $0.parseOffenceRow() { rows.append(row) }
        }
        return OffencesSection(label: label, rows: rows, range: blockRange(opener, endToken))
    }

    /// `NAME "LABEL"? NUMBER`: enough to tell a row from a clause that lost its section's `end`.
    var looksLikeOffenceRow: Bool {
        guard current.identifier != nil else { return false }
        var next = 1
        if isStringToken(peek(next)) { next += 1 }
        return isNumberStart(next)
    }

    func isNumberStart(_ offset: Int) -> Bool {
        if case .number = peek(offset).kind { return true }
        if peek(offset).isPunctuation("-"), case .number = peek(offset + 1).kind { return true }
        return false
    }

    /// `burglary_dwelling "Burglary (dwelling)" 4 series 5`; `series` must be on the row's line, so a
    /// category called `series` can still start a row.
    mutating func parseOffenceRow() -> OffenceRow? {
        guard let category = expectName("a category name") else { return nil }
        var label: StringLiteral? = nil
        if case .string(let value) = current.kind { label = StringLiteral(value, advance().range) }
        guard let points = expectNumber("a number of points") else { return nil }
        var series: NumberLiteral? = nil
        if isWord("series"), !currentStartsLine {
            advance()
            guard let value = expectNumber("a number of points for an offence in a series") else { return nil }
            series = value
        }
        return OffenceRow(category: category, label: label, points: points, series: series,
                          range: category.range.to(series?.range ?? points.range))
    }

    /// Reads rows until `end`, recovering line by line; returns the `end` token, or `nil` if missing.
    mutating func parseRows(_ title: String, opener: Token, looksLikeRow: (Parser.Session) -> Bool,
                            row: (inout Parser.Session) -> Void) -> Token? {
        while true {
            let before = position
            switch nextRow(title, opener: opener, outer: Parser.matrixClauses, looksLikeRow: looksLikeRow(self)) {
            case .closed(let end):
                return end
            case .unclosed:
                return nil
            case .clause:
                failed = false
                row(&self)
                if failed { recoverToNextLine() }
            }
            if position == before { advance() }
        }
    }

    /// Reports a row that does not start the way `what` says, at the token itself.
    mutating func expectedRow(_ what: String) {
        report(.expectedToken, "expected \(what), found \(describe(current))", at: current.range)
        lastErrorIndex = position
        failed = true
    }

    // MARK: factors

    mutating func parseFactor(_ keyword: Token) -> Factor? {
        guard let label = expectString("the factor's label in quotes"),
              expect(punctuation: "=") != nil else { return nil }
        let title = "the \(isWord("match") ? "match" : "band") of factor \"\(Parser.Session.shortened(label.value))\""
        let body: Factor.Body
        if isWord("band") {
            guard let band = parseBand(title) else { return nil }
            body = band
        } else if isWord("match") {
            guard let match = parseMatch(title) else { return nil }
            body = match
        } else if isNumberStart(0), peek(isPunctuation("-") ? 2 : 1).isWord("when") {
            guard let points = expectNumber("a number of points") else { return nil }
            advance()
            guard let condition = parseExpression(expecting: "a condition") else { return nil }
            body = .when(points, condition)
        } else {
            guard let expression = parseExpression(expecting: "the factor's points: a number, 'band', 'match' or an expression")
            else { return nil }
            body = .expression(expression)
        }
        return Factor(label: label, body: body, range: keyword.range.to(previous?.range ?? keyword.range))
    }

    /// `band EXPR` then `CMP NUMBER -> N`, `else -> N`, `missing -> N` arms, then `end`. The subject is
    /// an arithmetic expression, so the first arm's comparison is not read as part of it.
    mutating func parseBand(_ title: String) -> Factor.Body? {
        let opener = advance()
        var subject: Expression? = nil
        if canStartExpression {
            subject = parseBinary(.sum)
        } else {
            expected("a value to band")
        }
        if subject == nil { recoverToNextLine() }
        var arms: [BandArm] = []
        let endToken = parseRows(title, opener: opener, looksLikeRow: { $0.comparisonOperator != nil }) {
            if let arm = $0.parseBandArm() { arms.append(arm) }
        }
        guard let subject, endToken != nil else { return nil }
        return .band(subject, arms)
    }

    mutating func parseBandArm() -> BandArm? {
        let start = current
        let condition: BandArm.Condition
        if let op = comparisonOperator {
            advance()
            guard let threshold = expectNumber("a number to compare with") else { return nil }
            condition = .compare(op, threshold)
        } else if isWord("else") || isWord("missing") {
            condition = advance().isWord("else") ? .otherwise : .missing
        } else {
            expectedRow("a band arm such as '>= 7 -> 5', 'else -> 1' or 'missing -> 0'")
            return nil
        }
        guard expect(punctuation: "->") != nil, let points = expectNumber("a number of points") else { return nil }
        return BandArm(condition: condition, points: points, range: start.range.to(points.range))
    }

    /// `match EXPR` then `VALUE -> N`, `else -> N`, `missing -> N` arms, then `end`.
    mutating func parseMatch(_ title: String) -> Factor.Body? {
        let opener = advance()
        let subject = parseExpression(expecting: "a value to match")
        if subject == nil { recoverToNextLine() }
        var arms: [MatchArm] = []
        let endToken = parseRows(title, opener: opener, looksLikeRow: { $0.peek(1).isPunctuation("->") }) {
            if let arm = $0.parseMatchArm() { arms.append(arm) }
        }
        guard let subject, endToken != nil else { return nil }
        return .match(subject, arms)
    }

    mutating func parseMatchArm() -> MatchArm? {
        let start = current
        let pattern: MatchArm.Pattern
        switch current.kind {
        case .identifier(let word) where word == "else" || word == "missing":
            advance()
            pattern = word == "else" ? .otherwise : .missing
        case .identifier(let word) where word == "true" || word == "false":
            advance()
            pattern = .value(Expression(.bool(word == "true"), start.range))
        case .identifier(let word) where !Parser.Session.reservedWords.contains(word):
            advance()
            pattern = .value(Expression(.name(word), start.range))
        case .string(let value):
            advance()
            pattern = .value(Expression(.string(value), start.range))
        case .number, .punctuation("-"):
            guard let number = expectNumber("a value to match") else { return nil }
            pattern = .value(Expression(.number(number.value), number.range))
        default:
            expectedRow("a match arm such as 'serious -> 5', 'else -> 1' or 'missing -> 0'")
            return nil
        }
        guard expect(punctuation: "->") != nil, let points = expectNumber("a number of points") else { return nil }
        return MatchArm(pattern: pattern, points: points, range: start.range.to(points.range))
    }

    // MARK: weighting and tiers

    /// `weighting "LABEL" on (main | each) category`, rows `NAME NUMBER`, `end`.
    mutating func parseWeighting(_ opener: Token) -> Weighting? {
        var header: (StringLiteral, Weighting.Mode)? = nil
        if let label = expectString("the weighting's label in quotes"), expect(word: "on") != nil {
            if let word = current.identifier, let mode = Weighting.Mode(rawValue: word) {
                advance()
                if expect(word: "category") != nil { header = (label, mode) }
            } else {
                expected("'main' or 'each'")
            }
        }
        if failed { recoverToNextLine() }
        let title = header.map { "weighting \"\(Parser.Session.shortened($0.0.value))\"" } ?? "the weighting"
        var rows: [WeightRow] = []
        let endToken = parseRows(title, opener: opener, looksLikeRow: { $0.current.identifier != nil && $0.isNumberStart(1) }) {
            guard let name = $0.expectName("a category or group name"),
                  let weight = $0.expectNumber("a weight for '\(name.text)'") else { return }
            rows.append(WeightRow(name: name, weight: weight, range: name.range.to(weight.range)))
        }
        guard let (label, mode) = header else { return nil }
        return Weighting(label: label, mode: mode, rows: rows, range: blockRange(opener, endToken))
    }

    /// `"High" >= 150` and `"Low" otherwise` rows, then `end`.
    mutating func parseTiers(_ opener: Token) -> [Tier] {
        var tiers: [Tier] = []
        _ = parseRows("tiers", opener: opener, looksLikeRow: { $0.isStringToken($0.current) }) {
            guard case .string(let value) = $0.current.kind else {
                $0.expectedRow("a tier name in quotes")
                return
            }
            let name = StringLiteral(value, $0.advance().range)
            if let otherwise = $0.accept(word: "otherwise") {
                tiers.append(Tier(name: name, threshold: nil, range: name.range.to(otherwise.range)))
            } else if $0.accept(punctuation: ">=") != nil {
                guard let threshold = $0.expectNumber("a threshold score") else { return }
                tiers.append(Tier(name: name, threshold: threshold, range: name.range.to(threshold.range)))
            } else {
                $0.expected("'>=' and a threshold, or 'otherwise'")
            }
        }
        return tiers
    }
}
