/// One decision of a selection panel about one offender, as recorded (docs/cohort.md).
///
/// Decisions are append-only: a correction is a new decision that `supersedes` the one it corrects,
/// with its own reason, so the record shows both what was decided and that it was corrected.
public struct PanelDecision: Sendable, Hashable {
    /// The decision's own reference, unique in its file.
    public let id: String
    /// The offender's id, compared by its exact bytes as every id is.
    public let offender: String
    /// The scheme whose panel decided, by the name of its `scheme` block.
    public let scheme: String
    public let decision: CohortDecision
    /// The strand adopted into (or moved to, by a review); nil for the other decisions.
    public let strand: String?
    /// One of the scheme's reason codes for this decision.
    public let reason: String
    /// The panel's own words.
    public let note: String?
    /// Who recorded it (a ppod token's name) and in which role.
    public let decidedBy: String?
    public let role: String?
    /// The panel's date; the effective date when not given.
    public let panelDate: Day?
    /// From when the decision holds: the cohort as of a date sees only decisions effective by then.
    public let effective: Day
    /// When the offender is next due before the panel: a review, or a deferred case's return.
    public let nextReview: Day?
    /// The id of the decision this one corrects.
    public let supersedes: String?
    /// What the panel saw (matrix, version, score, rank, tier, run, digests), kept as recorded.
    public let saw: [JSONMember]
    /// When ppod recorded it (ISO 8601), if it did.
    public let recordedAt: String?
    /// Line in the decisions file, for messages.
    public let line: Int
}
