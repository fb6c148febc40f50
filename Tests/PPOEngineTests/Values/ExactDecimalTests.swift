import Testing
@testable import PPOEngine

/// The arithmetic of every score (SPEC §5.2): exact sums, differences and products, quotients
/// carried to at least 18 places, one rounding half to even at the end, overflow as `nil`.
@Suite struct ExactDecimalTests {
    static func d(_ text: String) -> ExactDecimal? { ExactDecimal(parsing: text[...]) }

    @Test(arguments: [
        ("4", "4"), ("0.5", "0.5"), ("-2.25", "-2.25"), ("1.0000005", "1.0000005"), ("2.500", "2.5"),
        ("007", "7"), ("-0", "0"), ("0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"),
        ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
    ])
    func parsesAndPrintsExactly(input: String, expected: String) {
        #expect(Self.d(input)?.description == expected)
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "abc", "1e5", "999999999999999999999999999999999999999",
                      "0.000000000000000000000000000000000000001"])
    func rejectsMalformedOrTooLong(input: String) {
        #expect(Self.d(input) == nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let a: String, op: Character, b: String, expected: String?
        var testDescription: String { "\(a) \(op) \(b)" }
    }

    static let cases: [Case] = [
        Case(a: "0.1", op: "+", b: "0.2", expected: "0.3"),
        Case(a: "0.000001", op: "*", b: "0.5", expected: "0.0000005"),
        Case(a: "0.333333", op: "*", b: "0.333333", expected: "0.111110888889"),
        Case(a: "111.110888889", op: "*", b: "0.5", expected: "55.5554444445"),
        Case(a: "1", op: "-", b: "0.0000001", expected: "0.9999999"),
        Case(a: "-2.5", op: "*", b: "4", expected: "-10"),
        Case(a: "1", op: "/", b: "4", expected: "0.25"),
        Case(a: "1", op: "/", b: "0.5", expected: "2"),
        Case(a: "10", op: "/", b: "0.0004", expected: "25000"),
        // A quotient that does not terminate keeps 38 digits, rounded half to even.
        Case(a: "1", op: "/", b: "3", expected: "0.33333333333333333333333333333333333333"),
        Case(a: "2", op: "/", b: "3", expected: "0.66666666666666666666666666666666666667"),
        Case(a: "100", op: "/", b: "3", expected: "33.333333333333333333333333333333333333"),
        Case(a: "1", op: "/", b: "0", expected: nil),
        // A product too long for a 128-bit significand keeps its whole part and as many places as fit.
        Case(a: "0.33333333333333333333333333333333333333", op: "*", b: "3",
             expected: "0.99999999999999999999999999999999999999"),
        Case(a: "0.33333333333333333333333333333333333333", op: "*", b: "0.33333333333333333333333333333333333333",
             expected: "0.11111111111111111111111111111111111111"),
        Case(a: "33.333333333333333333333333333333333333", op: "*", b: "33.333333333333333333333333333333333333",
             expected: "1111.11111111111111111111111111111111109"),
        // Beyond 20 whole digits with 18 places kept, or 38 whole digits, is overflow.
        Case(a: "170141183460469231731687303715884105727", op: "+", b: "1", expected: nil),
        Case(a: "99999999999999999999999999999999999999", op: "*", b: "10", expected: nil),
        Case(a: "10000000000000000000000", op: "/", b: "3", expected: nil),
        Case(a: "-170141183460469231731687303715884105727", op: "-", b: "2", expected: nil),
    ]

    @Test(arguments: cases)
    func computes(_ c: Case) throws {
        let a = try #require(Self.d(c.a)), b = try #require(Self.d(c.b))
        let result: ExactDecimal?
        switch c.op {
        case "+": result = a.adding(b)
        case "-": result = a.subtracting(b)
        case "*": result = a.multiplied(by: b)
        default: result = a.divided(by: b)
        }
        #expect(result?.description == c.expected)
    }

    @Test(arguments: [
        ("55.5554444445", "55.555444"), ("0.0000005", "0"), ("0.0000015", "0.000002"), ("0.0000025", "0.000002"),
        ("-0.0000025", "-0.000002"), ("-0.0000035", "-0.000004"), ("1.00000050000000000001", "1.000001"),
        ("0.33333333333333333333333333333333333333", "0.333333"), ("9223372036854.775807", "9223372036854.775807"),
    ])
    func roundsOnceHalfToEven(exact: String, reported: String) throws {
        let value = try #require(Self.d(exact))
        #expect(Decimal6(rounding: value)?.description == reported)
    }

    @Test func reportingBeyondSixPlacesRangeIsNil() throws {
        #expect(Decimal6(rounding: try #require(Self.d("9223372036854.7758075"))) == nil)
        #expect(Decimal6(rounding: try #require(Self.d("-9223372036855"))) == nil)
    }

    @Test func equalValuesAreEqualWhateverTheirPlaces() throws {
        let a = try #require(Self.d("2.5")), b = try #require(Self.d("2.50000"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(try #require(Self.d("2.49999999999999999999")) < a)
        #expect(try #require(Self.d("-1")) < ExactDecimal.zero)
        // Comparing across scales where widening one side overflows.
        #expect(try #require(Self.d("99999999999999999999999999999999999999")) > #require(Self.d("0.5")))
        #expect(try #require(Self.d("-99999999999999999999999999999999999999")) < #require(Self.d("0.5")))
    }

    @Test func sumsWithoutDrift() throws {
        var total = ExactDecimal.zero
        let step = try #require(Self.d("0.0000005"))
        for _ in 0..<1000 { total = try #require(total.adding(step)) }
        #expect(total.description == "0.0005")
    }
}

extension ExactDecimalTests {
    @Test func powersOfTenAreExactToTheLast() {
        var expected: Int128 = 1
        for n in 0...38 {
            #expect(ExactDecimal.powerOfTen(n) == expected, "10^\(n)")
            if n < 38 { expected *= 10 }
        }
    }
}
