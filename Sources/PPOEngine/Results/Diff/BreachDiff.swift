/// Which Premium Service results change status when a checklist changes (docs/workbench.md,
/// "Checklists and alerts"): the same records and `as_of` checked by two versions of a checklist,
/// compared duty by duty.
///
/// A duty is one result: offender, case, rule and trigger event, matched by their exact bytes (the
/// n-th result with the same four under one version meets the n-th under the other). A rule added or
/// removed, or a trigger that only one version sees, gives results with no counterpart: "no result"
/// on that side.
public struct BreachDiff: Sendable {
    /// Where one duty stands under one version.
    public struct Outcome: Sendable, Hashable {
        public let status: DutyStatus
        public let due: Day?
        public let daysLate: Int?
        public let daysLeft: Int?
        public let workingDays: Bool

        init(_ result: DutyResult) {
            status = result.status; due = result.due; daysLate = result.daysLate; daysLeft = result.daysLeft
            workingDays = result.workingDays
        }
    }

    /// One duty whose status differs between the versions.
    public struct Change: Sendable {
        public let offender: String
        public let name: String?
        public let caseID: String
        public let rule: String
        public let owner: String
        public let trigger: String?
        /// Nil when the version gives no such result.
        public let old: Outcome?
        public let new: Outcome?
    }

    /// An offender's changed duties, in the order the new version lists them.
    public struct OffenderChanges: Sendable {
        public let id: String
        public let name: String?
        public let changes: [Change]
    }

    /// An owning agency's summary under each version (nil where the version's rules do not name it).
    public struct OwnerChange: Sendable {
        public let owner: String
        public let old: OwnerSummary?
        public let new: OwnerSummary?
    }

    /// How many duties moved from one status to another ("no result" when absent on a side).
    public struct Transition: Sendable, Hashable {
        public let from: String
        public let to: String
        public let count: Int
    }

    /// What a side without the result is called.
    public static let absent = "no result"

    public let checklist: String
    public let asOf: Day
    public let dataDigest: String
    public let oldRulesDigest: String
    public let newRulesDigest: String
    /// Duties compared: the results of either version.
    public let compared: Int
    public let offenders: [OffenderChanges]
    /// Most frequent first, then by name.
    public let transitions: [Transition]
    public let owners: [OwnerChange]
    /// Duties of the same status under both whose due date moved (a changed limit on a pending duty).
    public let dueDatesMoved: Int

    /// Every changed duty, offender by offender.
    public var changes: [Change] { offenders.flatMap(\.changes) }

    public init(old: BreachReport, new: BreachReport) {
        checklist = new.checklist
        asOf = new.asOf
        dataDigest = new.dataDigest
        oldRulesDigest = old.rulesDigest
        newRulesDigest = new.rulesDigest

        struct Duty: Hashable { let offender: ExactText, caseID: ExactText, rule: ExactText, trigger: ExactText? }
        let pairs = ResultPairing.pairs(old: old.results, new: new.results) { result in
            Duty(offender: ExactText(result.offender), caseID: ExactText(result.caseID), rule: ExactText(result.rule),
                 trigger: result.trigger.map(ExactText.init))
        }
        compared = pairs.count

        var changes: [Change] = []
        struct Move: Hashable { let from: String, to: String }
        var counts: [Move: Int] = [:]
        var moved = 0
        for (before, after) in pairs {
            guard let any = after ?? before else { continue }
            if before?.status == after?.status {
                if before?.due != after?.due { moved += 1 }
                continue
            }
            changes.append(Change(offender: any.offender, name: after?.offenderName ?? before?.offenderName,
                                  caseID: any.caseID, rule: any.rule, owner: any.owner, trigger: any.trigger,
                                  old: before.map(Outcome.init), new: after.map(Outcome.init)))
            counts[Move(from: before?.status.rawValue ?? Self.absent, to: after?.status.rawValue ?? Self.absent), default: 0] += 1
        }
        offenders = ResultPairing.byOffender(changes, id: \.offender, name: \.name).map {
            OffenderChanges(id: $0.id, name: $0.name, changes: $0.changes)
        }
        transitions = counts.map { Transition(from: $0.key.from, to: $0.key.to, count: $0.value) }.sorted { ($0.count, $1.from, $1.to) > ($1.count, $0.from, $0.to) }
        dueDatesMoved = moved

        var ownerNames: [String] = new.summary.map(\.owner)
        for summary in old.summary where !ExactText.list(ownerNames, contains: summary.owner) { ownerNames.append(summary.owner) }
        owners = ownerNames.map { owner in
            OwnerChange(owner: owner, old: old.summary.first { ExactText.same($0.owner, owner) },
                        new: new.summary.first { ExactText.same($0.owner, owner) })
        }
    }
}
