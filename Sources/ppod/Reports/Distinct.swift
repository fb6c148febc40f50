/// Offender ids for an audit entry: each once, in first-seen order.
enum Distinct {
    static func ids(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
