/// What an expression may refer to where it is written.
struct ExpressionContext {
    enum Place { case matrix, checklist, alerts, other }
    var place: Place = .other
    /// The record kind bare names resolve against (the offender, a case, …).
    var root: RecordKind = .offender
    /// Event types a checklist declares; `nil` accepts any word.
    var eventTypes: [String]? = nil
    /// Matrix names visible to `score("…")` and friends.
    var matrices: [String] = []
    /// Checklist names visible to `next_due("…")` and `days_to_due("…")`.
    var checklists: [String] = []
    /// Strands and reason codes of the loaded schemes, for `cohort.strand` and `cohort.last_reason`;
    /// `nil` (no scheme loaded) accepts any word.
    var strands: [String]? = nil
    var reasons: [String]? = nil
}
