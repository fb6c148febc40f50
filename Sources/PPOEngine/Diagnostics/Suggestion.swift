/// Finds the closest known name to a misspelling, for "did you mean …?" notes.
public enum Suggestion {
    /// The candidate nearest to `name` by edit distance, if it is close enough to be a likely typo.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)? = nil
        // Only the very same bytes are no suggestion: a name that differs from a candidate only in
        // Unicode normalisation is another name, and that candidate is the one to suggest.
        for candidate in candidates where !ExactText.same(candidate, name) {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        guard let (word, d) = best else { return nil }
        let limit = max(1, min(3, (target.count + 2) / 3))
        return d <= limit ? word : nil
    }

    /// Damerau–Levenshtein distance (adjacent transpositions count as one edit).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
