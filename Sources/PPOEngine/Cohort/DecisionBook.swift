/// Every loaded scheme's panel decisions, indexed by offender, so that any one offender's standing
/// on any date is one look-up and a fold of their own few decisions: how evaluation reads the
/// decisions (`RuleSet.with(decisions:)`) without working out a whole cohort per offender.
///
/// The standing is exactly the offender's line of `Cohort` for each scheme (both use
/// `Cohort.fold`): decisions effective after the date are invisible, superseded ones do not count.
public struct DecisionBook: Sendable {
    /// The schemes, in load order, each with its decisions by offender (file order).
    private let schemes: [(scheme: CheckedScheme, byOffender: [ExactText: [PanelDecision]])]
    /// How many decisions the book holds.
    public let count: Int

    /// The decisions (as `DecisionReader` read them) of the given schemes; a decision of a scheme
    /// not among them is left out.
    public init(schemes: [CheckedScheme], decisions: [PanelDecision]) {
        var held = 0
        self.schemes = schemes.map { scheme in
            var byOffender: [ExactText: [PanelDecision]] = [:]
            for decision in decisions where ExactText.same(decision.scheme, scheme.name) {
                byOffender[ExactText(decision.offender), default: []].append(decision)
                held += 1
            }
            return (scheme, byOffender)
        }
        count = held
    }

    /// Where `offender` stands on `asOf`; nil when no panel's decision about them is in effect by
    /// then (their record's `ppo.status` then stands).
    ///
    /// With several schemes the offender is a PPO when on any of them; the `cohort.*` fields
    /// describe the first scheme (in load order) they are on, else the scheme whose panel decided
    /// about them last (by effective date; on a tie, the first in load order).
    public func standing(of offender: String, asOf: Day) -> CohortStanding? {
        let key = ExactText(offender)
        var chosen: (scheme: String, member: Cohort.Member)? = nil
        var onScheme = false
        for (scheme, byOffender) in schemes {
            guard let decisions = byOffender[key] else { continue }
            let visible = decisions.filter { $0.effective <= asOf }
            let superseded = Set(visible.compactMap { $0.supersedes.map(ExactText.init) })
            let counted = visible.filter { !superseded.contains(ExactText($0.id)) }
            guard let member = Cohort.fold(counted, interval: scheme.reviewInterval, asOf: asOf).member else { continue }
            if member.isOnScheme {
                if !onScheme { chosen = (scheme.name, member) }
                onScheme = true
            } else if !onScheme, chosen.map({ member.last.effective > $0.member.last.effective }) ?? true {
                chosen = (scheme.name, member)
            }
        }
        return chosen.map { CohortStanding(scheme: $0.scheme, member: $0.member, onScheme: onScheme) }
    }

    /// Whether an offender is a PPO on `asOf`: on a scheme where a panel has decided about them,
    /// else as their record's `ppo.status` says.
    public func isPPO(_ offender: Offender, asOf: Day) -> Bool {
        standing(of: offender.id, asOf: asOf)?.onScheme ?? (offender.ppo?.status == .adopted)
    }
}
