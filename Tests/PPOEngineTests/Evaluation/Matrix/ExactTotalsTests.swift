import Testing
@testable import PPOEngine

/// Totals are the exact value of the matrix's arithmetic, rounded once at the end to six places
/// half to even (SPEC §5.2); overflow is reported, never wrapped or trapped.
@Suite struct ExactTotalsTests {
    static func offences(_ n: Int, category: String, evidence: String) -> String {
        let list = (0..<n).map { #"{"id":"O\#($0)","category":"\#(category)","date":"2026-01-01","evidence":"\#(evidence)"}"# }
        return #"{"id":"A","offences":[\#(list.joined(separator: ","))]}"# + "\n"
    }

    @Test func tinyProductsAreNotRoundedAwayBeforeTheyAreSummed() throws {
        let matrix = """
        matrix "E"
          evidence suspected 0.5
          offences
            shoplifting 0.000001
          end
        end
        """
        let outcome = try Fixture.score(matrix, Self.offences(1000, category: "shoplifting", evidence: "suspected"))
        #expect(outcome["A"]?.total == "0.0005")
        #expect(outcome["A"]?.line("shoplifting")?.points.description == "0.0005")
    }

    @Test func theMainWeightMultipliesTheExactSum() throws {
        let matrix = """
        matrix "E"
          evidence suspected 0.333333
          offences
            shoplifting 0.333333
          end
          weighting "W" on main category
            shoplifting 0.5
          end
        end
        """
        // (1000 × 0.333333 × 0.333333) × 0.5 = 55.5554444445, reported as 55.555444 (not 55.5555).
        let outcome = try Fixture.score(matrix, Self.offences(1000, category: "shoplifting", evidence: "suspected"))
        #expect(outcome["A"]?.total == "55.555444")
        #expect(outcome["A"]?.line("shoplifting")?.points.description == "111.110889")
    }

    @Test func aLineIsRoundedForShowButTheTotalFromTheExactLines() throws {
        let matrix = """
        matrix "E"
          offences
            shoplifting 0.0000005
            assault 0.0000005
            twoc 0.0000005
          end
        end
        """
        let record = #"{"id":"A","offences":[{"id":"O1","category":"shoplifting","date":"2026-01-01","evidence":"convicted"},"#
            + #"{"id":"O2","category":"assault","date":"2026-01-01","evidence":"convicted"},"#
            + #"{"id":"O3","category":"twoc","date":"2026-01-01","evidence":"convicted"}]}"# + "\n"
        let outcome = try Fixture.score(matrix, record)
        // Each line is 0.0000005, shown as 0 (half to even); the total 0.0000015 is shown as 0.000002.
        #expect(outcome["A"]?.scored?.lines.map(\.points.description) == ["0", "0", "0"])
        #expect(outcome["A"]?.total == "0.000002")
    }

    @Test(arguments: [
        ("9000000000000 * 9000000000000 * 9000000000000 * 9000000000000",
         "not scored: the points of 'Big' go beyond the range of exact arithmetic"),
        ("9000000000000 * count(offences)",
         "not scored: the points of 'Big' go beyond the range of exact arithmetic"),
        ("9000000000000 + 0 * count(offences)",
         nil),
    ] as [(String, String?)])
    func overflowIsReportedNotWrapped(expression: String, reason: String?) throws {
        let matrix = """
        matrix "E"
          offences
            shoplifting 4
          end
          factor "Big" = \(expression)
        end
        """
        let outcomes = try Fixture.score(matrix, Self.offences(2, category: "shoplifting", evidence: "convicted"))
        let outcome = try #require(outcomes["A"])
        if let reason {
            guard case .ineligible(let listed) = outcome else {
                Issue.record("expected A to be listed as not scored, got \(outcome)")
                return
            }
            #expect(listed.reason == reason)
        } else {
            #expect(outcome.total == "9000000000008")
        }
    }

    @Test func aTotalBeyondWhatAScoreCanShowIsReported() throws {
        let matrix = """
        matrix "E"
          offences
            shoplifting 9000000000000
          end
        end
        """
        let outcomes = try Fixture.score(matrix, Self.offences(2, category: "shoplifting", evidence: "convicted"))
        guard case .ineligible(let listed)? = outcomes["A"] else {
            Issue.record("expected A to be listed as not scored")
            return
        }
        #expect(listed.reason == "not scored: the points of 'shoplifting' go beyond the range of exact arithmetic")
    }

    // MARK: The property: random matrices against exact rational arithmetic

    /// An exact fraction, for the reference computation.
    struct Fraction: Equatable {
        var num: Int128, den: Int128

        init(_ num: Int128, _ den: Int128 = 1) {
            let g = Self.gcd(num < 0 ? -num : num, den)
            self.num = g == 0 ? 0 : num / g
            self.den = g == 0 ? 1 : den / g
        }
        static func gcd(_ a: Int128, _ b: Int128) -> Int128 { b == 0 ? a : gcd(b, a % b) }
        static func + (a: Fraction, b: Fraction) -> Fraction { Fraction(a.num * b.den + b.num * a.den, a.den * b.den) }
        static func * (a: Fraction, b: Fraction) -> Fraction { Fraction(a.num * b.num, a.den * b.den) }
        static func < (a: Fraction, b: Fraction) -> Bool { a.num * b.den < b.num * a.den }
        var isPositive: Bool { num > 0 }

        /// Rounded half to even to six places, as the text a score is shown as.
        var reported: String {
            let scaled = num * 1_000_000
            var q = scaled / den
            let r = scaled % den
            if r != 0 {
                let twice = (r < 0 ? -r : r) * 2
                if twice > den || (twice == den && q % 2 != 0) { q += scaled < 0 ? -1 : 1 }
            }
            return Decimal6(raw: Int64(q)).description
        }
    }

    /// A random decimal with up to six places, as text and as a fraction.
    static func decimal(_ rng: inout SplitMix64, max whole: UInt64) -> (text: String, value: Fraction) {
        let places = Int(rng.next() % 7)
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let units = Int128(rng.next() % (whole * UInt64(scale) + 1))
        let value = Fraction(units, scale)
        let text = ExactDecimal(significand: units, scale: UInt8(places)).description
        return (text, value)
    }

    @Test(arguments: Array(UInt64(1)...40))
    func totalsEqualExactRationalArithmeticRoundedOnce(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let levels = ["convicted", "admitted", "suspected"]
        let evidence = levels.map { _ in Self.decimal(&rng, max: 2) }
        // Matrix rows: category, points, series points (or none); weighting rows by group or category.
        let rows: [(category: String, points: (text: String, value: Fraction), series: (text: String, value: Fraction)?)] = [
            ("burglary_dwelling", Self.decimal(&rng, max: 20), Self.decimal(&rng, max: 30)),
            ("twoc", Self.decimal(&rng, max: 20), nil),
            ("shoplifting", Self.decimal(&rng, max: 20), Self.decimal(&rng, max: 20)),
            ("assault", Self.decimal(&rng, max: 20), nil),
        ]
        let weights: [(row: String, covers: [String], weight: (text: String, value: Fraction))] = [
            ("burglary", ["burglary_dwelling", "burglary_other"], Self.decimal(&rng, max: 10)),
            ("auto_crime", ["theft_of_vehicle", "theft_from_vehicle", "twoc"], Self.decimal(&rng, max: 10)),
            ("shoplifting", ["shoplifting"], Self.decimal(&rng, max: 10)),
        ]
        let main = rng.next() % 2 == 0
        let perArrest = Self.decimal(&rng, max: 5)
        let thirds = rng.next() % 2 == 0

        var text = "matrix \"P\"\n  evidence "
        text += zip(levels, evidence).map { "\($0) \($1.text)" }.joined(separator: ", ") + "\n  offences\n"
        for row in rows {
            text += "    \(row.category) \(row.points.text)" + (row.series.map { " series \($0.text)" } ?? "") + "\n"
        }
        text += "  end\n  factor \"Arrests\" = \(perArrest.text) * count(arrests)\n"
        text += "  factor \"Share\" = count(offences) / \(thirds ? 3 : 4)\n"
        text += "  weighting \"W\" on \(main ? "main" : "each") category\n"
        for w in weights { text += "    \(w.row) \(w.weight.text)\n" }
        text += "  end\nend\n"

        let categories = ["burglary_dwelling", "burglary_other", "twoc", "shoplifting", "assault"]
        var records = ""
        var expected: [String: String] = [:]
        for n in 0..<25 {
            let count = Int(rng.next() % 40)
            var subtotal: [String: Fraction] = [:]
            var offences: [String] = []
            for i in 0..<count {
                let category = categories[Int(rng.next() % UInt64(categories.count))]
                let level = Int(rng.next() % 3)
                let series = rng.next() % 3 == 0
                offences.append(#"{"id":"O\#(i)","category":"\#(category)","date":"2026-01-0\#(1 + i % 9)","#
                                + #""evidence":"\#(levels[level])","series":\#(series)}"#)
                guard let row = rows.first(where: { $0.category == category }) else { continue }
                let points = series ? (row.series ?? row.points) : row.points
                subtotal[category, default: Fraction(0)] = subtotal[category, default: Fraction(0)] + points.value * evidence[level].value
            }
            let arrests = Int(rng.next() % 6)
            let arrestList = (0..<arrests).map { #"{"id":"R\#($0)","date":"2026-02-01"}"# }
            records += #"{"id":"N\#(n)","offences":[\#(offences.joined(separator: ","))],"arrests":[\#(arrestList.joined(separator: ","))]}"# + "\n"

            let factors = perArrest.value * Fraction(Int128(arrests)) + Fraction(Int128(count), thirds ? 3 : 4)
            var total: Fraction
            if main {
                var lines = Fraction(0)
                for row in rows { lines = lines + (subtotal[row.category] ?? Fraction(0)) }
                // The main row: the largest positive subtotal, ties to the larger weight, then the earlier row.
                var best: (subtotal: Fraction, weight: Fraction)? = nil
                for w in weights {
                    var s = Fraction(0)
                    for c in w.covers { s = s + (subtotal[c] ?? Fraction(0)) }
                    guard s.isPositive else { continue }
                    if let b = best, s < b.subtotal || (s == b.subtotal && !(b.weight < w.weight.value)) { continue }
                    best = (s, w.weight.value)
                }
                total = (lines + factors) * (best?.weight ?? Fraction(1))
            } else {
                total = factors
                for row in rows {
                    let weight = weights.first { $0.covers.contains(row.category) }?.weight.value ?? Fraction(1)
                    total = total + (subtotal[row.category] ?? Fraction(0)) * weight
                }
            }
            expected["N\(n)"] = total.reported
        }

        let outcomes = try Fixture.score(text, records)
        for (id, want) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(outcomes[id]?.total == want, "seed \(seed), \(id):\n\(text)")
        }
    }
}
