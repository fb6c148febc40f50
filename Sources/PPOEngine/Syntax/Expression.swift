/// An identifier as written, with where it was written.
public struct Name: Sendable, Hashable {
    public let text: String
    public let range: SourceRange
    public init(_ text: String, _ range: SourceRange) { self.text = text; self.range = range }
}

/// A string literal's value, with its source range (quotes included).
public struct StringLiteral: Sendable, Hashable {
    public let value: String
    public let range: SourceRange
    public init(_ value: String, _ range: SourceRange) { self.value = value; self.range = range }
}

/// A number literal (a leading minus sign folded in).
public struct NumberLiteral: Sendable, Hashable {
    public let value: ExactDecimal
    public let range: SourceRange
    public init(_ value: ExactDecimal, _ range: SourceRange) { self.value = value; self.range = range }
}

/// A date literal.
public struct DateLiteral: Sendable, Hashable {
    public let value: Day
    public let range: SourceRange
    public init(_ value: Day, _ range: SourceRange) { self.value = value; self.range = range }
}

/// A duration literal such as `12 months` or `5 working days`.
public struct DurationLiteral: Sendable, Hashable {
    public let value: PPODuration
    public let range: SourceRange
    public init(_ value: PPODuration, _ range: SourceRange) { self.value = value; self.range = range }
}

/// Binary operators of the expression language.
public enum BinaryOperator: String, Sendable, Hashable {
    case or, and
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", times = "*", divide = "/"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

/// An expression of the rules language, as parsed (names not yet resolved).
public struct Expression: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case number(ExactDecimal)
        case string(String)
        case date(Day)
        case duration(PPODuration)
        case bool(Bool)
        /// `today`: the evaluation's `as_of`.
        case today
        /// A bare identifier: a field, an enumeration value or a collection.
        case name(String)
        /// `base.field`
        case member(Expression, Name)
        /// `f(arguments)`
        case call(Name, [Expression])
        /// `-x`
        case negate(Expression)
        /// `not x`
        case not(Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `x in [a, b, …]`
        case inList(Expression, [Expression])
        /// `x in collection` (a string list such as `flags`)
        case inCollection(Expression, Expression)
        /// `x in this month`
        case inThisMonth(Expression)
        /// `x within D` (`next: false`) or `x within next D` (`next: true`); in a collection argument,
        /// `C within D` filters the collection by date.
        case within(Expression, DurationLiteral, next: Bool)
        /// `x missing` (`present: false`) or `x present` (`present: true`)
        case presence(Expression, present: Bool)
        /// `if c then a else b`
        case conditional(Expression, Expression, Expression)
        /// `C where predicate`, only as a function argument.
        case filter(Expression, Expression)
    }

    public let kind: Kind
    public let range: SourceRange
    public init(_ kind: Kind, _ range: SourceRange) { self.kind = kind; self.range = range }
}
