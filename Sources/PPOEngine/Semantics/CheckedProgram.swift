/// Everything the loaded rule files declare, names resolved and types checked: the planner's input.
public struct CheckedProgram: Sendable {
    public var categories = CategoryTable()
    public var matrices: [CheckedMatrix] = []
    public var calendars: [CheckedCalendar] = []
    public var checklists: [CheckedChecklist] = []
    public var alerts: [CheckedAlerts] = []
    public var schemes: [CheckedScheme] = []
    public var tests: [CheckedTest] = []
    public init() {}
}

/// A selection matrix ready to plan.
public struct CheckedMatrix: Sendable {
    public struct Row: Sendable {
        public let category: Int
        public let label: String
        public let points: ExactDecimal
        public let series: ExactDecimal?
    }
    public enum FactorBody: Sendable {
        case band(TypedExpression, [CheckedBandArm])
        case match(TypedExpression, [CheckedMatchArm])
        case when(ExactDecimal, TypedExpression)
        case expression(TypedExpression)
    }
    public struct Factor: Sendable {
        public let label: String
        public let body: FactorBody
    }
    public struct WeightRow: Sendable {
        /// The category or group name as written.
        public let name: String
        public let weight: ExactDecimal
        /// The categories the row covers.
        public let categories: [Int]
        /// True when the row names a single category (it then beats a group row for `on each category`).
        public let isCategory: Bool
    }
    public struct Weighting: Sendable {
        public let label: String
        public let mode: Weighting_Mode
        public let rows: [WeightRow]
    }
    public typealias Weighting_Mode = PPOEngine.Weighting.Mode
    public struct Tier: Sendable {
        public let name: String
        /// `nil` for `otherwise`.
        public let threshold: ExactDecimal?
    }

    public let name: String
    public let version: String?
    public let window: PPODuration?
    public let evidenceWeights: [EvidenceLevel: ExactDecimal]
    public let intelligence: TypedExpression?
    public let eligible: TypedExpression?
    /// The eligibility condition as written, for the reason an offender is not ranked.
    public let eligibleText: String?
    public let rows: [Row]
    public let factors: [Factor]
    public let weighting: Weighting?
    public let tiers: [Tier]
    public let capacity: Int?
    public let file: Int
}

public struct CheckedBandArm: Sendable {
    public enum Condition: Sendable { case compare(BinaryOperator, ExactDecimal), otherwise, missing }
    public let condition: Condition
    public let points: ExactDecimal
    /// The arm as written (`<= 28`), for the line's detail.
    public let text: String
}

public struct CheckedMatchArm: Sendable {
    public enum Pattern: Sendable { case value(TypedExpression), otherwise, missing }
    public let pattern: Pattern
    public let points: ExactDecimal
    public let text: String
}

/// A working-day calendar.
public struct CheckedCalendar: Sendable {
    public let name: String
    /// Weekdays that are not working days, 0 = Monday … 6 = Sunday.
    public let weekend: Set<Int>
    public let holidays: [Day: String]
    /// Where the calendar is named, for diagnostics about the whole calendar.
    public let range: SourceRange

    /// The years whose holidays the calendar lists: its first holiday's year through its last's
    /// (docs/decisions.md); `nil` when it lists no holidays.
    public var holidayYears: ClosedRange<Int>? {
        guard let first = holidays.keys.min(), let last = holidays.keys.max() else { return nil }
        return first.parts.year...last.parts.year
    }
}

/// Who a checklist or alert applies to (SPEC §3 scopes).
public enum Scope: String, Sendable, Hashable, CaseIterable {
    case ppo, all, candidates
}

public struct CheckedChecklist: Sendable {
    public struct Rule: Sendable {
        public let name: String
        public let owner: String
        public let when: TypedExpression?
        public let requirement: Requirement
    }
    public let name: String
    public let scope: Scope
    public let calendar: String?
    public let events: [String]
    public let rules: [Rule]
    public let file: Int
}

public struct CheckedAlerts: Sendable {
    public enum Severity: String, Sendable, Hashable, CaseIterable { case high, medium, low }
    public enum MessagePart: Sendable { case text(String), hole(TypedExpression) }
    public struct Alert: Sendable {
        public let name: String
        public let severity: Severity
        public let scope: Scope
        public let when: TypedExpression?
        public let message: [MessagePart]
        public let notify: String?
    }
    public let name: String
    public let alerts: [Alert]
    public let file: Int
}

/// A `test` block: a target, a date, data and expectations.
public struct CheckedTest: Sendable {
    public let name: String
    public let targetKind: TestBlock.TargetKind
    public let target: String
    public let asOf: Day
    public let data: String
    public let previous: String?
    /// The panel's decisions file; nil evaluates with the records' `ppo.status` alone.
    public let decisions: String?
    public let expectations: [Expectation]
    public let file: Int
    public let range: SourceRange
}
