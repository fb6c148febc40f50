/// Where one requirement stands for one trigger: the parts of a `DutyResult` the rule decides.
struct DutyOutcome {
    var status: DutyStatus
    var trigger: String? = nil
    var due: Day? = nil
    var daysLate: Int? = nil
    var workingDays = false
    var evidence: [String] = []
}

extension CompiledChecklist {
    /// The four requirement forms of SPEC §5.4, once per occurrence of the trigger on the case.
    /// Years a working-day count reached that the calendar lists no holidays for are added to `uncovered`.
    func evaluate(_ requirement: Duty.Requirement, on timeline: CaseTimeline, asOf: Day,
                  uncovered: inout Set<Int>) -> [DutyOutcome] {
        switch requirement {
        case .before(let a, let b):
            let done = timeline.of(type: a)
            return timeline.of(type: b).map { trigger in
                if let met = done.last(where: { $0.date <= trigger.date }) {
                    return DutyOutcome(status: .met, trigger: trigger.id, due: trigger.date, evidence: [trigger.id, met.id])
                }
                // A listed future trigger (a trial date) can still be prepared for.
                let status: DutyStatus = trigger.date > asOf ? .pending : .breached
                return DutyOutcome(status: status, trigger: trigger.id, due: trigger.date, evidence: [trigger.id])
            }
        case .withinAfter(let a, let duration, let b):
            let done = timeline.of(type: a)
            let working = duration.unit == .workingDay
            return timeline.of(type: b).map { trigger in
                let deadline = add(duration, to: trigger.date, noting: &uncovered)
                // Only an A on or after B counts.
                if let first = done.first(where: { $0.date >= trigger.date }) {
                    if first.date <= deadline {
                        return DutyOutcome(status: .met, trigger: trigger.id, due: deadline, workingDays: working,
                                           evidence: [trigger.id, first.id])
                    }
                    return DutyOutcome(status: .breached, trigger: trigger.id, due: deadline,
                                       daysLate: late(deadline, first.date, working, noting: &uncovered), workingDays: working,
                                       evidence: [trigger.id, first.id])
                }
                if asOf > deadline {
                    return DutyOutcome(status: .breached, trigger: trigger.id, due: deadline,
                                       daysLate: late(deadline, asOf, working, noting: &uncovered), workingDays: working,
                                       evidence: [trigger.id])
                }
                return DutyOutcome(status: .pending, trigger: trigger.id, due: deadline, workingDays: working,
                                   evidence: [trigger.id])
            }
        case .atLeastBefore(let a, let duration, let b):
            let done = timeline.of(type: a)
            let working = duration.unit == .workingDay
            return timeline.of(type: b).map { trigger in
                let target = subtract(duration, from: trigger.date, noting: &uncovered)
                if let met = done.last(where: { $0.date <= target }) {
                    return DutyOutcome(status: .met, trigger: trigger.id, due: target, workingDays: working,
                                       evidence: [trigger.id, met.id])
                }
                if asOf > target {
                    // Late is counted to the A that came after the target; with none, to as_of, but never
                    // past B itself: after the trial the duty can no longer be done.
                    let lateOne = done.first { $0.date > target }
                    let end = lateOne?.date ?? min(asOf, trigger.date)
                    return DutyOutcome(status: .breached, trigger: trigger.id, due: target,
                                       daysLate: late(target, end, working, noting: &uncovered), workingDays: working,
                                       evidence: [trigger.id] + (lateOne.map { [$0.id] } ?? []))
                }
                return DutyOutcome(status: .pending, trigger: trigger.id, due: target, workingDays: working,
                                   evidence: [trigger.id])
            }
        case .forbid(let a, let r):
            let reason = timeline.of(type: r).first
            return timeline.of(type: a).map { trigger in
                if let reason {
                    return DutyOutcome(status: .met, trigger: trigger.id, evidence: [trigger.id, reason.id])
                }
                return DutyOutcome(status: .breached, trigger: trigger.id, evidence: [trigger.id])
            }
        }
    }

    func add(_ duration: PPODuration, to day: Day, noting uncovered: inout Set<Int>) -> Day {
        guard duration.unit == .workingDay else { return duration.added(to: day) }
        let result = calendar.adding(workingDays: duration.count, to: day)
        uncovered.formUnion(calendar.uncoveredYears(steppingFrom: day, to: result))
        return result
    }

    func subtract(_ duration: PPODuration, from day: Day, noting uncovered: inout Set<Int>) -> Day {
        guard duration.unit == .workingDay else { return duration.subtracted(from: day) }
        let result = calendar.adding(workingDays: -duration.count, to: day)
        uncovered.formUnion(calendar.uncoveredYears(steppingFrom: day, to: result))
        return result
    }

    /// Days from `due` to `end`: working days for a working-day rule, else calendar days.
    func late(_ due: Day, _ end: Day, _ working: Bool, noting uncovered: inout Set<Int>) -> Int {
        guard working else { return max(0, due.days(to: end)) }
        uncovered.formUnion(calendar.uncoveredYears(from: due.adding(days: 1), through: end))
        return calendar.workingDays(after: due, through: end)
    }
}
