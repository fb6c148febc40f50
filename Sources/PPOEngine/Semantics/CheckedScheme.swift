/// What a selection panel can decide about an offender (docs/cohort.md).
public enum CohortDecision: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Onto the scheme, in a strand.
    case adopt
    /// Considered and not taken on.
    case decline
    /// Considered and brought back later.
    case `defer`
    /// Considered again while on the scheme, and kept on (perhaps in another strand).
    case review
    /// Taken off the scheme.
    case deselect

    /// The order decisions are listed in.
    var order: Int {
        switch self {
        case .adopt: 0
        case .decline: 1
        case .defer: 2
        case .review: 3
        case .deselect: 4
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// A scheme's panel vocabulary, checked: the decisions recorded against it must use these names.
public struct CheckedScheme: Sendable {
    public let name: String
    /// The matrix whose list the panel decides on; nil when the block names none.
    public let matrix: String?
    /// The strands offenders are adopted into; empty when the scheme uses none.
    public let strands: [String]
    /// How long after an adoption or a review the next review falls due, unless the decision says.
    public let reviewInterval: PPODuration
    /// The reason codes each decision may give.
    public let reasons: [CohortDecision: [String]]
    /// Where the scheme is named, for diagnostics about the whole scheme.
    public let range: SourceRange
}
