/// Who is on a scheme as of a date, from its panel's decisions (docs/cohort.md, "The cohort").
///
/// Only decisions effective by `asOf` count, as every past event is cut at `as_of`; a decision that
/// a counted decision supersedes does not count at all. Each offender's decisions are then read in
/// effective-date order (file order within a day): an adoption starts a spell on the scheme, a
/// review keeps it (and may move the strand), a de-selection ends it; declining and deferring record
/// the panel's answer for someone not on the scheme.
public struct Cohort: Sendable {
    /// Where an offender stands with the scheme's panel.
    public enum Status: String, Sendable, Hashable {
        /// On the scheme (adopted, perhaps reviewed since).
        case adopted
        case declined
        case deferred
        /// Was on the scheme; taken off.
        case deselected
    }

    /// One offender the panel has decided about.
    public struct Member: Sendable {
        public let offender: String
        public let status: Status
        /// The strand while on the scheme.
        public let strand: String?
        /// The first day of the current spell on the scheme.
        public let since: Day?
        /// When the offender is next due before the panel (a review, or a deferred case's return).
        public let reviewDue: Day?
        /// The decision that gave the current status.
        public let last: PanelDecision
        /// Days from `since` to the cohort's date; nil when not on the scheme.
        public let daysOnScheme: Int?
        public var isOnScheme: Bool { status == .adopted }
    }

    /// A move onto or off the scheme.
    public struct Movement: Sendable {
        public let offender: String
        public let day: Day
        public let entry: Bool
        public let decision: PanelDecision
    }

    /// A decision that does not fit the history before it (a review of someone not on the scheme).
    public struct Warning: Sendable, Hashable {
        public let line: Int
        public let message: String
    }

    public let scheme: CheckedScheme
    public let asOf: Day
    /// Every offender decided about, in the order of their first counted decision.
    public let members: [Member]
    /// Entries and exits, in effective-date order.
    public let movements: [Movement]
    public let warnings: [Warning]

    public init(scheme: CheckedScheme, decisions: [PanelDecision], asOf: Day) {
        self.scheme = scheme
        self.asOf = asOf
        let visible = decisions.filter { ExactText.same($0.scheme, scheme.name) && $0.effective <= asOf }
        let superseded = Set(visible.compactMap { $0.supersedes.map(ExactText.init) })
        let counted = visible.filter { !superseded.contains(ExactText($0.id)) }
        var order: [ExactText] = []
        var byOffender: [ExactText: [PanelDecision]] = [:]
        for decision in counted {
            let key = ExactText(decision.offender)
            if byOffender[key] == nil { order.append(key) }
            byOffender[key, default: []].append(decision)
        }
        var members: [Member] = []
        var movements: [Movement] = []
        var warnings: [Warning] = []
        for key in order {
            let folded = Self.fold(byOffender[key] ?? [], interval: scheme.reviewInterval, asOf: asOf)
            warnings += folded.warnings
            movements += folded.movements
            if let member = folded.member { members.append(member) }
        }
        self.members = members
        self.movements = movements.sorted { ($0.day, $0.decision.line) < ($1.day, $1.decision.line) }
        self.warnings = warnings.sorted { $0.line < $1.line }
    }

    /// One offender's counted decisions (effective by `asOf`, none superseded), in file order,
    /// folded into where they stand on `asOf`: the one fold both the whole cohort and a single
    /// offender's standing (`DecisionBook`) use, so the two can never disagree.
    static func fold(_ counted: [PanelDecision], interval: PPODuration,
                     asOf: Day) -> (member: Member?, movements: [Movement], warnings: [Warning]) {
        // Stable: decisions of one day keep their file order.
        let history = counted.enumerated()
            .sorted { ($0.element.effective, $0.offset) < ($1.element.effective, $1.offset) }.map(\.element)
        var fold = Fold(interval: interval)
        var movements: [Movement] = []
        var warnings: [Warning] = []
        for decision in history {
            if let warning = fold.take(decision) { warnings.append(Warning(line: decision.line, message: warning)) }
            if let movement = fold.movement { movements.append(movement) }
        }
        guard let last = fold.last, let status = fold.status else { return (nil, movements, warnings) }
        let member = Member(offender: last.offender, status: status, strand: fold.strand, since: fold.since,
                            reviewDue: fold.reviewDue, last: last, daysOnScheme: fold.since.map { $0.days(to: asOf) })
        return (member, movements, warnings)
    }

    /// The member whose id has exactly `offender`'s bytes.
    public func member(_ offender: String) -> Member? {
        members.first { ExactText.same($0.offender, offender) }
    }

    /// One offender's history folded decision by decision.
    struct Fold {
        let interval: PPODuration
        var status: Status? = nil
        var strand: String? = nil
        var since: Day? = nil
        var reviewDue: Day? = nil
        var last: PanelDecision? = nil
        var movement: Movement? = nil

        init(interval: PPODuration) { self.interval = interval }

        /// Applies `decision`; returns a warning when it does not fit what came before.
        mutating func take(_ d: PanelDecision) -> String? {
            movement = nil
            let onScheme = status == .adopted
            var warning: String? = nil
            switch d.decision {
            case .adopt:
                if onScheme {
                    warning = "\(d.offender) is adopted on \(d.effective) but has been on the scheme since \(since.map(String.init(describing:)) ?? "?"); record a review to move the strand"
                } else {
                    since = d.effective
                    movement = Movement(offender: d.offender, day: d.effective, entry: true, decision: d)
                }
                status = .adopted
                strand = d.strand ?? strand
                reviewDue = d.nextReview ?? interval.added(to: d.effective)
            case .review:
                guard onScheme else {
                    return "\(d.offender) is reviewed on \(d.effective) but is not on the scheme then; the review is not counted"
                }
                strand = d.strand ?? strand
                reviewDue = d.nextReview ?? interval.added(to: d.effective)
            case .deselect:
                guard onScheme else {
                    return "\(d.offender) is de-selected on \(d.effective) but is not on the scheme then; the de-selection is not counted"
                }
                status = .deselected
                movement = Movement(offender: d.offender, day: d.effective, entry: false, decision: d)
                strand = nil
                since = nil
                reviewDue = nil
            case .decline, .defer:
                guard !onScheme else {
                    return "\(d.offender) is \(d.decision == .decline ? "declined" : "deferred") on \(d.effective) while on the scheme; de-select to take them off. The decision is not counted"
                }
                status = d.decision == .decline ? .declined : .deferred
                reviewDue = d.decision == .defer ? d.nextReview : nil
            }
            last = d
            return warning
        }
    }
}
