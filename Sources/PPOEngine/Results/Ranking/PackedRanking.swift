import Foundation

/// A prioritised list held compactly: each offender's form packed into shared byte buffers, in rank
/// order, with the audit facts. What `ParallelRanker` produces for a national run.
///
/// A million offenders fit in a few hundred megabytes this way, where a `Ranking` of `ScoredOffender`s
/// would need several gigabytes. `ranking()` unpacks it into the `Ranking` the renderers and tests
/// take; `RankingJSONStreamer` writes the JSON of SPEC §7 straight from the packed forms.
public struct PackedRanking: Sendable {
    public let matrix: CompiledMatrix
    public let asOf: Day
    public let rulesDigest: String
    public let dataDigest: String
    /// Eligible offenders in rank order.
    let entries: [PackedEntry]
    /// The buffers the forms live in; an entry names a buffer and an offset.
    let forms: [FrozenBytes]
    public let ineligible: [IneligibleOffender]
    public let rejected: [RejectedRecord]
    /// The score shared across the capacity line, when there is a tie there.
    let tiedScore: Decimal6?

    init(matrix: CompiledMatrix, asOf: Day, rulesDigest: String, dataDigest: String, entries: [PackedEntry],
         forms: [FrozenBytes], ineligible: [IneligibleOffender], rejected: [RejectedRecord]) {
        self.matrix = matrix; self.asOf = asOf; self.rulesDigest = rulesDigest; self.dataDigest = dataDigest
        self.forms = forms; self.ineligible = ineligible; self.rejected = rejected
        let ranked = PackedEntry.ranked(entries)
        self.entries = ranked
        if let capacity = matrix.capacity, capacity > 0, capacity < ranked.count,
           ranked[capacity - 1].score == ranked[capacity].score {
            tiedScore = ranked[capacity].score
        } else {
            tiedScore = nil
        }
    }

    var header: RankingHeader {
        RankingHeader(matrix: matrix.name, version: matrix.version, asOf: asOf, rulesDigest: rulesDigest,
                      dataDigest: dataDigest)
    }

    /// Bytes held in packed forms (for the benchmark's memory figure).
    public var packedBytes: Int { forms.reduce(0) { $0 + $1.count } }

    /// How many offenders are ranked.
    public var count: Int { entries.count }

    /// Rank, recommendation and tie flag of the offender at `position` (0-based) in rank order.
    func standing(_ position: Int) -> (rank: Int, recommended: Bool, tieAtCapacity: Bool) {
        let recommended = matrix.capacity.map { position < $0 } ?? false
        return (position + 1, recommended, tiedScore.map { entries[position].score == $0 } ?? false)
    }

    /// The offender at `position` in rank order, unpacked; `withLines: false` leaves the form's lines out.
    public func offender(at position: Int, withLines: Bool = true) -> ScoredOffender {
        let entry = entries[position]
        var offender = forms[Int(entry.buffer)].readForm(at: Int(entry.offset)) { form in
            withLines ? matrix.decodeForm(form) : matrix.decodeHeader(form)
        }
        let standing = standing(position)
        offender.rank = standing.rank
        offender.recommended = standing.recommended
        offender.tieAtCapacity = standing.tieAtCapacity
        return offender
    }

    /// The whole `Ranking`, every form unpacked (or, `withLines: false`, every form's header only:
    /// enough for the table and CSV, at a fraction of the memory).
    public func ranking(withLines: Bool = true) -> Ranking {
        let offenders = entries.indices.map { offender(at: $0, withLines: withLines) }
        return Ranking(matrix: matrix.name, version: matrix.version, asOf: asOf, rulesDigest: rulesDigest,
                       dataDigest: dataDigest, capacity: matrix.capacity, offenders: offenders,
                       ineligible: ineligible, rejected: rejected)
    }

    /// Calls `body` with the packed form, position and standing of each offender at `positions` in
    /// rank order.
    // The form's buffer is borrowed for each call of `body` only (`FrozenBytes.withUnsafeBytes`);
    // kept as raw bytes for the JSON streamer's loop (docs/architecture.md, "Unsafe code").
    func forEachForm(in positions: Range<Int>,
                     _ body: (UnsafeRawBufferPointer, Int, Int, (rank: Int, recommended: Bool, tieAtCapacity: Bool)) throws -> Void) rethrows {
        for position in positions.clamped(to: entries.indices) {
            let entry = entries[position]
            try forms[Int(entry.buffer)].withUnsafeBytes { try body($0, Int(entry.offset), position, standing(position)) }
        }
    }
}

/// One ranked offender's sort keys and where its packed form is.
struct PackedEntry: Sendable {
    let id: String
    let score: Decimal6
    let latestOffence: Day?
    let buffer: Int32
    let offset: Int32

    init(id: String, score: Decimal6, latestOffence: Day?, buffer: Int, offset: Int) {
        self.id = id; self.score = score; self.latestOffence = latestOffence
        self.buffer = Int32(truncatingIfNeeded: buffer); self.offset = Int32(truncatingIfNeeded: offset)
    }

    /// SPEC §5.2's order: total descending, then most recent visible offence (none last), then id
    /// by its UTF-8 bytes (ids equal only when their bytes are, so the order is total).
    static func precedes(_ a: PackedEntry, _ b: PackedEntry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        switch (a.latestOffence, b.latestOffence) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return ExactText.order(a.id, b.id) < 0
        }
    }

    /// `entries` in rank order. Large lists are sorted in two halves on two threads and merged:
    /// the sort runs after every offender is scored, with both cores otherwise idle. Ids are unique,
    /// so `precedes` is a total order and the halves merge into exactly the one sorted list.
    static func ranked(_ entries: [PackedEntry], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [PackedEntry] {
        guard threads > 1, entries.count >= 50_000 else { return entries.sorted(by: precedes) }
        let middle = entries.count / 2
        let halves = SortedHalves(entries, middle: middle)
        DispatchQueue.concurrentPerform(iterations: 2) { halves.sort($0) }
        return halves.merged()
    }
}

extension PackedRanking {
    /// The ranking as `explain` shows it: every offender's place, and `id`'s form in full (the
    /// others' lines are left out, as they are not shown). Unchanged when `id` is not ranked.
    public func explaining(_ id: String) -> Ranking {
        var ranking = ranking(withLines: false)
        guard let position = ranking.offenders.firstIndex(where: { ExactText.same($0.id, id) }) else { return ranking }
        var offenders = ranking.offenders
        offenders[position] = offender(at: position)
        ranking = Ranking(matrix: ranking.matrix, version: ranking.version, asOf: ranking.asOf,
                          rulesDigest: ranking.rulesDigest, dataDigest: ranking.dataDigest,
                          capacity: ranking.capacity, offenders: offenders, ineligible: ranking.ineligible,
                          rejected: ranking.rejected)
        return ranking
    }
}

/// The two halves of a list being ranked, each sorted by its own thread.
private final class SortedHalves: @unchecked Sendable {
    private var low: [PackedEntry]
    private var high: [PackedEntry]

    init(_ entries: [PackedEntry], middle: Int) {
        low = Array(entries[..<middle])
        high = Array(entries[middle...])
    }

    /// Sorts half `index` (0 or 1); each half is touched by one thread only.
    func sort(_ index: Int) {
        if index == 0 { low.sort(by: PackedEntry.precedes) } else { high.sort(by: PackedEntry.precedes) }
    }

    /// Both halves merged, taking from the lower half first when neither precedes the other.
    func merged() -> [PackedEntry] {
        var result: [PackedEntry] = []
        result.reserveCapacity(low.count + high.count)
        var i = 0, j = 0
        while i < low.count && j < high.count {
            if PackedEntry.precedes(high[j], low[i]) {
                result.append(high[j]); j += 1
            } else {
                result.append(low[i]); i += 1
            }
        }
        result.append(contentsOf: low[i...])
        result.append(contentsOf: high[j...])
        return result
    }
}
