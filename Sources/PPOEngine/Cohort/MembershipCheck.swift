/// Holds the records' `ppo.status` to the panel's decisions (docs/cohort.md, "Where `is_ppo` comes
/// from"): where the panel has decided about an offender, its decisions say whether they are on the
/// scheme, and a record whose `ppo.status` says otherwise is reported, never silently preferred.
public enum MembershipCheck {
    /// One warning per offender whose record contradicts `cohort`, in record order.
    public static func contradictions(_ cohort: Cohort, offenders: [Offender], dataPath: String) -> [DataWarning] {
        var warnings: [DataWarning] = []
        for offender in offenders {
            guard let member = cohort.member(offender.id),
                  let message = contradiction(offender, member: member, scheme: cohort.scheme.name) else { continue }
            warnings.append(DataWarning(file: dataPath, line: offender.line, message: message))
        }
        return warnings
    }

    /// The warning for one offender whose record contradicts their standing with the panel; nil
    /// when the record agrees (or no panel has decided about them).
    public static func contradiction(_ offender: Offender, standing: CohortStanding?) -> String? {
        guard let standing else { return nil }
        return contradiction(offender, member: standing.member, scheme: standing.scheme)
    }

    static func contradiction(_ offender: Offender, member: Cohort.Member, scheme: String) -> String? {
        let recordSays = offender.ppo?.status == .adopted
        guard recordSays != member.isOnScheme else { return nil }
        let status = offender.ppo?.status.map { "'\($0.rawValue)'" } ?? "absent"
        let decided = member.isOnScheme
            ? "the panel adopted them (decision \(SafeText.escaped(member.last.id)), on the scheme since \(member.since.map(String.init(describing:)) ?? "?"))"
            : "the panel's last decision is \(member.last.decision.rawValue) on \(member.last.effective) (decision \(SafeText.escaped(member.last.id)))"
        return "\(SafeText.escaped(offender.id)): ppo.status is \(status) but \(decided); the cohort of scheme \"\(SafeText.escaped(scheme))\" follows the decisions"
    }
}
