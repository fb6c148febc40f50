/// One line of an offender's selection form: where the points came from and which records prove it.
public struct ScoreLine: Sendable, Hashable {
    /// Which part of the form the line belongs to.
    public enum Section: String, Sendable, Hashable {
        /// Points for offences of one category (after weighting `on each category`).
        case offences
        /// Offences in the window whose category has no row: listed, scoring 0.
        case unscored
        /// A factor's points.
        case factor
    }
    public let section: Section
    /// The category or factor name as the form shows it.
    public let label: String
    public let points: Decimal6
    /// Ids of the records that produced the points.
    public let evidence: [String]
    /// How the points were reached, e.g. `2 × 4 + 1 × 5 (series)`, or `no data`.
    public let detail: String

    public init(section: Section, label: String, points: Decimal6, evidence: [String], detail: String) {
        self.section = section; self.label = label; self.points = points
        self.evidence = evidence; self.detail = detail
    }
}

/// The main-category weighting applied to an offender's total (`weighting … on main category`).
public struct MainWeighting: Sendable, Hashable {
    /// The weighting block's label.
    public let label: String
    /// The winning row (a category or group name), `nil` when no row had a positive subtotal.
    public let row: String?
    public let weight: ExactDecimal
    public init(label: String, row: String?, weight: ExactDecimal) {
        self.label = label; self.row = row; self.weight = weight
    }
}

/// One eligible offender's result in a ranking.
public struct ScoredOffender: Sendable, Hashable {
    public let id: String
    public let name: String?
    /// 1-based position in the prioritised list.
    public var rank: Int
    public let score: Decimal6
    public let tier: String?
    public var recommended: Bool
    public var tieAtCapacity: Bool
    public let lines: [ScoreLine]
    /// Present when the matrix weights the total by the main category.
    public let mainWeighting: MainWeighting?
    /// The date of the most recent offence visible to the matrix (the ranking's tie-break).
    public let latestOffence: Day?

    public init(id: String, name: String?, rank: Int, score: Decimal6, tier: String?, recommended: Bool,
                tieAtCapacity: Bool, lines: [ScoreLine], mainWeighting: MainWeighting?, latestOffence: Day?) {
        self.id = id; self.name = name; self.rank = rank; self.score = score; self.tier = tier
        self.recommended = recommended; self.tieAtCapacity = tieAtCapacity; self.lines = lines
        self.mainWeighting = mainWeighting; self.latestOffence = latestOffence
    }
}

/// An offender the matrix does not rank, and why.
public struct IneligibleOffender: Sendable, Hashable {
    public let id: String
    public let name: String?
    public let reason: String
    public init(id: String, name: String?, reason: String) { self.id = id; self.name = name; self.reason = reason }
}
