/// A small, fast, fully specified pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// Synthetic data must be byte-identical for the same seed on every platform and Swift version, which
/// the standard library's `SystemRandomNumberGenerator` does not promise; this does.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<bound` (`bound` > 0), by Lemire's multiply-shift: no modulo bias worth
    /// measuring at these bounds, and the same on every platform.
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A whole number in `range`.
    public mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Double) -> Bool {
        Double(next() >> 11) * 0x1.0p-53 * 100 < percent
    }

    /// An index into `weights`, chosen in proportion to them.
    public mutating func pick(weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var roll = below(total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// A count around `mean`: the sum of `mean * 2` fair coin flips (binomial, so never negative).
    public mutating func around(_ mean: Int) -> Int {
        var count = 0
        var flips = mean * 2
        while flips > 0 {
            let bits = next()
            let take = min(flips, 64)
            count += (take == 64 ? bits : bits & ((1 << UInt64(take)) - 1)).nonzeroBitCount
            flips -= take
        }
        return count
    }
}
