/// How two versions' results of the same records are matched for a diff (checklists, alerts).
enum ResultPairing {
    private struct Occurrence<Key: Hashable>: Hashable {
        let key: Key
        let n: Int
    }

    /// Each result of `new` with the result of `old` that has the same key (the n-th of a key under
    /// one version meets the n-th under the other), in `new`'s order; then the results only `old`
    /// has, in its order, with no counterpart.
    static func pairs<Result, Key: Hashable>(old: [Result], new: [Result],
                                             key: (Result) -> Key) -> [(old: Result?, new: Result?)] {
        func keyed(_ results: [Result]) -> [(Occurrence<Key>, Result)] {
            var seen: [Key: Int] = [:]
            return results.map { result in
                let k = key(result)
                let n = seen[k, default: 0]
                seen[k] = n + 1
                return (Occurrence(key: k, n: n), result)
            }
        }
        let oldKeyed = keyed(old), newKeyed = keyed(new)
        var oldByKey: [Occurrence<Key>: Result] = [:]
        for (k, result) in oldKeyed { oldByKey[k] = result }
        let newKeys = Set(newKeyed.map(\.0))
        return newKeyed.map { (oldByKey[$0.0], $0.1) } + oldKeyed.filter { !newKeys.contains($0.0) }.map { ($0.1, nil) }
    }

    /// `changes` grouped by offender (exact bytes of the id), offenders in the order they first
    /// appear, each offender's changes in their order.
    static func byOffender<Change>(_ changes: [Change], id: (Change) -> String,
                                   name: (Change) -> String?) -> [(id: String, name: String?, changes: [Change])] {
        var order: [ExactText] = []
        var groups: [ExactText: (name: String?, changes: [Change])] = [:]
        for change in changes {
            let key = ExactText(id(change))
            if groups[key] == nil { order.append(key); groups[key] = (name(change), []) }
            groups[key]?.changes.append(change)
        }
        return order.map { key in (key.text, groups[key]?.name ?? nil, groups[key]?.changes ?? []) }
    }
}
