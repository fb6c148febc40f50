extension Checker {
    private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Checks a `calendar` block (SPEC §5.3).
    mutating func checkCalendar(_ block: CalendarBlock) {
        var weekend: Set<Int> = []
        for day in block.weekend {
            guard let index = Self.weekdays.firstIndex(of: day.text.lowercased()) else {
                error(.unknownValue, "'\(day.text)' is not a day of the week", day.range,
                      suggestion: Suggestion.closest(to: day.text, in: Self.weekdays))
                continue
            }
            weekend.insert(index)
        }
        if weekend.count == 7 {
            error(.invalidValue, "every day of the week is a weekend day, so no day could ever be a working day",
                  block.weekend.first?.range ?? block.name.range)
        }
        var holidays: [Day: String] = [:]
        for holiday in block.holidays {
            if holidays[holiday.date.value] != nil {
                diagnostics.append(.warning(.duplicateDeclaration, "\(holiday.date.value) is listed twice", at: holiday.date.range))
            }
            holidays[holiday.date.value] = holiday.label?.value ?? "holiday"
        }
        program.calendars.append(CheckedCalendar(name: block.name.text, weekend: weekend, holidays: holidays,
                                                  range: block.name.range))
    }

    private mutating func checkScope(_ name: Name?) -> Scope? {
        guard let name else { return .ppo }
        guard let scope = Scope(rawValue: name.text) else {
            let names = Scope.allCases.map(\.rawValue)
            error(.unknownValue, "'\(name.text)' is not a scope; expected one of \(names.joined(separator: ", "))", name.range,
                  suggestion: Suggestion.closest(to: name.text, in: names))
            return nil
        }
        return scope
    }

    /// Checks a `checklist` block (SPEC §5.4).
    mutating func checkChecklist(_ block: ChecklistBlock) -> CheckedChecklist? {
        let errorsBefore = diagnostics.count
        let scope = checkScope(block.scope)
        if let calendar = block.calendar, !program.calendars.contains(where: { $0.name == calendar.text }) {
            error(.unknownCalendar, "no calendar is called '\(calendar.text)'", calendar.range,
                  suggestion: Suggestion.closest(to: calendar.text, in: program.calendars.map(\.name)))
        }
        var events: [String] = []
        for event in block.events {
            if events.contains(event.text) {
                diagnostics.append(.warning(.duplicateDeclaration, "event type '\(event.text)' is declared twice", at: event.range))
            } else {
                events.append(event.text)
            }
        }
        // A rule is checked per case, so its `when` reads the case; `offender.x` reaches the offender.
        var context = expressionContext(.checklist)
        context.root = .case
        context.eventTypes = events
        var rules: [CheckedChecklist.Rule] = []
        for rule in block.rules {
            func event(_ name: Name) {
                if !events.contains(name.text) {
                    error(.unknownEventType, "'\(name.text)' is not an event type this checklist declares", name.range,
                          suggestion: Suggestion.closest(to: name.text, in: events),
                          notes: events.isEmpty ? ["declare event types with: events a, b, c"] : ["declared: " + events.joined(separator: ", ")])
                }
            }
            guard let requirement = rule.requirement else {
                error(.expectedToken, "rule \"\(rule.name.value)\" needs a 'require …' or 'forbid …' line", rule.name.range)
                continue
            }
            switch requirement {
            case .before(let a, let b): event(a); event(b)
            case .withinAfter(let a, let d, let b):
                event(a); event(b)
                if d.value.unit == .workingDay, block.calendar == nil {
                    error(.unknownCalendar, "working days need a calendar: add 'calendar NAME' to the checklist", d.range)
                }
            case .atLeastBefore(let a, let d, let b):
                event(a); event(b)
                if d.value.unit == .workingDay, block.calendar == nil {
                    error(.unknownCalendar, "working days need a calendar: add 'calendar NAME' to the checklist", d.range)
                }
            case .forbid(let a, let r): event(a); event(r)
            }
            let when = rule.when.flatMap { expression in withExpressions(context) { $0.checkCondition(expression) } }
            if rule.owner == nil {
                error(.expectedToken, "rule \"\(rule.name.value)\" needs an 'owner' (police, cps, probation, prison, courts, yos …)", rule.name.range)
            }
            rules.append(.init(name: rule.name.value, owner: rule.owner?.text ?? "", when: when, requirement: requirement))
        }
        guard let scope, diagnostics[errorsBefore...].allSatisfy({ $0.severity != .error }) else { return nil }
        return CheckedChecklist(name: block.name.value, scope: scope, calendar: block.calendar?.text,
                                events: events, rules: rules, file: block.range.file)
    }

    /// Checks an `alerts` block (SPEC §5.5), messages' `{…}` holes included.
    mutating func checkAlerts(_ block: AlertsBlock, matrices: [String], checklists: [String]) -> CheckedAlerts? {
        let errorsBefore = diagnostics.count
        var context = expressionContext(.alerts)
        context.matrices = matrices
        context.checklists = checklists
        var alerts: [CheckedAlerts.Alert] = []
        for alert in block.alerts {
            var severity = CheckedAlerts.Severity.medium
            if let name = alert.severity {
                if let s = CheckedAlerts.Severity(rawValue: name.text) {
                    severity = s
                } else {
                    let names = CheckedAlerts.Severity.allCases.map(\.rawValue)
                    error(.unknownValue, "'\(name.text)' is not a severity; expected one of \(names.joined(separator: ", "))", name.range,
                          suggestion: Suggestion.closest(to: name.text, in: names))
                }
            }
            let scope = checkScope(alert.scope) ?? .ppo
            guard let whenExpression = alert.when else {
                error(.expectedToken, "alert \"\(alert.name.value)\" needs a 'when' condition", alert.name.range)
                continue
            }
            let when = withExpressions(context) { $0.checkCondition(whenExpression) }
            var parts: [CheckedAlerts.MessagePart] = []
            for part in alert.message?.parts ?? [] {
                switch part {
                case .text(let text): parts.append(.text(text))
                case .hole(let expression):
                    if let typed = withExpressions(context, { $0.check(expression) }) {
                        if case .collection = typed.type {
                            error(.invalidInterpolation, "a message can show a value, not a whole collection; try count(…)", expression.range)
                        } else {
                            parts.append(.hole(typed))
                        }
                    }
                }
            }
            alerts.append(.init(name: alert.name.value, severity: severity, scope: scope, when: when,
                                message: parts, notify: alert.notify?.text))
        }
        guard diagnostics[errorsBefore...].allSatisfy({ $0.severity != .error }) else { return nil }
        return CheckedAlerts(name: block.name.value, alerts: alerts, file: block.range.file)
    }

    /// Checks a `test` block (SPEC §5.6): its target must exist and its data be named.
    mutating func checkTest(_ block: TestBlock, blocks: [Block]) -> CheckedTest? {
        guard let kind = block.targetKind, let target = block.target else {
            error(.expectedToken, "test \"\(block.name.value)\" needs a target: matrix \"…\", checklist \"…\" or alerts \"…\"", block.name.range)
            return nil
        }
        let names: [String] = blocks.compactMap { b in
            switch (kind, b) {
            case (.matrix, .matrix(let m)): return m.name.value
            case (.checklist, .checklist(let c)): return c.name.value
            case (.alerts, .alerts(let a)): return a.name.value
            default: return nil
            }
        }
        var ok = true
        if !ExactText.list(names, contains: target.value) {   // as `ppo test` finds the block
            let id: DiagnosticID = kind == .matrix ? .unknownMatrix : kind == .checklist ? .unknownChecklist : .unknownAlerts
            error(id, "no \(kind == .alerts ? "alerts block" : kind.rawValue) is called \"\(target.value)\"", target.range,
                  suggestion: Suggestion.closest(to: target.value, in: names))
            ok = false
        }
        if block.asOf == nil {
            error(.expectedToken, "test \"\(block.name.value)\" needs 'as of DATE' so its results never change with the day it runs", block.name.range)
            ok = false
        }
        if block.data == nil {
            error(.expectedToken, "test \"\(block.name.value)\" needs 'data \"FILE\"'", block.name.range)
            ok = false
        }
        for expectation in block.expectations {
            switch (kind, expectation.kind) {
            case (.matrix, .score), (.matrix, .tier), (.matrix, .rank), (.matrix, .recommended),
                 (.matrix, .ineligible), (.matrix, .tieAtCapacity):
                continue
            case (_, .alert), (_, .breach), (_, .status):
                // Alerts and breaches are looked up across every loaded alerts block and checklist,
                // so one test can pin a matrix, the alerts that read it and the checklist together.
                continue
            default:
                error(.invalidValue, "this expectation does not apply to a \(kind.rawValue) test", expectation.range)
                ok = false
            }
        }
        guard ok, let asOf = block.asOf, let data = block.data else { return nil }
        return CheckedTest(name: block.name.value, targetKind: kind, target: target.value, asOf: asOf.value,
                           data: data.value, previous: block.previous?.value, decisions: block.decisions?.value,
                           expectations: block.expectations,
                           file: block.range.file, range: block.range)
    }
}
