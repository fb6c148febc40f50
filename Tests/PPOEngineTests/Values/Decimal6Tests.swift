import Testing
@testable import PPOEngine

@Suite struct Decimal6Tests {
    @Test(arguments: [
        ("4", "4"), ("0.5", "0.5"), ("-2.25", "-2.25"), ("1.0000005", "1"), ("1.0000015", "1.000002"),
        ("3.1415926", "3.141593"), ("007", "7"),
    ])
    func parsesAndPrints(input: String, expected: String) {
        #expect(Decimal6(parsing: input[...])?.description == expected)
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "abc", "99999999999999999999"])
    func rejectsMalformed(input: String) {
        #expect(Decimal6(parsing: input[...]) == nil)
    }

    @Test func sumsWithoutDrift() {
        var total = Decimal6.zero
        for _ in 0..<10 { total = total.adding(Decimal6(parsing: "0.1")!)! }
        #expect(total == Decimal6.one)
    }

    @Test func multipliesAndDividesExactly() {
        let half = Decimal6(parsing: "0.5")!
        #expect(Decimal6(5)!.multiplied(by: half)?.description == "2.5")
        #expect(Decimal6(1)!.divided(by: Decimal6(3)!)?.description == "0.333333")
        #expect(Decimal6(2)!.divided(by: Decimal6(3)!)?.description == "0.666667")
        #expect(Decimal6(1)!.divided(by: .zero) == nil)
    }

    @Test func overflowIsMissingNotATrap() {
        let big = Decimal6(raw: Int64.max)
        #expect(big.adding(Decimal6.one) == nil)
        #expect(big.multiplied(by: Decimal6(2)!) == nil)
        #expect(Decimal6(raw: Int64.min).negated == nil)
    }

    /// Whole factors take a shortcut past the wide division; it must give exactly what the division
    /// gives, overflow included.
    @Test func wholeFactorShortcutMatchesTheWideProduct() {
        var generator = SystemRandomNumberGenerator()
        let scale = Int128(Decimal6.scale)
        func reference(_ a: Decimal6, _ b: Decimal6) -> Decimal6? {
            let product = Int128(a.raw) * Int128(b.raw)
            guard product % scale == 0 else { return nil }
            let quotient = product / scale
            guard quotient >= Int128(Int64.min), quotient <= Int128(Int64.max) else { return nil }
            return Decimal6(raw: Int64(quotient))
        }
        let edges: [Int64] = [0, 1, -1, Int64.max, Int64.min, Int64.max / 7, Int64.min / 3]
        for _ in 0..<5_000 {
            let whole = Decimal6(raw: Int64.random(in: -9_000_000...9_000_000, using: &generator) * Decimal6.scale)
            let raw = Bool.random(using: &generator)
                ? edges.randomElement(using: &generator) ?? 0
                : Int64.random(in: Int64.min...Int64.max, using: &generator) / Int64.random(in: 1...1_000_000_000_000, using: &generator)
            let other = Decimal6(raw: raw)
            #expect(other.multiplied(by: whole) == reference(other, whole))
            #expect(whole.multiplied(by: other) == reference(other, whole))
        }
    }
}
