/// The `checklist` block of the CJS Premium Service and its rules.
extension Parser {
    static let checklistClauses = ["for", "calendar", "events", "limit", "rule"]
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
        var limits: [ChecklistLimit] = []
        checklistLimits = [:]
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
            case "limit":
                if let limit = parseLimit() { limits.append(limit) }
            default:
                if let rule = parseRule(clause) { rules.append(rule) }
                stopWords = Set(context.clauses)
            }
            if failed { recoverInBlock(context) }
        }
        guard let name else { return nil }
        return ChecklistBlock(name: name, scope: scope, calendar: calendar, events: events, limits: limits,
                              rules: rules, range: blockRange(keyword, endToken))
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
            guard let duration = expectDurationOrLimit("a duration such as '5 working days', or a limit's name"),
                  expect(word: "after") != nil,
                  let trigger = expectName("the event it must follow") else { return nil }
            return .withinAfter(event, duration, trigger)
        }
        if accept(word: "at") != nil {
            guard expect(word: "least") != nil,
                  let duration = expectDurationOrLimit("a duration such as '14 days', or a limit's name"),
                  expect(word: "before") != nil,
                  let trigger = expectName("the event it must come before") else { return nil }
            return .atLeastBefore(event, duration, trigger)
        }
        expected("'before', 'within' or 'at least'")
        return nil
    }

    /// `limit NAME = DURATION`: a named local time limit that requirements use by name.
    mutating func parseLimit() -> ChecklistLimit? {
        guard let name = expectName("the limit's name"),
              expect(punctuation: "=") != nil,
              let duration = expectDuration("a duration such as '5 working days'") else { return nil }
        if checklistLimits[name.text] != nil {
            report(.duplicateDeclaration, "limit '\(name.text)' is declared twice in this checklist", at: name.range)
        } else {
            checklistLimits[name.text] = duration.value
        }
        return ChecklistLimit(name: name, duration: duration)
    }

    /// A duration literal, or the name of a `limit` declared earlier in the checklist, which stands for
    /// its duration (the literal then points at the name, so diagnostics land where it is used).
    mutating func expectDurationOrLimit(_ what: String) -> DurationLiteral? {
        guard let word = current.identifier, !Parser.Session.reservedWords.contains(word) else { return expectDuration(what) }
        let token = advance()
        if let duration = checklistLimits[word] { return DurationLiteral(duration, token.range) }
        let known = checklistLimits.keys.sorted()
        report(.unknownLimit, "unknown limit '\(word)'", at: token.range,
               suggestion: Suggestion.closest(to: word, in: known),
               notes: known.isEmpty ? ["declare it in the checklist before the rules: limit \(word) = 5 working days"]
                                    : ["declared limits: " + known.joined(separator: ", ")])
        // A placeholder keeps the rest of the requirement parsing, so one slip reports one error.
        return DurationLiteral(PPODuration(count: 0, unit: .day), token.range)
    }

    /// `A unless R`.
    mutating func parseForbid() -> Requirement? {
        guard let event = expectName("an event type"),
              expect(word: "unless") != nil,
              let reason = expectName("the event that allows it") else { return nil }
        return .forbid(event, unless: reason)
    }
}
