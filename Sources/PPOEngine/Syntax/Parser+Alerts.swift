/// The `alerts` block and its alerts.
extension Parser {
    static let alertClauses = ["severity", "for", "when", "message", "notify"]
}

extension Parser.Session {
    mutating func parseAlerts(_ keyword: Token) -> AlertsBlock? {
        let name = expectString("the alerts block's name in quotes")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, name?.value), clauses: ["alert"])
        stopWords = Set(context.clauses)
        finishHeader(context)
        var alerts: [AlertRule] = []
        var endToken: Token? = nil
        while let clause = nextClauseWord(context, repeated: [], end: &endToken) {
            advance()
            if let alert = parseAlert(clause) { alerts.append(alert) }
            stopWords = Set(context.clauses)
            if failed { recoverInBlock(context) }
        }
        guard let name else { return nil }
        return AlertsBlock(name: name, alerts: alerts, range: blockRange(keyword, endToken))
    }

    mutating func parseAlert(_ keyword: Token) -> AlertRule? {
        let name = expectString("the alert's name in quotes")
        let context = Parser.BlockContext(keyword: keyword, title: title(keyword, name?.value),
                                          clauses: Parser.alertClauses, siblings: ["alert"])
        stopWords = Set(context.clauses + context.siblings)
        finishHeader(context)
        var severity: Name? = nil
        var scope: Name? = nil
        var when: Expression? = nil
        var message: MessageTemplate? = nil
        var notify: Name? = nil
        var seen: [String: Token] = [:]
        var endToken: Token? = nil
        while let clause = nextClauseWord(context, repeated: Set(seen.keys), end: &endToken) {
            advance()
            let keep = recordSingle(clause, in: &seen)
            switch clause.identifier {
            case "severity":
                let value = expectName("a severity (high, medium or low)")
                if keep { severity = value }
            case "for":
                let value = expectName("who the alert applies to (ppo, all or candidates)")
                if keep { scope = value }
            case "when":
                let value = parseExpression(expecting: "a condition")
                if keep { when = value }
            case "message":
                let value = parseMessage()
                if keep { message = value }
            default:
                let value = expectName("a role to notify")
                if keep { notify = value }
            }
            if failed { recoverInBlock(context) }
        }
        failed = false
        guard let name else { return nil }
        return AlertRule(name: name, severity: severity, scope: scope, when: when, message: message,
                         notify: notify, range: blockRange(keyword, endToken))
    }

    /// A message string, split into text and `{expression}` holes.
    mutating func parseMessage() -> MessageTemplate? {
        guard isStringToken(current) else {
            expected("a message in quotes")
            return nil
        }
        let token = advance()
        let (template, problems) = MessageTemplateParser.parse(token, source: source, fileIndex: fileIndex)
        diagnostics += problems
        return template
    }
}
