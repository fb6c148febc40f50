import PPOEngine

/// Offender ids for an audit entry: each once (by its exact bytes), in first-seen order.
enum Distinct {
    static func ids(_ ids: [String]) -> [String] {
        var seen: Set<ExactText> = []
        seen.reserveCapacity(ids.count)
        return ids.filter { seen.insert(ExactText($0)).inserted }
    }
}
