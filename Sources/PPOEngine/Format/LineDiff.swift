/// A unified diff of two texts, line by line, for `ppo fmt --diff`: `---`/`+++` headers, then hunks
/// `@@ -a,b +c,d @@` with three lines of context.
public enum LineDiff {
    /// The diff of `old` and `new` (empty when they are equal), naming them `oldName` and `newName`.
    public static func unified(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = lines(old), b = lines(new)
        let edits = script(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group the edits into hunks: changes closer than 2 × context lines share one.
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var last = firstChange
            var scan = firstChange
            while scan < edits.count {
                if edits[scan].kind != .same {
                    last = scan
                } else if scan - last > 2 * context {
                    break
                }
                scan += 1
            }
            let start = max(index, firstChange - context)
            let end = min(edits.count, last + context + 1)
            let hunk = edits[start..<end]
            let oldStart = hunk.first.map { $0.oldLine } ?? 0
            let newStart = hunk.first.map { $0.newLine } ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " " + edit.text + "\n"
                case .delete: out += "-" + edit.text + "\n"
                case .insert: out += "+" + edit.text + "\n"
                }
            }
            index = end
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        // An empty side names the line before it, as diff(1) does.
        count == 0 ? "\(start - 1),0" : (count == 1 ? "\(start)" : "\(start),\(count)")
    }

    /// The lines of `text`, split at each LF byte (a CR before it stays with its line: a `Character`
    /// split would not see the LF of a CRLF).
    private static func lines(_ text: String) -> [String] {
        var result = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if result.last == "" { result.removeLast() }
        return result
    }

    struct Edit {
        enum Kind { case same, delete, insert }
        let kind: Kind
        let text: String
        /// 1-based lines in the old and the new text where this edit stands.
        let oldLine: Int
        let newLine: Int
    }

    /// The edit script: common lines, deletions and insertions in order. Longest common subsequence
    /// on what lies between the common head and tail; past a size where that table would be large, the
    /// middle is one deletion and one insertion (still a correct diff, only not the shortest).
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let middleA = Array(a[head..<(a.count - tail)]), middleB = Array(b[head..<(b.count - tail)])

        var edits: [Edit] = []
        var i = 0, j = 0
        func same(_ text: String) { edits.append(Edit(kind: .same, text: text, oldLine: i + 1, newLine: j + 1)); i += 1; j += 1 }
        func delete(_ text: String) { edits.append(Edit(kind: .delete, text: text, oldLine: i + 1, newLine: j + 1)); i += 1 }
        func insert(_ text: String) { edits.append(Edit(kind: .insert, text: text, oldLine: i + 1, newLine: j + 1)); j += 1 }

        for line in a[0..<head] { same(line) }
        let n = middleA.count, m = middleB.count
        if n * m <= 4_000_000 {
            // lengths[x][y]: the longest common subsequence of middleA[x...] and middleB[y...].
            var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
            if n > 0, m > 0 {
                for x in stride(from: n - 1, through: 0, by: -1) {
                    for y in stride(from: m - 1, through: 0, by: -1) {
                        lengths[x][y] = middleA[x] == middleB[y] ? lengths[x + 1][y + 1] + 1
                                                               : max(lengths[x + 1][y], lengths[x][y + 1])
                    }
                }
            }
            var x = 0, y = 0
            while x < n || y < m {
                if x < n, y < m, middleA[x] == middleB[y] {
                    same(middleA[x]); x += 1; y += 1
                } else if y < m, x == n || lengths[x][y + 1] > lengths[x + 1][y] {
                    insert(middleB[y]); y += 1
                } else {
                    delete(middleA[x]); x += 1
                }
            }
        } else {
            for line in middleA { delete(line) }
            for line in middleB { insert(line) }
        }
        for line in a[(a.count - tail)...] { same(line) }
        return edits
    }
}
