/// A Premium Service checklist compiled once, ready to check any number of offenders (SPEC §5.4).
public struct CompiledChecklist: Sendable {
    /// One rule with its guard compiled and its durations resolved.
    struct Duty: Sendable {
        enum Requirement: Sendable {
            case before(String, trigger: String)
            case withinAfter(String, PPODuration, trigger: String)
            case atLeastBefore(String, PPODuration, trigger: String)
            case forbid(String, unless: String)
        }
        let name: String
        let owner: String
        let when: Evaluator?
        let requirement: Requirement
    }

    public let name: String
    public let scope: Scope
    /// The declared event vocabulary.
    public let events: [String]
    /// Owners in the order the rules first name them.
    public let owners: [String]
    /// The checklist's calendar; every day counts when it names none.
    let calendar: WorkingCalendar
    let duties: [Duty]
    let categories: CategoryTable
    /// What this was planned from, so each thread of a streamed run can plan its own copy.
    private let checked: CheckedChecklist
    private let calendars: [CheckedCalendar]
    /// The panel's decisions, when loaded (`RuleSet.with(decisions:)`): they decide who is a PPO.
    var decisions: DecisionBook? = nil

    init(_ checklist: CheckedChecklist, calendars: [CheckedCalendar], categories: CategoryTable) {
        checked = checklist
        self.calendars = calendars
        name = checklist.name
        scope = checklist.scope
        events = checklist.events
        self.categories = categories
        calendar = calendars.first { $0.name == checklist.calendar }.map(WorkingCalendar.init)
            ?? WorkingCalendar(everyDay: "calendar days")
        var owners: [String] = []
        for rule in checklist.rules where !owners.contains(rule.owner) { owners.append(rule.owner) }
        self.owners = owners
        let planner = ExpressionPlanner(categories: categories)
        duties = checklist.rules.map { rule in
            let requirement: Duty.Requirement
            switch rule.requirement {
            case .before(let a, let b): requirement = .before(a.text, trigger: b.text)
            case .withinAfter(let a, let d, let b): requirement = .withinAfter(a.text, d.value, trigger: b.text)
            case .atLeastBefore(let a, let d, let b): requirement = .atLeastBefore(a.text, d.value, trigger: b.text)
            case .forbid(let a, let r): requirement = .forbid(a.text, unless: r.text)
            }
            return Duty(name: rule.name, owner: rule.owner, when: rule.when.map { planner.plan($0, recording: false) },
                        requirement: requirement)
        }
    }

    /// The same checklist planned afresh, its guards' closures its own: two threads running the same
    /// closures fight over their reference counts (see `CompiledMatrix.planned`).
    func planned() -> CompiledChecklist {
        var copy = CompiledChecklist(checked, calendars: calendars, categories: categories.copied())
        copy.decisions = decisions
        return copy
    }

    /// Whether the checklist applies to the offender (SPEC §3 scopes).
    public func covers(_ offender: Offender, asOf: Day) -> Bool {
        Scope.covers(scope, offender, cohort: decisions?.standing(of: offender.id, asOf: asOf))
    }

    /// A duty on one case whose working days were counted through years the checklist's calendar
    /// lists no holidays for: a data warning at the offender's record.
    struct CalendarShortfall: Sendable, Hashable {
        let line: Int
        let years: [Int]
    }

    /// Every duty on every case of one offender at `as_of`: one result per trigger occurrence, or
    /// one `not_applicable` result per case and rule. Nothing when the offender is out of scope.
    public func check(_ offender: Offender, asOf: Day) -> [DutyResult] {
        var shortfalls: [CalendarShortfall] = []
        return check(offender, asOf: asOf, shortfalls: &shortfalls)
    }

    /// `check`, adding to `shortfalls` every duty that counted working days past its calendar.
    func check(_ offender: Offender, asOf: Day, shortfalls: inout [CalendarShortfall]) -> [DutyResult] {
        let cohort = decisions?.standing(of: offender.id, asOf: asOf)
        guard Scope.covers(scope, offender, cohort: cohort) else { return [] }
        var view = OffenderView(offender, asOf: asOf, windowStart: nil)
        return EvaluationFrame.with(offender, view: &view, asOf: asOf, categories: categories) { frame in
            frame.cohort = cohort
            return check(offender, asOf: asOf, in: &frame, shortfalls: &shortfalls)
        }
    }

    private func check(_ offender: Offender, asOf: Day, in frame: inout EvaluationFrame,
                       shortfalls: inout [CalendarShortfall]) -> [DutyResult] {
        var results: [DutyResult] = []
        for (c, kase) in offender.cases.enumerated() {
            let timeline = CaseTimeline(kase, asOf: asOf)
            for duty in duties {
                var applies = true
                if let when = duty.when {
                    frame.bound = [RecordRef(kind: .case, index: Int32(truncatingIfNeeded: c))]
                    applies = when(&frame).isTrue
                    frame.bound = []
                }
                var uncovered: Set<Int> = []
                let outcomes = applies ? evaluate(duty.requirement, on: timeline, asOf: asOf, uncovered: &uncovered) : []
                if outcomes.isEmpty {
                    results.append(result(offender, kase, duty, DutyOutcome(status: .notApplicable), asOf: asOf,
                                          uncovered: &uncovered))
                }
                for outcome in outcomes {
                    results.append(result(offender, kase, duty, outcome, asOf: asOf, uncovered: &uncovered))
                }
                if !uncovered.isEmpty { shortfalls.append(CalendarShortfall(line: offender.line, years: uncovered.sorted())) }
            }
        }
        return results
    }

    /// Checks every offender, in data order.
    public func check(_ offenders: [Offender], asOf: Day) -> [DutyResult] {
        offenders.flatMap { check($0, asOf: asOf) }
    }

    /// Checks every offender, in data order, and lists the duties that counted working days past the
    /// calendar.
    func checkNotingCalendar(_ offenders: [Offender], asOf: Day) -> (results: [DutyResult], shortfalls: [CalendarShortfall]) {
        var shortfalls: [CalendarShortfall] = []
        let results = offenders.flatMap { check($0, asOf: asOf, shortfalls: &shortfalls) }
        return (results, shortfalls)
    }

    private func result(_ offender: Offender, _ kase: Case, _ duty: Duty, _ outcome: DutyOutcome, asOf: Day,
                        uncovered: inout Set<Int>) -> DutyResult {
        var left: Int? = nil
        if outcome.status == .pending, let due = outcome.due {
            if outcome.workingDays {
                uncovered.formUnion(calendar.uncoveredYears(from: asOf.adding(days: 1), through: due))
                left = calendar.workingDays(after: asOf, through: due)
            } else {
                left = max(0, asOf.days(to: due))
            }
        }
        return DutyResult(offender: offender.id, offenderName: offender.name, line: offender.line, caseID: kase.id,
                          rule: duty.name, owner: duty.owner, status: outcome.status, trigger: outcome.trigger,
                          due: outcome.due, daysLate: outcome.daysLate, daysLeft: left, workingDays: outcome.workingDays,
                          evidence: outcome.evidence)
    }
}

extension Scope {
    /// `ppo`: adopted PPOs; `candidates`: everyone else; `all`: everyone. Adopted by the panel's
    /// decisions where it has made one (`cohort`), else by the record's `ppo.status`.
    static func covers(_ scope: Scope, _ offender: Offender, cohort: CohortStanding?) -> Bool {
        covers(scope, adopted: isAdopted(offender, cohort: cohort))
    }

    /// Whether the offender is a PPO (`is_ppo`): on a scheme where a panel has decided about them,
    /// else as their record's `ppo.status` says.
    static func isAdopted(_ offender: Offender, cohort: CohortStanding?) -> Bool {
        cohort?.onScheme ?? (offender.ppo?.status == .adopted)
    }

    /// `covers` for an offender who is (or is not) an adopted PPO.
    static func covers(_ scope: Scope, adopted: Bool) -> Bool {
        switch scope {
        case .all: return true
        case .ppo: return adopted
        case .candidates: return !adopted
        }
    }
}
