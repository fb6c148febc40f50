/// One parsed `.ppo` file: its blocks in order.
public struct SyntaxFile: Sendable, Hashable {
    /// Index of the file in the loaded `SourceSet`.
    public let file: Int
    public let blocks: [Block]
    public init(file: Int, blocks: [Block]) { self.file = file; self.blocks = blocks }
}

/// A top-level block.
public enum Block: Sendable, Hashable {
    case categories(CategoriesBlock)
    case matrix(MatrixBlock)
    case calendar(CalendarBlock)
    case checklist(ChecklistBlock)
    case alerts(AlertsBlock)
    case scheme(SchemeBlock)
    case test(TestBlock)
}

// MARK: - categories

public struct CategoriesBlock: Sendable, Hashable {
    public enum Item: Sendable, Hashable {
        /// `group NAME = a, b, c`
        case group(Name, [Name])
        /// `a, b, c` — ungrouped categories
        case row([Name])
        /// `code "28" -> burglary_dwelling`
        case code(StringLiteral, Name)
    }
    public let items: [Item]
    public let range: SourceRange
    public init(items: [Item], range: SourceRange) { self.items = items; self.range = range }
}

// MARK: - matrix

public struct MatrixBlock: Sendable, Hashable {
    public let name: StringLiteral
    public let version: StringLiteral?
    public let window: DurationLiteral?
    /// `evidence convicted 1, admitted 1, suspected 0.5`
    public let evidence: [EvidenceWeight]
    /// `intelligence counts when P`
    public let intelligence: Expression?
    /// `eligible when P`
    public let eligible: Expression?
    public let offences: OffencesSection?
    public let factors: [Factor]
    public let weighting: Weighting?
    public let tiers: [Tier]
    public let capacity: NumberLiteral?
    /// The whole block, `matrix` to `end`.
    public let range: SourceRange

    public init(name: StringLiteral, version: StringLiteral?, window: DurationLiteral?,
                evidence: [EvidenceWeight], intelligence: Expression?, eligible: Expression?,
                offences: OffencesSection?, factors: [Factor], weighting: Weighting?,
                tiers: [Tier], capacity: NumberLiteral?, range: SourceRange) {
        self.name = name; self.version = version; self.window = window; self.evidence = evidence
        self.intelligence = intelligence; self.eligible = eligible; self.offences = offences
        self.factors = factors; self.weighting = weighting; self.tiers = tiers
        self.capacity = capacity; self.range = range
    }
}

public struct EvidenceWeight: Sendable, Hashable {
    public let level: Name
    public let weight: NumberLiteral
    public init(level: Name, weight: NumberLiteral) { self.level = level; self.weight = weight }
}

public struct OffencesSection: Sendable, Hashable {
    public let label: StringLiteral?
    public let rows: [OffenceRow]
    public let range: SourceRange
    public init(label: StringLiteral?, rows: [OffenceRow], range: SourceRange) {
        self.label = label; self.rows = rows; self.range = range
    }
}

/// `burglary_dwelling "Burglary (dwelling)" 4 series 5`
public struct OffenceRow: Sendable, Hashable {
    public let category: Name
    public let label: StringLiteral?
    public let points: NumberLiteral
    public let series: NumberLiteral?
    public let range: SourceRange
    public init(category: Name, label: StringLiteral?, points: NumberLiteral, series: NumberLiteral?, range: SourceRange) {
        self.category = category; self.label = label; self.points = points; self.series = series; self.range = range
    }
}

public struct Factor: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        case band(Expression, [BandArm])
        case match(Expression, [MatchArm])
        /// `N when P`
        case when(NumberLiteral, Expression)
        case expression(Expression)
    }
    public let label: StringLiteral
    public let body: Body
    public let range: SourceRange
    public init(label: StringLiteral, body: Body, range: SourceRange) {
        self.label = label; self.body = body; self.range = range
    }
}

public struct BandArm: Sendable, Hashable {
    public enum Condition: Sendable, Hashable {
        case compare(BinaryOperator, NumberLiteral)
        case otherwise   // `else`
        case missing
    }
    public let condition: Condition
    public let points: NumberLiteral
    public let range: SourceRange
    public init(condition: Condition, points: NumberLiteral, range: SourceRange) {
        self.condition = condition; self.points = points; self.range = range
    }
}

public struct MatchArm: Sendable, Hashable {
    public enum Pattern: Sendable, Hashable {
        /// A bare enumeration value, a string, a number, `true` or `false`.
        case value(Expression)
        case otherwise   // `else`
        case missing
    }
    public let pattern: Pattern
    public let points: NumberLiteral
    public let range: SourceRange
    public init(pattern: Pattern, points: NumberLiteral, range: SourceRange) {
        self.pattern = pattern; self.points = points; self.range = range
    }
}

public struct Weighting: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable { case main, each }
    public let label: StringLiteral
    public let mode: Mode
    public let rows: [WeightRow]
    public let range: SourceRange
    public init(label: StringLiteral, mode: Mode, rows: [WeightRow], range: SourceRange) {
        self.label = label; self.mode = mode; self.rows = rows; self.range = range
    }
}

/// A category or group and its weight.
public struct WeightRow: Sendable, Hashable {
    public let name: Name
    public let weight: NumberLiteral
    public let range: SourceRange
    public init(name: Name, weight: NumberLiteral, range: SourceRange) {
        self.name = name; self.weight = weight; self.range = range
    }
}

public struct Tier: Sendable, Hashable {
    public let name: StringLiteral
    /// `nil` for `otherwise`.
    public let threshold: NumberLiteral?
    public let range: SourceRange
    public init(name: StringLiteral, threshold: NumberLiteral?, range: SourceRange) {
        self.name = name; self.threshold = threshold; self.range = range
    }
}

// MARK: - scheme

/// `scheme "Northtown IOM"`: the strands, reason codes and review interval of one scheme's panel.
public struct SchemeBlock: Sendable, Hashable {
    public let name: StringLiteral
    /// `matrix "…"`: the matrix whose list the panel decides on.
    public let matrix: StringLiteral?
    /// `strands fixed, flex, free`
    public let strands: [Name]
    /// `review every 12 weeks`
    public let review: DurationLiteral?
    /// `reasons adopt meets_criteria, panel_discretion`, one clause per decision.
    public let reasons: [SchemeReasons]
    public let range: SourceRange
    public init(name: StringLiteral, matrix: StringLiteral?, strands: [Name], review: DurationLiteral?,
                reasons: [SchemeReasons], range: SourceRange) {
        self.name = name; self.matrix = matrix; self.strands = strands; self.review = review
        self.reasons = reasons; self.range = range
    }
}

/// `reasons deselect order_completed, moved_area`: the codes a decision of one kind may give.
public struct SchemeReasons: Sendable, Hashable {
    public let decision: Name
    public let reasons: [Name]
    public let range: SourceRange
    public init(decision: Name, reasons: [Name], range: SourceRange) {
        self.decision = decision; self.reasons = reasons; self.range = range
    }
}

// MARK: - calendar

public struct CalendarBlock: Sendable, Hashable {
    public let name: Name
    public let weekend: [Name]
    public let holidays: [Holiday]
    public let range: SourceRange
    public init(name: Name, weekend: [Name], holidays: [Holiday], range: SourceRange) {
        self.name = name; self.weekend = weekend; self.holidays = holidays; self.range = range
    }
}

public struct Holiday: Sendable, Hashable {
    public let date: DateLiteral
    public let label: StringLiteral?
    public init(date: DateLiteral, label: StringLiteral?) { self.date = date; self.label = label }
}

// MARK: - checklist

public struct ChecklistBlock: Sendable, Hashable {
    public let name: StringLiteral
    /// `for ppo | all | candidates`
    public let scope: Name?
    public let calendar: Name?
    public let events: [Name]
    /// `limit NAME = DURATION`: named local time limits.
    public let limits: [ChecklistLimit]
    public let rules: [ChecklistRule]
    public let range: SourceRange
    public init(name: StringLiteral, scope: Name?, calendar: Name?, events: [Name], limits: [ChecklistLimit] = [],
                rules: [ChecklistRule], range: SourceRange) {
        self.name = name; self.scope = scope; self.calendar = calendar; self.events = events
        self.limits = limits; self.rules = rules; self.range = range
    }
}

/// `limit mg6_deadline = 5 working days`: a local time limit, named so the agreement is visible.
public struct ChecklistLimit: Sendable, Hashable {
    public let name: Name
    public let duration: DurationLiteral
    public init(name: Name, duration: DurationLiteral) { self.name = name; self.duration = duration }
}

public struct ChecklistRule: Sendable, Hashable {
    public let name: StringLiteral
    public let owner: Name?
    public let when: Expression?
    public let requirement: Requirement?
    public let range: SourceRange
    public init(name: StringLiteral, owner: Name?, when: Expression?, requirement: Requirement?, range: SourceRange) {
        self.name = name; self.owner = owner; self.when = when; self.requirement = requirement; self.range = range
    }
}

public enum Requirement: Sendable, Hashable {
    /// `require A before B`
    case before(Name, Name)
    /// `require A within D after B`
    case withinAfter(Name, DurationLiteral, Name)
    /// `require A at least D before B`
    case atLeastBefore(Name, DurationLiteral, Name)
    /// `forbid A unless R`
    case forbid(Name, unless: Name)
}

// MARK: - alerts

public struct AlertsBlock: Sendable, Hashable {
    public let name: StringLiteral
    public let alerts: [AlertRule]
    public let range: SourceRange
    public init(name: StringLiteral, alerts: [AlertRule], range: SourceRange) {
        self.name = name; self.alerts = alerts; self.range = range
    }
}

public struct AlertRule: Sendable, Hashable {
    public let name: StringLiteral
    public let severity: Name?
    public let scope: Name?
    public let when: Expression?
    public let message: MessageTemplate?
    public let notify: Name?
    public let range: SourceRange
    public init(name: StringLiteral, severity: Name?, scope: Name?, when: Expression?,
                message: MessageTemplate?, notify: Name?, range: SourceRange) {
        self.name = name; self.severity = severity; self.scope = scope; self.when = when
        self.message = message; self.notify = notify; self.range = range
    }
}

/// A message with `{expression}` holes, parsed at load.
public struct MessageTemplate: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case hole(Expression)
    }
    public let parts: [Part]
    public let range: SourceRange
    public init(parts: [Part], range: SourceRange) { self.parts = parts; self.range = range }
}

// MARK: - test

public struct TestBlock: Sendable, Hashable {
    public enum TargetKind: String, Sendable, Hashable { case matrix, checklist, alerts }
    public let name: StringLiteral
    public let targetKind: TargetKind?
    public let target: StringLiteral?
    public let asOf: DateLiteral?
    public let data: StringLiteral?
    public let previous: StringLiteral?
    /// `decisions "FILE"`: the panel's decisions the test evaluates with (docs/cohort.md).
    public let decisions: StringLiteral?
    public let expectations: [Expectation]
    public let range: SourceRange
    public init(name: StringLiteral, targetKind: TargetKind?, target: StringLiteral?, asOf: DateLiteral?,
                data: StringLiteral?, previous: StringLiteral?, decisions: StringLiteral? = nil,
                expectations: [Expectation], range: SourceRange) {
        self.name = name; self.targetKind = targetKind; self.target = target; self.asOf = asOf
        self.data = data; self.previous = previous; self.decisions = decisions
        self.expectations = expectations; self.range = range
    }
}

public struct Expectation: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case score(NumberLiteral)
        case tier(StringLiteral)
        case rank(NumberLiteral)
        /// `recommended` (true) or `not recommended` (false)
        case recommended(Bool)
        case ineligible
        case tieAtCapacity
        /// `alert "NAME"` (true) or `no alert "NAME"` (false)
        case alert(StringLiteral, Bool)
        case breach(StringLiteral)
        /// `status met "RULE"`
        case status(Name, StringLiteral)
    }
    public let offender: StringLiteral
    public let kind: Kind
    public let range: SourceRange
    public init(offender: StringLiteral, kind: Kind, range: SourceRange) {
        self.offender = offender; self.kind = kind; self.range = range
    }
}
