/// A checked expression: names resolved, every node typed. The planner compiles it once.
public struct TypedExpression: Sendable, Hashable {
    public indirect enum Node: Sendable, Hashable {
        case number(ExactDecimal)
        case string(String)
        case date(Day)
        case duration(PPODuration)
        case bool(Bool)
        /// A value of an enumerated domain; categories by index, other domains by their text.
        case enumValue(Domain, String)
        /// A category group: equal to every category of the group.
        case categoryGroup(Int)
        case category(Int)
        case today
        /// The offender being evaluated.
        case offender
        /// The element bound by an enclosing `where` (0 = innermost).
        case element(depth: Int)
        case field(TypedExpression, Field)
        case negate(TypedExpression)
        case not(TypedExpression)
        case and(TypedExpression, TypedExpression)
        case or(TypedExpression, TypedExpression)
        case arithmetic(BinaryOperator, TypedExpression, TypedExpression)
        case compare(BinaryOperator, TypedExpression, TypedExpression)
        case inList(TypedExpression, [TypedExpression])
        case contains(list: TypedExpression, item: TypedExpression)
        case inThisMonth(TypedExpression)
        case within(TypedExpression, PPODuration, next: Bool)
        case presence(TypedExpression, present: Bool)
        case conditional(TypedExpression, TypedExpression, TypedExpression)
        case aggregate(Aggregate, CollectionQuery, TypedExpression?)
        case daysSince(TypedExpression)
        /// `changed(path)`: the value differs from the previous snapshot's.
        case changed(TypedExpression)
        /// `score("M")`, `tier("M")`, `recommended("M")`.
        case matrixResult(MatrixResultKind, String)
        /// `next_due("C")`, `days_to_due("C")`: the offender's earliest pending duty of a checklist.
        case checklistDue(ChecklistDueKind, String)
    }

    public let node: Node
    public let type: ValueType
    public let range: SourceRange

    public init(_ node: Node, _ type: ValueType, _ range: SourceRange) {
        self.node = node; self.type = type; self.range = range
    }
}

/// The collection functions.
public enum Aggregate: String, Sendable, Hashable, CaseIterable {
    case count, any, all, sum, max, min, latest, earliest
}

/// What an alert may read of a matrix's result.
public enum MatrixResultKind: String, Sendable, Hashable {
    case score, tier, recommended
}

/// What an alert may read of a checklist's results for the offender.
public enum ChecklistDueKind: String, Sendable, Hashable {
    /// The earliest due date among the offender's pending duties.
    case nextDue = "next_due"
    /// Working days (on the checklist's calendar) from `as_of` to that date.
    case daysToDue = "days_to_due"
}

/// A collection with its optional filter: `offences where series within 12 months`.
public struct CollectionQuery: Sendable, Hashable {
    /// The record that holds the collection (the offender, or a bound element such as a case).
    public let base: TypedExpression
    public let field: Field
    public let element: RecordKind
    /// Evaluated with the element bound at depth 0.
    public let predicate: TypedExpression?
    /// `within D`: keep elements dated from `as_of - D` to `as_of`.
    public let window: PPODuration?
}
