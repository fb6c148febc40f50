/// Duration literals: a whole number and a unit, `12 months` or `5 working days`.
extension Parser.Session {
    /// Longest duration a rule may name, so later date arithmetic stays far from overflow.
    static let maximumDurationCount = 1_000_000

    /// The unit of a duration starting at `index`: `days`, or `working days` (two tokens).
    func durationUnit(at index: Int) -> (PPODuration.Unit, Int)? {
        guard let word = token(at: index).identifier else { return nil }
        if word == "working", let next = token(at: index + 1).identifier, next == "day" || next == "days" {
            return (.workingDay, 2)
        }
        switch word {
        case "day", "days": return (.day, 1)
        case "week", "weeks": return (.week, 1)
        case "month", "months": return (.month, 1)
        case "year", "years": return (.year, 1)
        default: return nil
        }
    }

    mutating func expectDuration(_ what: String) -> DurationLiteral? {
        guard case .number(let value) = current.kind else {
            expected(what)
            return nil
        }
        guard let (unit, length) = durationUnit(at: position + 1) else {
            advance()
            expected("a unit (days, weeks, months, years or working days)")
            return nil
        }
        return makeDuration(value, unit: unit, unitLength: length)
    }

    /// Consumes a number and its unit. A bad count is reported but still yields a literal, so the
    /// rest of the expression parses normally.
    mutating func makeDuration(_ value: ExactDecimal, unit: PPODuration.Unit, unitLength: Int) -> DurationLiteral {
        let number = advance()
        var last = number
        for _ in 0..<unitLength { last = advance() }
        let range = number.range.to(last.range)
        let limit = Parser.Session.maximumDurationCount
        let unitName = unit.rawValue + "s"
        var count = value.wholeValue ?? value.truncated
        if value.wholeValue == nil {
            report(.invalidDuration, "a duration needs a whole number of \(unitName), not \(value)", at: range)
        } else if count > limit {
            report(.invalidDuration, "\(count) \(unitName) is too long: at most \(limit) is allowed", at: range)
        }
        count = max(0, min(count, limit))
        return DurationLiteral(PPODuration(count: count, unit: unit), range)
    }
}
