/// Where one offender stands with the loaded schemes' panels on one date: what `is_ppo`, the
/// `ppo` scope of checklists and alerts, and the `cohort.*` fields read (docs/cohort.md, "Where
/// `is_ppo` comes from").
///
/// A class, so that a frame or a list holds it by one reference: a member carries its last
/// decision, a dozen strings.
public final class CohortStanding: Sendable {
    /// The scheme the `cohort.*` fields describe: the first (in load order) the offender is on, else
    /// the one whose panel decided about them last.
    public let scheme: String
    /// The offender in that scheme's cohort.
    public let member: Cohort.Member
    /// On the scheme of any loaded `scheme` block: the offender is then a PPO (`is_ppo`).
    public let onScheme: Bool

    init(scheme: String, member: Cohort.Member, onScheme: Bool) {
        self.scheme = scheme
        self.member = member
        self.onScheme = onScheme
    }

    /// `cohort.status`: the member's status, or `none` for an offender no panel has decided about.
    public static func statusText(_ standing: CohortStanding?) -> String {
        standing?.member.status.rawValue ?? "none"
    }

    /// The values `cohort.status` takes, in the order the language lists them.
    public static let statuses = ["adopted", "deferred", "declined", "deselected", "none"]
}
