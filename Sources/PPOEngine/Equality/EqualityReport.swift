/// Selection by group at each stage (docs/workbench.md, "Equality monitoring"): for each monitoring
/// field, age band and area, the count at each stage and each group's selection rate relative to the
/// rest, flagged (not judged) outside 0.8–1.25, with small cells suppressed.
public struct EqualityReport: Sendable {
    public enum Stage: String, Sendable, CaseIterable {
        case all, eligible, recommended, adopted
    }

    /// A count as shown: the number, or suppressed.
    public enum Cell: Sendable, Hashable, CustomStringConvertible {
        case count(Int)
        case suppressed
        public var description: String {
            switch self {
            case .count(let n): String(n)
            case .suppressed: "<5"
            }
        }
    }

    public struct Group: Sendable {
        public let name: String
        public let counts: [Stage: Int]
        public var shown: [Stage: Cell]
        /// Recommended (or adopted) ÷ all in the group, over the same rate for everyone else; nil
        /// when a count it rests on is suppressed or a rate is undefined.
        public var recommendedRatio: Double?
        public var adoptedRatio: Double?
        public var flagged: Bool {
            [recommendedRatio, adoptedRatio].contains { ratio in ratio.map { $0 < 0.8 || $0 > 1.25 } ?? false }
        }
    }

    public struct Dimension: Sendable {
        public let name: String
        public let groups: [Group]
    }

    /// What "not recorded" is called in every dimension.
    public static let notRecorded = "not recorded"
    /// Counts from 1 to this are suppressed.
    public static let smallest = 4

    public let matrix: String
    public let asOf: Day
    public let adoptedFrom: String
    public let totals: [Stage: Int]
    public let dimensions: [Dimension]

    /// `records` are the monitoring fields of the records the ranking read (others are left out);
    /// `adopted` decides the adopted stage for an id.
    public init(ranking: PackedRanking, records: [MonitoringRecord], adopted: (MonitoringRecord) -> Bool, adoptedFrom: String) {
        matrix = ranking.matrix.name
        asOf = ranking.asOf
        self.adoptedFrom = adoptedFrom
        var stageOf: [ExactText: (eligible: Bool, recommended: Bool)] = [:]
        for position in 0..<ranking.count {
            let offender = ranking.offender(at: position, withLines: false)
            stageOf[ExactText(offender.id)] = (true, offender.recommended)
        }
        for offender in ranking.ineligible { stageOf[ExactText(offender.id)] = (false, false) }
        let read = records.filter { stageOf[ExactText($0.id)] != nil }
        func stages(_ record: MonitoringRecord) -> [Stage] {
            let s = stageOf[ExactText(record.id)] ?? (false, false)
            var result: [Stage] = [.all]
            if s.eligible { result.append(.eligible) }
            if s.recommended { result.append(.recommended) }
            if adopted(record) { result.append(.adopted) }
            return result
        }
        var totals: [Stage: Int] = [:]
        for record in read { for stage in stages(record) { totals[stage, default: 0] += 1 } }
        self.totals = totals
        let day = ranking.asOf
        let keys: [(String, (MonitoringRecord) -> String?)] = MonitoringRecord.fields.map { field in (field, { $0.value(field) }) }
            + [("age band", { record in record.dob.map { Self.ageBand(dob: $0, on: day) } }), ("area", { $0.area })]
        dimensions = keys.map { name, key in
            var counts: [String: [Stage: Int]] = [:]
            for record in read {
                let group = key(record) ?? Self.notRecorded
                for stage in stages(record) { counts[group, default: [:]][stage, default: 0] += 1 }
            }
            let names = counts.keys.sorted { a, b in
                if a == Self.notRecorded || b == Self.notRecorded { return b == Self.notRecorded && a != b }
                return ExactText(a) < ExactText(b)
            }
            var groups = names.map { Group(name: $0, counts: counts[$0] ?? [:], shown: [:]) }
            Self.suppress(&groups)
            Self.ratios(&groups, totals: totals)
            return Dimension(name: name, groups: groups)
        }
    }

    /// `18-24`, `25-34`, `35-44`, `45 and over`, or `under 18`, from the date of birth on `day`.
    static func ageBand(dob: Day, on day: Day) -> String {
        // The age the rules see (`age`), so bands agree with what a matrix reads.
        switch FieldReader.age(dob: dob, day) ?? 0 {
        case ..<18: return "under 18"
        case 18...24: return "18-24"
        case 25...34: return "25-34"
        case 35...44: return "35-44"
        default: return "45 and over"
        }
    }

    /// Primary suppression of counts from 1 to `smallest`; then, in each stage where exactly one
    /// group is suppressed, the next smallest count too, so that the total cannot give it away.
    static func suppress(_ groups: inout [Group]) {
        for stage in Stage.allCases {
            var hidden: [Int] = []
            for index in groups.indices {
                let n = groups[index].counts[stage] ?? 0
                if n >= 1 && n <= smallest {
                    groups[index].shown[stage] = .suppressed
                    hidden.append(index)
                } else {
                    groups[index].shown[stage] = .count(n)
                }
            }
            if hidden.count == 1 {
                let others = groups.indices.filter { !hidden.contains($0) && (groups[$0].counts[stage] ?? 0) > 0 }
                if let next = others.min(by: { (groups[$0].counts[stage] ?? 0) < (groups[$1].counts[stage] ?? 0) }) {
                    groups[next].shown[stage] = .suppressed
                }
            }
        }
    }

    static func ratios(_ groups: inout [Group], totals: [Stage: Int]) {
        func ratio(_ group: Group, _ stage: Stage) -> Double? {
            guard case .count(let selected)? = group.shown[stage], case .count(let pool)? = group.shown[.all] else { return nil }
            let restPool = (totals[.all] ?? 0) - pool, restSelected = (totals[stage] ?? 0) - selected
            guard pool > 0, restPool > 0, restSelected > 0 else { return nil }
            return (Double(selected) / Double(pool)) / (Double(restSelected) / Double(restPool))
        }
        for index in groups.indices {
            groups[index].recommendedRatio = ratio(groups[index], .recommended)
            groups[index].adoptedRatio = ratio(groups[index], .adopted)
        }
    }
}
