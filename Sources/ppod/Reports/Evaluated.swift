import PPOEngine

/// An evaluation kept in the answer cache: the engine's result, not its rendering, so that JSON,
/// CSV, an owner's share or one offender's form are all served from one evaluation.
enum Evaluated: Sendable {
    case ranking(PackedRanking)
    case breaches(BreachReport)
    case alerts(AlertReport)

    /// About how much memory it holds, for the cache's limit.
    var bytes: Int {
        switch self {
        case .ranking(let ranking): return ranking.packedBytes + ranking.count * 64
        case .breaches(let report): return report.results.count * 320
        case .alerts(let report): return report.results.count * 320
        }
    }
}
