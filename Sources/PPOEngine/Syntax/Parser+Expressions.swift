/// Expressions by precedence climbing. Loosest first: `if`, `or`, `and`, prefix `not`, comparisons
/// with the postfix tests (`in`, `within`, `missing`, `present`), `+ -`, `* /`, unary minus, `.field`.
///
/// An expression stops at the first token that cannot continue it, which is how a clause such as
/// `factor "X" = 3 * count(arrests)` ends before the next clause keyword: there is no juxtaposition.
extension Parser.Session {
    /// Binding strength of the infix and postfix operators; `not` sits between `and` and comparisons.
    enum Precedence: Int, Comparable {
        case lowest = 0, or, and, not, comparison, sum, product, unary

        static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
    }

    /// Parses one expression; `nil` after reporting an error.
    mutating func parseExpression() -> Expression? {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Parser.Session.maximumNesting else { return tooComplex() }
        if isWord("if") { return parseConditional() }
        return parseBinary(.lowest)
    }

    /// Parses an expression where a clause requires one, naming what is expected when it is absent.
    mutating func parseExpression(expecting what: String) -> Expression? {
        guard canStartExpression else {
            expected(what)
            return nil
        }
        return parseExpression()
    }

    /// True when the current token can begin an expression.
    var canStartExpression: Bool {
        switch current.kind {
        case .number, .string, .date:
            return true
        case .punctuation(let p):
            return p == "(" || p == "-" || p == "["
        case .identifier(let word):
            if isClauseBoundary { return false }
            return !Parser.Session.reservedWords.contains(word) || Parser.Session.valueWords.contains(word)
        case .endOfFile:
            return false
        }
    }

    /// A clause word of the enclosing block at the start of a line ends an expression that is missing
    /// its last operand, so `when` followed by a new clause reports the gap, not a strange name.
    var isClauseBoundary: Bool {
        guard let word = current.identifier, position > 0, startsLine(position) else { return false }
        return stopWords.contains(word)
    }

    /// Reserved words that are themselves values or start one.
    static let valueWords: Set<String> = ["true", "false", "today", "not", "if"]

    // MARK: depth limits

    /// How deep parsing may recurse, and how deep a finished tree may be. Both are far beyond any
    /// real rule; they keep recursion here and in later stages (hashing, checking, even freeing the
    /// tree) away from the stack's limit on hostile input.
    static let maximumNesting = 24
    static let maximumTreeDepth = 256

    /// A composite node whose deepest operand has depth `depth - 1`; `nil` past the depth limit.
    mutating func node(_ kind: Expression.Kind, _ range: SourceRange, depth: Int) -> Expression? {
        guard depth <= Parser.Session.maximumTreeDepth else { return tooComplex() }
        expressionDepth = depth
        return Expression(kind, range)
    }

    mutating func leaf(_ kind: Expression.Kind, _ range: SourceRange) -> Expression {
        expressionDepth = 1
        return Expression(kind, range)
    }

    mutating func tooComplex() -> Expression? {
        report(.expectedToken, "this expression is too deeply nested or too long: split it into simpler parts",
               at: current.range)
        lastErrorIndex = position
        failed = true
        return nil
    }

    // MARK: operators

    mutating func parseConditional() -> Expression? {
        let ifToken = advance()
        guard let condition = parseExpression(expecting: "a condition") else { return nil }
        var depth = expressionDepth
        guard expect(word: "then") != nil, let then = parseExpression(expecting: "a value") else { return nil }
        depth = max(depth, expressionDepth)
        guard expect(word: "else") != nil, let otherwise = parseExpression(expecting: "a value") else { return nil }
        depth = max(depth, expressionDepth)
        return node(.conditional(condition, then, otherwise), ifToken.range.to(otherwise.range), depth: depth + 1)
    }

    /// The operator at the cursor that binds at least as tightly as `minimum`, if any.
    var infixPrecedence: Precedence? {
        switch current.kind {
        case .identifier("or"): return .or
        case .identifier("and"): return .and
        case .identifier("in"), .identifier("within"): return .comparison
        // `missing -> 0` is a band or match arm, not a test on the subject.
        case .identifier("missing"), .identifier("present"): return peek(1).isPunctuation("->") ? nil : .comparison
        case .punctuation("+"): return .sum
        case .punctuation("-"):
            // A line `-1 -> 3` is the next match arm, not a subtraction.
            if startsLine(position), case .number = peek(1).kind, peek(2).isPunctuation("->") { return nil }
            return .sum
        case .punctuation("*"), .punctuation("/"): return .product
        default: return comparisonOperator == nil ? nil : .comparison
        }
    }

    var comparisonOperator: BinaryOperator? {
        guard case .punctuation(let p) = current.kind, let op = BinaryOperator(rawValue: p), op.isComparison else {
            return nil
        }
        return op
    }

    /// Precedence climbing: an operand, then every operator that binds at least as tightly as
    /// `minimum`, each right operand parsed one level tighter (so all binary operators associate left).
    /// Comparisons do not chain.
    mutating func parseBinary(_ minimum: Precedence) -> Expression? {
        var left: Expression
        if minimum <= .not, isWord("not") {
            guard let negation = parseNot() else { return nil }
            left = negation
        } else {
            guard let operand = parseUnary() else { return nil }
            left = operand
        }
        var comparedAlready = false
        while let precedence = infixPrecedence, precedence >= minimum {
            let depth = expressionDepth
            if precedence == .comparison {
                // One comparison or test per operand: a second comparison is an error, while a test
                // word after one (`x = y within 6 months` in a call) belongs to the caller.
                if comparedAlready {
                    if comparisonOperator != nil { return chainedComparison() }
                    break
                }
                comparedAlready = true
            }
            let result: Expression?
            switch current.kind {
            case .identifier("in"): result = parseIn(left, depth: depth)
            case .identifier("within"): result = parseWithin(left, depth: depth)
            case .identifier(let word):
                if word == "missing" || word == "present" {
                    let test = advance()
                    result = node(.presence(left, present: word == "present"), left.range.to(test.range), depth: depth + 1)
                } else {
                    result = parseInfix(left, word == "or" ? .or : .and, precedence, depth: depth)
                }
            case .punctuation(let p):
                guard let op = BinaryOperator(rawValue: p) else { return nil }
                result = parseInfix(left, op, precedence, depth: depth)
            default:
                return nil
            }
            guard let combined = result else { return nil }
            left = combined
        }
        return left
    }

    /// `left OP right`, with the right operand parsed one level tighter than `OP`.
    mutating func parseInfix(_ left: Expression, _ op: BinaryOperator, _ precedence: Precedence, depth: Int) -> Expression? {
        advance()
        guard canStartExpression else {
            expected("a value")
            return nil
        }
        let tighter = Precedence(rawValue: precedence.rawValue + 1) ?? .unary
        guard let right = parseBinary(tighter) else { return nil }
        return node(.binary(op, left, right), left.range.to(right.range), depth: max(depth, expressionDepth) + 1)
    }

    /// `not x`: looser than comparisons, so `not a = b` is `not (a = b)`.
    mutating func parseNot() -> Expression? {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Parser.Session.maximumNesting else { return tooComplex() }
        let notToken = advance()
        guard canStartExpression else {
            expected("a value")
            return nil
        }
        guard let operand = parseBinary(.not) else { return nil }
        return node(.not(operand), notToken.range.to(operand.range), depth: expressionDepth + 1)
    }

    mutating func chainedComparison() -> Expression? {
        report(.expectedToken, "comparisons cannot be chained: join them with 'and'", at: current.range,
               notes: ["write 'a < b and b < c' instead of 'a < b < c'"])
        lastErrorIndex = position
        failed = true
        return nil
    }

    // MARK: postfix tests

    mutating func parseIn(_ left: Expression, depth: Int) -> Expression? {
        advance()
        if isPunctuation("[") {
            guard let (values, close, listDepth) = parseList() else { return nil }
            return node(.inList(left, values), left.range.to(close.range), depth: max(depth, listDepth) + 1)
        }
        if isWord("this"), peek(1).isWord("month") {
            advance()
            let month = advance()
            return node(.inThisMonth(left), left.range.to(month.range), depth: depth + 1)
        }
        guard canStartExpression else {
            expected("a list in brackets, 'this month' or a list field")
            return nil
        }
        guard let collection = parsePostfix() else { return nil }
        return node(.inCollection(left, collection), left.range.to(collection.range),
                    depth: max(depth, expressionDepth) + 1)
    }

    mutating func parseWithin(_ left: Expression, depth: Int) -> Expression? {
        advance()
        var next = false
        if isWord("next"), case .number = peek(1).kind {
            advance()
            next = true
        }
        guard let duration = expectDuration("a duration such as '28 days'") else { return nil }
        return node(.within(left, duration, next: next), left.range.to(duration.range), depth: depth + 1)
    }

    /// `[a, b, c]`, returning the values, the closing bracket and the deepest value's depth.
    mutating func parseList() -> ([Expression], Token, Int)? {
        advance()
        var values: [Expression] = []
        var depth = 0
        if let close = accept(punctuation: "]") { return (values, close, depth) }
        while true {
            guard let value = parseExpression(expecting: "a value") else { return nil }
            values.append(value)
            depth = max(depth, expressionDepth)
            if accept(punctuation: ",") != nil { continue }
            guard let close = expect(punctuation: "]") else { return nil }
            return (values, close, depth)
        }
    }

    // MARK: unary, postfix and primaries

    mutating func parseUnary() -> Expression? {
        guard isPunctuation("-") else { return parsePostfix() }
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Parser.Session.maximumNesting else { return tooComplex() }
        let minus = advance()
        guard canStartExpression else {
            expected("a value")
            return nil
        }
        guard let operand = parseUnary() else { return nil }
        let range = minus.range.to(operand.range)
        // A minus written on a number literal is part of the number.
        if case .number(let value) = operand.kind, let negated = value.negated {
            return leaf(.number(negated), range)
        }
        return node(.negate(operand), range, depth: expressionDepth + 1)
    }

    mutating func parsePostfix() -> Expression? {
        guard var base = parsePrimary() else { return nil }
        while isPunctuation(".") {
            advance()
            guard let word = current.identifier else {
                expected("a field name")
                return nil
            }
            let field = Name(word, advance().range)
            guard let member = node(.member(base, field), base.range.to(field.range), depth: expressionDepth + 1)
            else { return nil }
            base = member
        }
        return base
    }

    mutating func parsePrimary() -> Expression? {
        let token = current
        switch token.kind {
        case .number(let value):
            if let (unit, length) = durationUnit(at: position + 1) {
                let duration = makeDuration(value, unit: unit, unitLength: length)
                return leaf(.duration(duration.value), duration.range)
            }
            advance()
            return leaf(.number(value), token.range)
        case .string(let value):
            advance()
            return leaf(.string(value), token.range)
        case .date(let day):
            advance()
            return leaf(.date(day), token.range)
        case .identifier(let word):
            return parseWordPrimary(word)
        case .punctuation("("):
            let open = advance()
            guard let inner = parseExpression(expecting: "a value") else { return nil }
            guard let close = expect(punctuation: ")") else { return nil }
            return Expression(inner.kind, open.range.to(close.range))
        case .punctuation("["):
            report(.expectedToken, "a list in brackets is only allowed after 'in'", at: token.range,
                   notes: ["write 'x in [a, b]' to test membership"])
            lastErrorIndex = position
            failed = true
            return nil
        default:
            expected("a value")
            return nil
        }
    }

    mutating func parseWordPrimary(_ word: String) -> Expression? {
        let token = current
        if isClauseBoundary {
            expected("a value")
            return nil
        }
        switch word {
        case "true", "false":
            advance()
            return leaf(.bool(word == "true"), token.range)
        case "today":
            advance()
            return leaf(.today, token.range)
        case "if":
            return parseExpression()
        default:
            break
        }
        if Parser.Session.reservedWords.contains(word) {
            expected("a value")
            return nil
        }
        advance()
        guard isPunctuation("(") else { return leaf(.name(word), token.range) }
        return parseCall(Name(word, token.range))
    }

    /// `f(a, b)`; an argument may be followed by `where PREDICATE` and then `within DURATION`.
    mutating func parseCall(_ function: Name) -> Expression? {
        advance()
        var arguments: [Expression] = []
        if let close = accept(punctuation: ")") {
            return leaf(.call(function, arguments), function.range.to(close.range))
        }
        var depth = 0
        while true {
            guard var argument = parseExpression(expecting: "an argument") else { return nil }
            var argumentDepth = expressionDepth
            if isWord("where") {
                advance()
                guard let predicate = parseExpression(expecting: "a condition") else { return nil }
                argumentDepth = max(argumentDepth, expressionDepth) + 1
                guard let filtered = node(.filter(argument, predicate), argument.range.to(predicate.range),
                                          depth: argumentDepth) else { return nil }
                argument = filtered
            }
            if isWord("within") {
                advance()
                guard let duration = expectDuration("a duration such as '12 months'") else { return nil }
                argumentDepth += 1
                guard let recent = node(.within(argument, duration, next: false), argument.range.to(duration.range),
                                        depth: argumentDepth) else { return nil }
                argument = recent
            }
            arguments.append(argument)
            depth = max(depth, argumentDepth)
            if accept(punctuation: ",") != nil { continue }
            guard let close = expect(punctuation: ")") else { return nil }
            return node(.call(function, arguments), function.range.to(close.range), depth: depth + 1)
        }
    }
}
