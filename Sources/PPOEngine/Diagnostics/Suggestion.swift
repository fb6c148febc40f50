/// Finds the closest known name to a misspelling, for "did you mean …?" notes.
public enum Suggestion {
    /// Names longer than this (in Unicode scalars) get no suggestion. A typo is a slip in a name
    /// someone typed; a name this long is pasted or generated, and comparing it would cost time
    /// for nothing (a 1 MB name once took minutes to check).
    public static let longestName = 128

    /// The candidate nearest to `name` by edit distance, if it is close enough to be a likely typo.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        // The UTF-8 length bounds the scalar count from above, and costs nothing to read.
        guard name.utf8.count <= 4 * longestName else { return nil }
        let target = Array(name.lowercased().unicodeScalars)
        guard target.count <= longestName else { return nil }
        let limit = max(1, min(3, (target.count + 2) / 3))
        var best: (String, Int)? = nil
        for candidate in candidates where !ExactText.same(candidate, name) {
            // Only the very same bytes are no suggestion: a name that differs from a candidate only in
            // Unicode normalisation is another name, and that candidate is the one to suggest.
            // A candidate far longer than the name cannot be within `limit` edits of it.
            guard candidate.utf8.count <= 4 * (longestName + limit) else { continue }
            // Only distances better than the best so far matter (ties keep the first).
            let bound = min(limit, (best?.1 ?? limit + 1) - 1)
            guard bound >= 0, let d = distance(target, Array(candidate.lowercased().unicodeScalars), limit: bound) else {
                continue
            }
            best = (candidate, d)
        }
        return best?.0
    }

    /// Damerau–Levenshtein distance (adjacent transpositions count as one edit), or nil when it is
    /// more than `limit`. Only the cells within `limit` of the diagonal are computed, so the work
    /// is at most (2 × limit + 1) cells a row.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1
        var previous2 = [Int](repeating: outside, count: b.count + 1)
        var previous = (0...b.count).map { min($0, outside) }
        var current = [Int](repeating: outside, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[0] = min(i, outside)
            if low > 1 { current[low - 1] = outside }
            var rowBest = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                value = min(value, outside)
                current[j] = value
                rowBest = min(rowBest, value)
            }
            if high < b.count { current[high + 1] = outside }
            // Every path to the last cell passes through this row: none can get back under the limit.
            if rowBest > limit { return nil }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        let d = previous[b.count]
        return d <= limit ? d : nil
    }
}
