/// What a selection panel must decide on a date (docs/cohort.md, "The panel pack"): the scheme's
/// matrix ranked as of the panel date, read against the cohort as of that date.
///
/// - *Newly recommended*: recommended by the matrix and not on the scheme, unless deferred to a
///   later panel (someone declined or de-selected before comes back when recommended again).
/// - *Ties at capacity*: tied on score at the capacity line and not on the scheme: the panel breaks
///   the tie.
/// - *Reviews due*: on the scheme with the review due by the panel date, and deferred cases whose
///   return date has come.
/// - *De-selection prompts*: on the scheme but not recommended by the matrix now (or ineligible, or
///   not in the data): the panel keeps them on or takes them off, with a reason.
public struct PanelPack: Sendable {
    /// One offender in a section, with why they are there.
    public struct Item: Sendable {
        public let offender: String
        public let name: String?
        public let rank: Int?
        public let score: Decimal6?
        public let tier: String?
        public let member: Cohort.Member?
        public let why: String
    }

    public let cohort: Cohort
    public let matrix: String
    public let version: String?
    public let rulesDigest: String
    public let dataDigest: String
    public let newlyRecommended: [Item]
    public let ties: [Item]
    public let reviewsDue: [Item]
    public let deselectionPrompts: [Item]

    public init(cohort: Cohort, ranking: PackedRanking) {
        self.cohort = cohort
        matrix = ranking.matrix.name
        version = ranking.matrix.version
        rulesDigest = ranking.rulesDigest
        dataDigest = ranking.dataDigest
        let day = cohort.asOf
        var newly: [Item] = [], ties: [Item] = [], reviews: [Item] = [], prompts: [Item] = []
        var ranked: Set<ExactText> = []
        for position in 0..<ranking.count {
            let scored = ranking.offender(at: position, withLines: false)
            ranked.insert(ExactText(scored.id))
            let member = cohort.member(scored.id)
            func item(_ why: String) -> Item {
                Item(offender: scored.id, name: scored.name, rank: scored.rank, score: scored.score, tier: scored.tier,
                     member: member, why: why)
            }
            if let member, member.isOnScheme {
                if let due = member.reviewDue, due <= day {
                    reviews.append(item(due < day ? "review overdue since \(due)" : "review due \(due)"))
                }
                if !scored.recommended {
                    prompts.append(item("on the scheme since \(member.since.map(String.init(describing:)) ?? "?"); ranked \(scored.rank), not recommended"))
                }
                continue
            }
            if let member, member.status == .deferred, let due = member.reviewDue, due > day { continue }
            let history = member.map { Self.history($0) }
            if scored.tieAtCapacity {
                ties.append(item("tied at the capacity line" + (history.map { "; \($0)" } ?? "")))
            } else if scored.recommended {
                newly.append(item(history ?? "recommended; no decision yet"))
            } else if let member, member.status == .deferred {
                reviews.append(item(Self.history(member) + "; back at this panel"))
            }
        }
        for member in cohort.members where member.isOnScheme && !ranked.contains(ExactText(member.offender)) {
            let ineligible = ranking.ineligible.first { ExactText.same($0.id, member.offender) }
            let item = Item(offender: member.offender, name: ineligible?.name, rank: nil, score: nil, tier: nil, member: member,
                            why: ineligible.map { "on the scheme; not eligible: \($0.reason)" } ?? "on the scheme; not in the data")
            prompts.append(item)
            if let due = member.reviewDue, due <= day {
                reviews.append(Item(offender: member.offender, name: ineligible?.name, rank: nil, score: nil, tier: nil,
                                    member: member, why: due < day ? "review overdue since \(due)" : "review due \(due)"))
            }
        }
        newlyRecommended = newly
        self.ties = ties
        reviewsDue = reviews
        deselectionPrompts = prompts
    }

    /// The last decision in a few words: `declined 2026-10-05 (managed_elsewhere)`.
    static func history(_ member: Cohort.Member) -> String {
        let words: String
        switch member.status {
        case .adopted: words = "adopted"
        case .declined: words = "declined"
        case .deferred: words = "deferred"
        case .deselected: words = "de-selected"
        }
        return "\(words) \(member.last.effective) (\(member.last.reason))"
    }

    /// The sections in the order the panel takes them, with their titles.
    public var sections: [(key: String, title: String, items: [Item])] {
        [("newly_recommended", "Newly recommended", newlyRecommended),
         ("ties_at_capacity", "Ties at capacity", ties),
         ("reviews_due", "Reviews due", reviewsDue),
         ("deselection_prompts", "De-selection prompts", deselectionPrompts)]
    }
}
