/// The `calendar` block: weekend days and holidays for working-day arithmetic.
extension Parser.Session {
    mutating func parseCalendar(_ keyword: Token) -> CalendarBlock? {
        let name = expectName("the calendar's name")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, nil) + (name.map { " \($0.text)" } ?? ""),
                                          clauses: ["weekend", "holiday"])
        stopWords = Set(context.clauses)
        finishHeader(context)
        var weekend: [Name] = []
        var holidays: [Holiday] = []
        var seen: [String: Token] = [:]
        var endToken: Token? = nil
        while let clause = nextClauseWord(context, repeated: Set(seen.keys), end: &endToken) {
            advance()
            if clause.isWord("weekend") {
                let keep = recordSingle(clause, in: &seen)
                let days = expectNames("a day of the week")
                if keep { weekend = days }
            } else if let date = expectDate("a date such as 2026-12-25") {
                var label: StringLiteral? = nil
                if case .string(let value) = current.kind { label = StringLiteral(value, advance().range) }
                holidays.append(Holiday(date: date, label: label))
            }
            if failed { recoverInBlock(context) }
        }
        guard let name else { return nil }
        return CalendarBlock(name: name, weekend: weekend, holidays: holidays, range: blockRange(keyword, endToken))
    }
}
