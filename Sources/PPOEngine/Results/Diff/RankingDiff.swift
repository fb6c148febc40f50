/// What a panel cares about when a matrix changes (docs/workbench.md, "`ppo diff`"): the same records
/// and `as_of` ranked by two versions of a matrix, compared offender by offender.
///
/// Offenders are matched by their ids' exact bytes. An offender ranked by one version and ineligible
/// under the other counts as unranked there.
public struct RankingDiff: Sendable {
    /// One offender's place under each version, and the lines of the form whose points changed.
    public struct Change: Sendable {
        public struct Line: Sendable {
            /// The line's label as the form shows it, or `× weighting` for the main-category weight.
            public let label: String
            /// Points (or the weight with its row), as the form prints them; nil when the line is absent.
            public let old: String?
            public let new: String?
        }
        public let id: String
        public let name: String?
        public let old: Standing?
        public let new: Standing?
        public let lines: [Line]

        /// Positive when the offender moves up the list.
        public var rankMove: Int? {
            guard let old, let new else { return nil }
            return old.rank - new.rank
        }
    }

    /// Rank, score, tier and the capacity flags under one version.
    public struct Standing: Sendable, Hashable {
        public let rank: Int
        public let score: Decimal6
        public let tier: String?
        public let recommended: Bool
        public let tieAtCapacity: Bool
    }

    public let oldMatrix: String
    public let oldVersion: String?
    public let newMatrix: String
    public let newVersion: String?
    public let asOf: Day
    public let dataDigest: String
    /// Offenders compared (ranked by either version).
    public let compared: Int
    /// Recommended under the new version, not under the old.
    public let entering: [Change]
    /// Recommended under the old version, not under the new.
    public let leaving: [Change]
    /// Ranked under both with another tier.
    public let tierChanges: [Change]
    /// Tied at capacity under the new version, not the old; and the reverse.
    public let tiesAppearing: [Change]
    public let tiesVanishing: [Change]
    /// The largest rank moves of offenders ranked under both, largest first (at most `moves`).
    public let largestMoves: [Change]
    /// How many offenders' scores changed at all.
    public let scoresChanged: Int

    public init(old: PackedRanking, new: PackedRanking, moves: Int = 10) {
        oldMatrix = old.matrix.name
        oldVersion = old.matrix.version
        newMatrix = new.matrix.name
        newVersion = new.matrix.version
        asOf = new.asOf
        dataDigest = new.dataDigest
        var oldPositions: [ExactText: Int] = [:]
        for position in 0..<old.count { oldPositions[ExactText(old.offender(at: position, withLines: false).id)] = position }
        var newPositions: [ExactText: Int] = [:]
        for position in 0..<new.count { newPositions[ExactText(new.offender(at: position, withLines: false).id)] = position }

        func standing(_ offender: ScoredOffender) -> Standing {
            Standing(rank: offender.rank, score: offender.score, tier: offender.tier, recommended: offender.recommended,
                     tieAtCapacity: offender.tieAtCapacity)
        }
        func change(_ id: ExactText) -> Change {
            let before = oldPositions[id].map { old.offender(at: $0) }
            let after = newPositions[id].map { new.offender(at: $0) }
            var lines: [Change.Line] = []
            var labels: [String] = []
            for line in (before?.lines ?? []) + (after?.lines ?? []) where !labels.contains(line.label) { labels.append(line.label) }
            for label in labels {
                let a = before?.lines.first { $0.label == label }?.points.description
                let b = after?.lines.first { $0.label == label }?.points.description
                if a != b { lines.append(Change.Line(label: label, old: a, new: b)) }
            }
            // The main-category weight multiplies the subtotal: a change there moves the total too.
            func weight(_ offender: ScoredOffender?) -> String? {
                offender?.mainWeighting.map { "\($0.weight) (\($0.row ?? "no row"))" }
            }
            if weight(before) != weight(after) {
                lines.append(Change.Line(label: "× weighting", old: weight(before), new: weight(after)))
            }
            return Change(id: id.description, name: after?.name ?? before?.name, old: before.map(standing),
                          new: after.map(standing), lines: lines)
        }

        var ids: [ExactText] = []
        var seen: Set<ExactText> = []
        for position in 0..<new.count {
            let id = ExactText(new.offender(at: position, withLines: false).id)
            if seen.insert(id).inserted { ids.append(id) }
        }
        for position in 0..<old.count {
            let id = ExactText(old.offender(at: position, withLines: false).id)
            if seen.insert(id).inserted { ids.append(id) }
        }
        compared = ids.count
        var entering: [Change] = [], leaving: [Change] = [], tiers: [Change] = [], appearing: [Change] = []
        var vanishing: [Change] = [], moved: [Change] = []
        var scoresChanged = 0
        for id in ids {
            let a = oldPositions[id].map { old.offender(at: $0, withLines: false) }
            let b = newPositions[id].map { new.offender(at: $0, withLines: false) }
            if a?.score != b?.score { scoresChanged += 1 }
            let wasIn = a?.recommended ?? false, isIn = b?.recommended ?? false
            let wasTied = a?.tieAtCapacity ?? false, isTied = b?.tieAtCapacity ?? false
            let tierMoved = a != nil && b != nil && a?.tier != b?.tier
            let rankMoved = a != nil && b != nil && a?.rank != b?.rank
            guard wasIn != isIn || wasTied != isTied || tierMoved || rankMoved || a?.score != b?.score else { continue }
            let item = change(id)
            if isIn && !wasIn { entering.append(item) }
            if wasIn && !isIn { leaving.append(item) }
            if tierMoved { tiers.append(item) }
            if isTied && !wasTied { appearing.append(item) }
            if wasTied && !isTied { vanishing.append(item) }
            if rankMoved { moved.append(item) }
        }
        self.entering = entering
        self.leaving = leaving
        tierChanges = tiers
        tiesAppearing = appearing
        tiesVanishing = vanishing
        // Largest moves first; equal moves in new rank order.
        largestMoves = Array(moved.sorted {
            (abs($0.rankMove ?? 0), -($0.new?.rank ?? 0)) > (abs($1.rankMove ?? 0), -($1.new?.rank ?? 0))
        }.prefix(moves))
        self.scoresChanged = scoresChanged
    }

    /// The sections in the order a panel reads them.
    public var sections: [(key: String, title: String, changes: [Change])] {
        [("entering", "Enter the recommended list", entering),
         ("leaving", "Leave the recommended list", leaving),
         ("tier_changes", "Tier changes", tierChanges),
         ("ties_appearing", "Ties at capacity that appear", tiesAppearing),
         ("ties_vanishing", "Ties at capacity that vanish", tiesVanishing),
         ("largest_moves", "Largest rank moves", largestMoves)]
    }
}
