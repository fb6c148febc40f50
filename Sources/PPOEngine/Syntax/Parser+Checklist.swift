/// The `checklist` block of the CJS Premium Service and its rules.
extension Parser {
    static let checklistClauses = ["for", "calendar", "events", "rule"]
    static let ruleClauses = ["owner", "when", "require", "forbid"]
}

extension Parser.Session {
    mutating func parseChecklist(_ keyword: Token) -> ChecklistBlock? {
        let name = expectString("the checklist's name in quotes")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, name?.value),
                                          clauses: Parser.checklistClauses)
        stopWords = Set(context.clauses)
        finishHeader(context)
        var scope: Name? = nil
        var calendar: Name? = nil
        var events: [Name] = []
        var rules: [ChecklistRule] = []
        var seen: [String: Token] = [:]
        var endToken: Token? = nil
        while let clause = nextClauseWord(context, repeated: Set(seen.keys), end: &endToken) {
            advance()
            switch clause.identifier {
            case "for":
                let keep = recordSingle(clause, in: &seen)
                let value = expectName("who the checklist applies to (ppo, all or candidates)")
                if keep { scope = value }
            case "calendar":
                let keep = recordSingle(clause, in: &seen)
                let value = expectName("a calendar name")
                if keep { calendar = value }
            case "events":
                // Several `events` lines add up, so a long list can be split.
                events += expectNames("an event type")
            default:
                if let rule = parseRule(clause) { rules.append(rule) }
                stopWords = Set(context.clauses)
            }
            if failed { recoverInBlock(context) }
        }
        guard let name else { return nil }
        return ChecklistBlock(name: name, scope: scope, calendar: calendar, events: events, rules: rules,
                              range: blockRange(keyword, endToken))
    }

    mutating func parseRule(_ keyword: Token) -> ChecklistRule? {
        let name = expectString("the rule's name in quotes")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, name?.value),
                                          clauses: Parser.ruleClauses, siblings: ["rule"])
        stopWords = Set(context.clauses + context.siblings)
        finishHeader(context)
        var owner: Name? = nil
        var when: Expression? = nil
        var requirement: Requirement? = nil
        var seen: [String: Token] = [:]
        var endToken: Token? = nil
        while let clause = nextClauseWord(context, repeated: Set(seen.keys), end: &endToken) {
            advance()
            switch clause.identifier {
            case "owner":
                let keep = recordSingle(clause, in: &seen)
                let value = expectName("the agency that owns the rule")
                if keep { owner = value }
            case "when":
                let keep = recordSingle(clause, in: &seen)
                let value = parseExpression(expecting: "a condition")
                if keep { when = value }
            default:
                let keep = recordSingle(clause, as: "requirement", in: &seen)
                let value = clause.isWord("forbid") ? parseForbid() : parseRequire()
                if keep { requirement = value }
            }
            if failed { recoverInBlock(context) }
        }
        failed = false
        guard let name else { return nil }
        return ChecklistRule(name: name, owner: owner, when: when, requirement: requirement,
                             range: blockRange(keyword, endToken))
    }

    /// `A before B`, `A within D after B`, `A at least D before B`.
    mutating func parseRequire() -> Requirement? {
        guard let event = expectName("an event type") else { return nil }
        if accept(word: "before") != nil {
            guard let trigger = expectName("the event it must come before") else { return nil }
            return .before(event, trigger)
        }
        if accept(word: "within") != nil {
            guard let duration = expectDuration("a duration such as '5 working days'"),
                  expect(word: "after") != nil,
                  let trigger = expectName("the event it must follow") else { return nil }
            return .withinAfter(event, duration, trigger)
        }
        if accept(word: "at") != nil {
            guard expect(word: "least") != nil,
                  let duration = expectDuration("a duration such as '14 days'"),
                  expect(word: "before") != nil,
                  let trigger = expectName("the event it must come before") else { return nil }
            return .atLeastBefore(event, duration, trigger)
        }
        expected("'before', 'within' or 'at least'")
        return nil
    }

    /// `A unless R`.
    mutating func parseForbid() -> Requirement? {
        guard let event = expectName("an event type"),
              expect(word: "unless") != nil,
              let reason = expectName("the event that allows it") else { return nil }
        return .forbid(event, unless: reason)
    }
}
