/// An exact decimal number: the value of every number in the rules and the records, and of every
/// step of a matrix's arithmetic (SPEC §5.2).
///
/// The value is `significand / 10^scale`, with up to 38 significant digits. Sums, differences and
/// products are exact; a quotient is exact when it terminates within the digits available and is
/// otherwise carried to at least `minimumInexactScale` places, rounded half to even. A result that
/// needs more than 38 digits keeps its whole part and as many places as fit, never fewer than
/// `minimumInexactScale`; beyond that the operation reports overflow (`nil`) — it never wraps or traps.
///
/// Scores are rounded once, at the end, to six places half to even: `Decimal6(rounding:)`.
public struct ExactDecimal: Sendable, Comparable, Hashable, CustomStringConvertible {
    // Two words instead of `Int128`, whose 16-byte alignment would widen every `Value`.
    private let low: UInt64
    private let high: Int64
    /// Decimal places: the value is `significand / 10^scale`.
    public let scale: UInt8

    /// The most decimal places a value keeps.
    public static let maximumScale: UInt8 = 38
    /// A quotient that does not terminate, or a product too long to keep whole, keeps at least this many places.
    public static let minimumInexactScale: UInt8 = 18

    public static let zero = ExactDecimal(significand: 0, scale: 0)
    public static let one = ExactDecimal(significand: 1, scale: 0)

    /// The integer whose value divided by `10^scale` is this number.
    public var significand: Int128 { Int128(_low: low, _high: high) }

    public init(significand: Int128, scale: UInt8) {
        low = significand._low
        high = significand._high
        self.scale = scale
    }

    /// An exact whole number.
    public init(_ whole: Int) { self.init(significand: Int128(whole), scale: 0) }

    /// The exact value of a six-place decimal.
    public init(_ decimal: Decimal6) { self.init(significand: Int128(decimal.raw), scale: 6) }

    /// Parses plain decimal text: `12`, `-0.5`, `3.14159265358979`. `nil` when malformed or when it
    /// needs more than 38 significant digits or places.
    public init?(parsing text: Substring) {
        var digits = text.utf8[...]
        var negative = false
        if digits.first == UInt8(ascii: "-") { negative = true; digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value: Int128 = 0
        var places = 0
        var seenPoint = false
        var any = false
        for byte in digits {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            any = true
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(byte - 48))
            if o1 || o2 { return nil }
            value = a
            if seenPoint { places += 1 }
        }
        guard any, places <= Int(Self.maximumScale) else { return nil }
        self.init(significand: negative ? -value : value, scale: UInt8(places))
    }

    // MARK: Comparison

    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool { compare(a, b) == 0 }
    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool { compare(a, b) < 0 }

    /// -1, 0 or 1.
    @inline(__always)
    private static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.scale == b.scale { return a.significand == b.significand ? 0 : (a.significand < b.significand ? -1 : 1) }
        return compareAligned(a, b)
    }

    @inline(never)
    private static func compareAligned(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let (x, y, swapped) = a.scale < b.scale ? (a, b, false) : (b, a, true)
        // x has fewer places: bring it to y's. When that overflows, x's magnitude is beyond any
        // significand, so its sign decides.
        let result: Int
        if let widened = scaledUp(x.significand, by: Int(y.scale - x.scale)) {
            result = widened == y.significand ? 0 : (widened < y.significand ? -1 : 1)
        } else {
            result = x.significand < 0 ? -1 : 1
        }
        return swapped ? -result : result
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.low)
        hasher.combine(n.high)
        hasher.combine(n.scale)
    }

    /// The same value with no trailing zero places: `2.50` → `2.5`.
    public var normalized: ExactDecimal {
        var s = significand
        var places = scale
        while places > 0, s % 10 == 0 { s /= 10; places -= 1 }
        return ExactDecimal(significand: s, scale: places)
    }

    public var isZero: Bool { low == 0 && high == 0 }
    public var isNegative: Bool { high < 0 }

    // MARK: Arithmetic

    @inline(__always)
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        // Inlined into the scoring loop: the same places is two words added; otherwise the one
        // with fewer places is brought up to the other's, a multiplication when it fits 64 bits.
        var a = significand, b = other.significand
        var places = scale
        if scale < other.scale {
            guard let widened = Self.scaledUp(a, by: Int(other.scale - scale)) else { return Self.fitted(wideSum: (self, other)) }
            a = widened
            places = other.scale
        } else if scale > other.scale {
            guard let widened = Self.scaledUp(b, by: Int(scale - other.scale)) else { return Self.fitted(wideSum: (self, other)) }
            b = widened
        }
        let (v, o) = a.addingReportingOverflow(b)
        return o ? Self.fitted(wideSum: (self, other)) : ExactDecimal(significand: v, scale: places)
    }

    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        other.negated.flatMap { adding($0) }
    }

    public var negated: ExactDecimal? {
        let s = significand
        return s == Int128.min ? nil : ExactDecimal(significand: -s, scale: scale)
    }

    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let places = Int(scale) + Int(other.scale)
        // Two 64-bit significands (nearly every factor's `3 * count(…)`): the product always fits.
        if places <= Int(Self.maximumScale), let a = Int64(exactly: significand), let b = Int64(exactly: other.significand) {
            return ExactDecimal(significand: Int128(a) * Int128(b), scale: UInt8(places))
        }
        let (v, o) = significand.multipliedReportingOverflow(by: other.significand)
        if !o && places <= Int(Self.maximumScale) { return ExactDecimal(significand: v, scale: UInt8(places)) }
        let negative = (significand < 0) != (other.significand < 0)
        let wide = significand.magnitude.multipliedFullWidth(by: other.significand.magnitude)
        return Self.fitted(negative: negative, high: wide.high, low: wide.low, places: places)
    }

    /// `nil` when dividing by zero or on overflow.
    public func divided(by other: ExactDecimal) -> ExactDecimal? {
        guard !other.isZero else { return nil }
        let a = normalized, b = other.normalized
        let negative = (a.significand < 0) != (b.significand < 0)
        let numerator = a.significand.magnitude, denominator = b.significand.magnitude
        // The quotient of the significands, at `a.scale - b.scale` places; each extra place is one
        // more digit of long division. Stop when it terminates, or at the places that must be kept.
        var quotient = numerator / denominator
        var remainder = numerator % denominator
        var places = Int(a.scale) - Int(b.scale)
        while places < 0 {
            guard let q = Self.scaledUp(unsigned: quotient, by: 1) else { return nil }
            let wideRemainder = remainder.multipliedFullWidth(by: 10)
            let (digit, rest) = denominator.dividingFullWidth(wideRemainder)
            let (sum, o) = q.addingReportingOverflow(digit)
            if o { return nil }
            quotient = sum; remainder = rest; places += 1
        }
        while remainder != 0 && places < Int(Self.maximumScale) {
            guard let q = Self.scaledUp(unsigned: quotient, by: 1) else { break }
            let wideRemainder = remainder.multipliedFullWidth(by: 10)
            let (digit, rest) = denominator.dividingFullWidth(wideRemainder)
            let (sum, o) = q.addingReportingOverflow(digit)
            // One more digit must still leave room for a signed significand.
            if o || sum > UInt128(Int128.max) { break }
            quotient = sum; remainder = rest; places += 1
        }
        if remainder != 0 {
            guard places >= Int(Self.minimumInexactScale) else { return nil }
            // Half to even on what is left: compare twice the remainder with the divisor.
            let twice = remainder.multipliedFullWidth(by: 2)
            let above = twice.high > 0 || twice.low > denominator
            let half = twice.high == 0 && twice.low == denominator
            if above || (half && quotient % 2 == 1) {
                let (bumped, o) = quotient.addingReportingOverflow(1)
                if o { return nil }
                quotient = bumped
            }
        }
        guard quotient <= UInt128(Int128.max) else { return nil }
        let magnitude = Int128(quotient)
        return ExactDecimal(significand: negative ? -magnitude : magnitude, scale: UInt8(places))
    }

    /// The value rounded half to even to `places` decimal places (unchanged when it has no more).
    public func rounded(toPlaces places: UInt8) -> ExactDecimal {
        guard scale > places else { return self }
        let divisor = Self.powerOfTen(Int(scale - places))
        let s = significand
        var quotient = s / divisor
        let remainder = s % divisor
        if remainder != 0 {
            let twice = remainder.magnitude * 2
            let magnitude = divisor.magnitude
            if twice > magnitude || (twice == magnitude && quotient % 2 != 0) {
                quotient += s < 0 ? -1 : 1
            }
        }
        return ExactDecimal(significand: quotient, scale: places)
    }

    /// The whole part, if the value is a whole number that fits an `Int`.
    public var wholeValue: Int? {
        let s = significand
        if scale == 0 { return Int(exactly: s) }
        let divisor = Self.powerOfTen(Int(scale))
        guard s % divisor == 0 else { return nil }
        return Int(exactly: s / divisor)
    }

    /// The value truncated toward zero, clamped to `Int`'s range.
    public var truncated: Int {
        let whole = significand / Self.powerOfTen(Int(scale))
        return Int(clamping: whole)
    }

    /// Shortest exact text: `4`, `2.5`, `-0.333333333333333333`.
    public var description: String {
        var bytes: [UInt8] = []
        appendDescription(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `description`'s text without making a `String` (the form writes a factor's value
    /// into its detail for every offender).
    func appendDescription<Sink: ByteSink & ~Copyable>(to out: inout Sink) {
        let n = scale == 0 ? self : normalized
        let s = n.significand
        if s < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = s.magnitude
        let places = Int(n.scale)
        if places == 0, let small = UInt64(exactly: magnitude) {
            Decimal6.appendDigits(small, to: &out)
            return
        }
        let digits = Array(String(magnitude).utf8)
        // Scoped borrow of a local array; the split at `d.count - places` is inside `d` (`d.count > places`).
        digits.withUnsafeBufferPointer { d in
            if places == 0 { out.append(d); return }
            if d.count > places {
                out.append(UnsafeBufferPointer(rebasing: d[..<(d.count - places)]))
                out.append(UInt8(ascii: "."))
                out.append(UnsafeBufferPointer(rebasing: d[(d.count - places)...]))
            } else {
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "."))
                for _ in 0..<(places - d.count) { out.append(UInt8(ascii: "0")) }
                out.append(d)
            }
        }
    }

    // MARK: Fitting wide results

    /// `10^n` for `n` in `0...38` (clamped): a switch of constants, where a table would be a lazy
    /// global checked on every use in the scoring loop.
    static func powerOfTen(_ n: Int) -> Int128 {
        let n = min(max(n, 0), 38)
        if n <= 18 { return Int128(smallPowerOfTen(n)) }
        if n <= 36 { return Int128(smallPowerOfTen(18)) * Int128(smallPowerOfTen(n - 18)) }
        return Int128(smallPowerOfTen(18)) * Int128(smallPowerOfTen(18)) * Int128(smallPowerOfTen(n - 36))
    }

    /// `10^n` for `n` in `0...18`.
    @inline(__always)
    private static func smallPowerOfTen(_ n: Int) -> Int64 {
        switch n {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        case 10: return 10_000_000_000
        case 11: return 100_000_000_000
        case 12: return 1_000_000_000_000
        case 13: return 10_000_000_000_000
        case 14: return 100_000_000_000_000
        case 15: return 1_000_000_000_000_000
        case 16: return 10_000_000_000_000_000
        case 17: return 100_000_000_000_000_000
        default: return 1_000_000_000_000_000_000
        }
    }

    /// `value × 10^n`, or `nil` when it does not fit.
    @inline(__always)
    private static func scaledUp(_ value: Int128, by n: Int) -> Int128? {
        guard n > 0 else { return value }
        // A 64-bit value times at most 10^18 always fits: no overflow test needed.
        if n <= 18, let small = Int64(exactly: value) {
            return Int128(small) * Int128(smallPowerOfTen(n))
        }
        return scaledUpWide(value, by: n)
    }

    @inline(never)
    private static func scaledUpWide(_ value: Int128, by n: Int) -> Int128? {
        guard n <= 38 else { return value == 0 ? 0 : nil }
        let (v, o) = value.multipliedReportingOverflow(by: powerOfTen(n))
        return o ? nil : v
    }

    private static func scaledUp(unsigned value: UInt128, by n: Int) -> UInt128? {
        let (v, o) = value.multipliedReportingOverflow(by: UInt128(powerOfTen(n)))
        return o ? nil : v
    }

    /// A sum whose exact value needs more than 38 digits: added again at fewer places.
    @inline(never)
    private static func fitted(wideSum pair: (ExactDecimal, ExactDecimal)) -> ExactDecimal? {
        // Only reachable with more than `minimumInexactScale` places on one side (a whole part
        // beyond 20 digits overflows anyway): round both to the places that fit and add.
        var places = Int(max(pair.0.scale, pair.1.scale)) - 1
        while places >= Int(minimumInexactScale) {
            let a = pair.0.rounded(toPlaces: UInt8(places)), b = pair.1.rounded(toPlaces: UInt8(places))
            if let x = scaledUp(a.significand, by: places - Int(a.scale)),
               let y = scaledUp(b.significand, by: places - Int(b.scale)) {
                let (v, o) = x.addingReportingOverflow(y)
                if !o { return ExactDecimal(significand: v, scale: UInt8(places)) }
            }
            places -= 1
        }
        return nil
    }

    /// A 256-bit magnitude at `places` places, rounded half to even to the most places that fit
    /// in 38 digits (never fewer than `minimumInexactScale`); `nil` when even that overflows.
    private static func fitted(negative: Bool, high: UInt128, low: UInt128, places: Int) -> ExactDecimal? {
        let limit = UInt128(Int128.max)
        var drop = max(0, places - Int(maximumScale))
        while true {
            let kept = places - drop
            if drop == 0 {
                if high == 0 && low <= limit { return make(negative, low, kept) }
            } else {
                guard drop <= 38 else { return nil }
                let divisor = UInt128(powerOfTen(drop))
                // The quotient fits 128 bits only when the high word is below the divisor.
                if high < divisor {
                    var (q, r) = divisor.dividingFullWidth((high: high, low: low))
                    let twice = r.multipliedFullWidth(by: 2)
                    let above = twice.high > 0 || twice.low > divisor
                    let half = twice.high == 0 && twice.low == divisor
                    if above || (half && q % 2 == 1) { q &+= 1 }
                    if q <= limit { return make(negative, q, kept) }
                }
            }
            // Places are given up only down to the minimum an inexact result keeps.
            guard kept - 1 >= Int(minimumInexactScale) else { return nil }
            drop += 1
        }
    }

    private static func make(_ negative: Bool, _ magnitude: UInt128, _ places: Int) -> ExactDecimal {
        let m = Int128(magnitude)
        return ExactDecimal(significand: negative ? -m : m, scale: UInt8(places))
    }
}
