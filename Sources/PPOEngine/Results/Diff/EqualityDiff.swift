/// The change in selection by group when a matrix changes (docs/workbench.md, "The change in
/// equality figures"): two equality reports of the same records and `as_of`, one per version,
/// compared group by group.
///
/// Each side is suppressed on its own exactly as `ppo equality` suppresses it (counts of 1 to 4
/// hidden, and one more where a total could reveal one), and a rate or ratio is shown only where
/// the counts it rests on are shown on that side, so the comparison reveals nothing either report
/// would not.
public struct EqualityDiff: Sendable {
    /// One group's figures under one version.
    public struct Side: Sendable {
        public let all: EqualityReport.Cell
        public let eligible: EqualityReport.Cell
        public let recommended: EqualityReport.Cell
        /// Recommended ÷ all in the group; nil when either count is hidden or the group is empty.
        public let rate: Double?
        /// The group's rate over everyone else's (`EqualityReport.Group.recommendedRatio`).
        public let ratio: Double?

        init(_ group: EqualityReport.Group) {
            all = group.shown[.all] ?? .count(0)
            eligible = group.shown[.eligible] ?? .count(0)
            recommended = group.shown[.recommended] ?? .count(0)
            if case .count(let pool) = all, case .count(let selected) = recommended, pool > 0 {
                rate = Double(selected) / Double(pool)
            } else {
                rate = nil
            }
            ratio = group.recommendedRatio
        }
    }

    public struct Group: Sendable {
        public let name: String
        /// Nil when the group has no record under that version (it cannot happen for the same
        /// records, but a group is never assumed).
        public let old: Side?
        public let new: Side?

        /// The ratio is inside 0.80–1.25 under one version and outside it under the other.
        public var crossesBand: Bool {
            guard let a = old?.ratio, let b = new?.ratio else { return false }
            return EqualityDiff.inBand(a) != EqualityDiff.inBand(b)
        }

        /// Anything shown differs between the versions (as rendered: a rate to 0.1%, a ratio to 0.01).
        public var changed: Bool {
            old?.eligible != new?.eligible || old?.recommended != new?.recommended
                || old?.rate.map { EqualityDiffRenderer.percent($0) } != new?.rate.map { EqualityDiffRenderer.percent($0) }
                || old?.ratio.map { EqualityRenderer.ratio($0) } != new?.ratio.map { EqualityRenderer.ratio($0) }
        }
    }

    public struct Dimension: Sendable {
        public let name: String
        public let groups: [Group]
    }

    public let oldMatrix: String
    public let newMatrix: String
    public let asOf: Day
    public let oldTotals: [EqualityReport.Stage: Int]
    public let newTotals: [EqualityReport.Stage: Int]
    public let dimensions: [Dimension]

    /// Groups whose ratio crosses the 0.80–1.25 band.
    public var crossing: Int { dimensions.reduce(0) { $0 + $1.groups.filter(\.crossesBand).count } }
    /// Groups with any figure changed.
    public var changedGroups: Int { dimensions.reduce(0) { $0 + $1.groups.filter(\.changed).count } }

    static func inBand(_ ratio: Double) -> Bool { ratio >= 0.8 && ratio <= 1.25 }

    public init(old: EqualityReport, new: EqualityReport) {
        oldMatrix = old.matrix
        newMatrix = new.matrix
        asOf = new.asOf
        oldTotals = old.totals
        newTotals = new.totals
        dimensions = new.dimensions.map { dimension in
            let before = old.dimensions.first { $0.name == dimension.name }?.groups ?? []
            var names = dimension.groups.map(\.name)
            for group in before where !names.contains(where: { ExactText.same($0, group.name) }) { names.append(group.name) }
            return Dimension(name: dimension.name, groups: names.map { name in
                Group(name: name,
                      old: before.first { ExactText.same($0.name, name) }.map(Side.init),
                      new: dimension.groups.first { ExactText.same($0.name, name) }.map(Side.init))
            })
        }
    }
}
