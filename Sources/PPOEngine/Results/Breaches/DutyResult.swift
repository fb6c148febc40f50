/// Where one Premium Service duty stands on one case (SPEC §5.4).
public enum DutyStatus: String, Sendable, Hashable, CaseIterable {
    case met, pending, breached
    case notApplicable = "not_applicable"
}

/// One checklist rule checked on one case, once per occurrence of its trigger event.
public struct DutyResult: Sendable, Hashable {
    public let offender: String
    public let offenderName: String?
    /// Line of the offender's record in the data file, for warnings and reports.
    public let line: Int
    public let caseID: String
    public let rule: String
    public let owner: String
    public let status: DutyStatus
    /// Id of the trigger event (the event after `before`/`after`, or the forbidden event); `nil` when
    /// the rule is not applicable to the case.
    public let trigger: String?
    /// When the duty falls or fell due; `nil` for `forbid` rules and not-applicable results.
    public let due: Day?
    /// Days late (the duty was done after `due`) or overdue (still not done), for breaches.
    public let daysLate: Int?
    /// For a pending duty, the days left from `as_of` to `due` (0: due today).
    public let daysLeft: Int?
    /// True when `daysLate` and `daysLeft` count working days (the rule's duration is in working days).
    public let workingDays: Bool
    /// Ids of the events the result rests on: the trigger and the event that met (or came late for) it.
    public let evidence: [String]

    public init(offender: String, offenderName: String?, line: Int, caseID: String, rule: String, owner: String,
                status: DutyStatus, trigger: String?, due: Day?, daysLate: Int?, daysLeft: Int? = nil,
                workingDays: Bool, evidence: [String]) {
        self.offender = offender; self.offenderName = offenderName; self.line = line; self.caseID = caseID
        self.rule = rule; self.owner = owner; self.status = status; self.trigger = trigger; self.due = due
        self.daysLate = daysLate; self.daysLeft = daysLeft; self.workingDays = workingDays; self.evidence = evidence
    }
}

/// Results of one owning agency: the counts a Local Criminal Justice Board reviews.
public struct OwnerSummary: Sendable, Hashable {
    public let owner: String
    public let met: Int
    public let pending: Int
    public let breached: Int
    public let notApplicable: Int

    public init(owner: String, met: Int, pending: Int, breached: Int, notApplicable: Int) {
        self.owner = owner; self.met = met; self.pending = pending; self.breached = breached
        self.notApplicable = notApplicable
    }

    /// met / (met + breached), six decimal places; `nil` when nothing has been met or breached yet.
    public var compliance: Decimal6? {
        guard met + breached > 0, let m = Decimal6(met), let total = Decimal6(met + breached) else { return nil }
        return m.divided(by: total)
    }
}
