import Testing
@testable import PPOEngine

/// The pieces the specialised factor code relies on, where the general path would never notice a
/// difference on the generated data: repeated ids, strings equal by canonical equivalence only,
/// a remembered window start when `as_of` changes, and whole-number products.
@Suite struct FastPathTests {
    static func matrix(_ clauses: String) -> String {
        """
        matrix "M"
          offences "Crime categories"
            burglary_dwelling 4
          end
        \(clauses)
        end
        """
    }

    /// Evidence names each record behind the points once, whichever path selected it: a record
    /// reached twice is listed once, and two records that share an id are both listed, as the
    /// offence line lists them.
    @Test func evidenceListsEachRecordOnce() throws {
        let text = Self.matrix("""
          factor "Serial" = count(offences)
          factor "Elderly" = 5 when any(offences where "elderly_victim" in aggravating)
          factor "Recent" = count(arrests within 12 months)
          factor "Twice" = count(offences) + count(offences where "elderly_victim" in aggravating)
        """)
        let record = #"{"id":"A","offences":[{"id":"o1","category":"assault","date":"2026-01-01","aggravating":["elderly_victim"]},{"id":"o1","category":"assault","date":"2026-02-01","aggravating":["elderly_victim"]},{"id":"o2","category":"assault","date":"2026-03-01"}],"arrests":[{"id":"a1","date":"2026-05-01"},{"id":"a1","date":"2026-06-01"}]}"#
        let outcome = try #require(Fixture.score(text, record + "\n")["A"])
        #expect(outcome.line("assault")?.evidence == ["o1", "o1", "o2"])
        #expect(outcome.line("Serial")?.points.description == "3")
        #expect(outcome.line("Serial")?.evidence == ["o1", "o1", "o2"])
        #expect(outcome.line("Elderly")?.evidence == ["o1", "o1"])
        #expect(outcome.line("Recent")?.points.description == "2")
        #expect(outcome.line("Recent")?.evidence == ["a1", "a1"])
        #expect(outcome.line("Twice")?.points.description == "5")
        #expect(outcome.line("Twice")?.evidence == ["o1", "o1", "o2"])
    }

    /// `age op N` decided by the day the offender turns N agrees with whole years worked out from
    /// the calendar, for every date of birth around each birthday that matters, leap days and
    /// `as_of` on 28 and 29 February included; no date of birth, or one after `as_of`, never passes.
    @Test(arguments: [0, 1, 4, 10, 18, 100])
    func ageTestsAgreeWithWholeYears(n: Int) throws {
        let ops: [BinaryOperator] = [.greaterOrEqual, .greater, .less, .lessOrEqual, .equal, .notEqual]
        let asOfs = ["2024-02-28", "2024-02-29", "2024-03-01", "2023-02-28", "2023-03-01", "2026-11-22", "2026-01-01"]
        var checked = 0, disagreements: [String] = []
        for op in ops {
            let constant = ExactDecimal(n)
            let test = try #require(ExpressionPlanner.ageTest(op, .number(constant)))
            for text in asOfs {
                let asOf = try #require(Day(iso: text))
                // From two days after `as_of` back to a year and a week before the N+1th birthday.
                let latest = asOf.adding(days: 2), earliest = asOf.adding(months: -12 * (n + 2)).adding(days: -7)
                var births: [Day?] = [nil]
                var day = earliest
                while day <= latest { births.append(day); day = day.adding(days: 1) }
                for dob in births {
                    var offender = Offender(id: "A", line: 1)
                    offender.dob = dob
                    let expected = FieldReader.age(dob: dob, asOf).map { age in
                        switch op {
                        case .greaterOrEqual: return age >= n
                        case .greater: return age > n
                        case .less: return age < n
                        case .lessOrEqual: return age <= n
                        case .equal: return age == n
                        default: return age != n
                        }
                    } ?? false
                    let got = OffenderAddress.with(offender) { test($0, .offender, asOf) }
                    checked += 1
                    if got != expected { disagreements.append("age \(op.rawValue) \(n), dob \(dob.map(\.description) ?? "none"), as_of \(text)") }
                }
            }
        }
        #expect(checked > 6 * 7 * 700)
        #expect(disagreements.prefix(5) == [])
    }

    @Test func ageTestsTakeOnlyWholeAges() throws {
        #expect(ExpressionPlanner.ageTest(.greaterOrEqual, .number(try #require(ExactDecimal(parsing: "10.5")))) == nil)
        #expect(ExpressionPlanner.ageTest(.greaterOrEqual, .number(ExactDecimal(-1))) == nil)
        #expect(ExpressionPlanner.ageTest(.greaterOrEqual, .number(ExactDecimal(201))) == nil)
        #expect(ExpressionPlanner.ageTest(.plus, .number(ExactDecimal(10))) == nil)
    }

    /// A rule's string constant equals data by its exact UTF-8 bytes: the Kelvin sign is not "K",
    /// and a precomposed é is not e with a combining acute (Swift's `==` would say they are).
    @Test(arguments: [
        ("K", "\u{212A}", false), (";", "\u{037E}", false), ("`", "\u{1FEF}", false),
        ("\u{E9}", "e\u{301}", false), ("\u{E9}", "\u{E9}", true), ("oasys", "oasys", true), ("oasys", "ogrs", false),
        ("cdrp_priority", "crime_dependent", false), ("", "", true), ("a", "", false), ("Q-1\u{0}", "Q-1", false),
    ])
    func stringConstantsCompareByBytes(constant: String, other: String, equal: Bool) {
        #expect(StringConstant(constant).equals(other) == equal)
        #expect(StringConstant(other).equals(constant) == equal)
        #expect(StringConstant(constant).isIn(["x", other]) == equal)
    }

    /// Swift's `==` is byte equality only against ASCII text without K, ; and `, so only such
    /// constants may use it.
    @Test func onlyPlainTextUsesSwiftsEquality() {
        #expect(StringConstant("elderly_victim").plain)
        #expect(!StringConstant("Kelvin").plain)
        #expect(!StringConstant("a;b").plain)
        #expect(!StringConstant("a`b").plain)
        #expect(!StringConstant("caf\u{E9}").plain)
    }

    /// The window start is remembered for one `as_of`, and worked out again for another.
    @Test func windowStartFollowsAsOf() throws {
        let window = WindowStart(PPODuration(count: 1, unit: .month))
        for (asOf, start) in [("2026-03-31", "2026-02-28"), ("2024-03-31", "2024-02-29"), ("2026-03-31", "2026-02-28"),
                              ("2026-11-22", "2026-10-22")] {
            let day = try #require(Day(iso: asOf))
            #expect(window.start(asOf: day).description == start)
        }
    }

}
