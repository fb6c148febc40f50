/// An exact decimal with six places, used for every score so sums never drift.
///
/// Arithmetic that would overflow returns `nil` (a missing value) instead of trapping.
public struct Decimal6: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times one million.
    public let raw: Int64
    public static let scale: Int64 = 1_000_000
    public static let zero = Decimal6(raw: 0)
    public static let one = Decimal6(raw: scale)

    public init(raw: Int64) { self.raw = raw }

    /// An exact whole number; `nil` if it does not fit.
    public init?(_ whole: Int) {
        let (value, overflow) = Int64(whole).multipliedReportingOverflow(by: Decimal6.scale)
        if overflow { return nil }
        self.raw = value
    }

    /// Parses `12`, `-0.5`, `3.141593`; more than six places round half to even; `nil` when malformed
    /// or out of range.
    public init?(parsing text: Substring) {
        guard let exact = ExactDecimal(parsing: text) else { return nil }
        self.init(rounding: exact)
    }

    /// `exact` rounded half to even to six places: how a line's points and a total are reported.
    /// `nil` when the rounded value does not fit (beyond ±9,223,372,036,854.775807).
    public init?(rounding exact: ExactDecimal) {
        // Six places or fewer (nearly every score): a multiplication, no division.
        if exact.scale <= 6, let small = Int64(exactly: exact.significand) {
            let (raw, overflow) = small.multipliedReportingOverflow(by: Int64(ExactDecimal.powerOfTen(6 - Int(exact.scale))))
            if overflow { return nil }
            self.raw = raw
            return
        }
        let rounded = exact.rounded(toPlaces: 6)
        let (raw, overflow) = rounded.significand.multipliedReportingOverflow(by: ExactDecimal.powerOfTen(6 - Int(rounded.scale)))
        guard !overflow, let value = Int64(exactly: raw) else { return nil }
        self.raw = value
    }

    public static func < (a: Decimal6, b: Decimal6) -> Bool { a.raw < b.raw }

    public func adding(_ other: Decimal6) -> Decimal6? {
        let (v, o) = raw.addingReportingOverflow(other.raw)
        return o ? nil : Decimal6(raw: v)
    }

    public func subtracting(_ other: Decimal6) -> Decimal6? {
        let (v, o) = raw.subtractingReportingOverflow(other.raw)
        return o ? nil : Decimal6(raw: v)
    }

    public func multiplied(by other: Decimal6) -> Decimal6? {
        // A whole factor (points, counts, most weights) needs no wide division: the product is exact.
        if other.raw % Decimal6.scale == 0 {
            let (v, o) = raw.multipliedReportingOverflow(by: other.raw / Decimal6.scale)
            return o ? nil : Decimal6(raw: v)
        }
        if raw % Decimal6.scale == 0 {
            let (v, o) = other.raw.multipliedReportingOverflow(by: raw / Decimal6.scale)
            return o ? nil : Decimal6(raw: v)
        }
        let product = Int128(raw) * Int128(other.raw)
        return Decimal6.rounded(product, dividedBy: Int128(Decimal6.scale))
    }

    /// `nil` when dividing by zero or on overflow.
    public func divided(by other: Decimal6) -> Decimal6? {
        guard other.raw != 0 else { return nil }
        let numerator = Int128(raw) * Int128(Decimal6.scale)
        return Decimal6.rounded(numerator, dividedBy: Int128(other.raw))
    }

    public var negated: Decimal6? { raw == Int64.min ? nil : Decimal6(raw: -raw) }

    /// The whole part, if the value is a whole number.
    public var wholeValue: Int? {
        raw % Decimal6.scale == 0 ? Int(raw / Decimal6.scale) : nil
    }

    /// The value truncated toward zero.
    public var truncated: Int { Int(raw / Decimal6.scale) }

    /// Half-to-even division of a wide numerator.
    private static func rounded(_ numerator: Int128, dividedBy denominator: Int128) -> Decimal6? {
        var quotient = numerator / denominator
        let remainder = numerator % denominator
        if remainder != 0 {
            let twice = (remainder < 0 ? -remainder : remainder) * 2
            let magnitude = denominator < 0 ? -denominator : denominator
            let positive = (numerator < 0) == (denominator < 0)
            if twice > magnitude || (twice == magnitude && quotient % 2 != 0) {
                quotient += positive ? 1 : -1
            }
        }
        guard quotient >= Int128(Int64.min), quotient <= Int128(Int64.max) else { return nil }
        return Decimal6(raw: Int64(quotient))
    }

    /// Shortest exact text: `4`, `2.5`, `-0.333333`.
    public var description: String {
        let negative = raw < 0
        let magnitude = raw.magnitude
        let whole = magnitude / UInt64(Decimal6.scale)
        var fraction = magnitude % UInt64(Decimal6.scale)
        var text = negative ? "-\(whole)" : "\(whole)"
        if fraction != 0 {
            var places = 6
            while fraction % 10 == 0 { fraction /= 10; places -= 1 }
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return text
    }
}
