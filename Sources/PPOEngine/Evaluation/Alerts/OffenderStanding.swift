/// What one run computed for an offender in other blocks, for alerts to read: each referenced
/// matrix's result and each referenced checklist's earliest pending duty.
struct OffenderStanding: Sendable {
    struct MatrixStanding: Sendable {
        /// `nil` when the matrix found the offender ineligible.
        var score: Decimal6?
        var tier: String?
        var recommended: Bool
    }
    struct DueStanding: Sendable {
        var nextDue: Day
        var daysToDue: Int
        /// The trigger of the pending duty, so the alert shows which case event it is about.
        var evidence: [String]
    }
    var matrices: [String: MatrixStanding] = [:]
    var dues: [String: DueStanding] = [:]
}
