import Testing
@testable import PPOEngine

/// Table-driven cases for SPEC §5.2: one row per behaviour, scored at 2026-11-22.
@Suite struct MatrixSemanticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let note: String
        let clauses: String
        let record: String
        let total: String
        var testDescription: String { note }
    }

    static func matrix(_ clauses: String) -> String {
        """
        matrix "T"
          window 3 years
          evidence convicted 1, admitted 1, suspected 0.5
          offences "Crime categories"
            burglary_dwelling 4 series 5
            shoplifting 2
            assault 3
          end
        \(clauses)
        end
        """
    }

    static let cases: [Case] = [
        Case(note: "one convicted offence scores its row", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"shoplifting","date":"2026-01-01","evidence":"convicted"}]}"#,
             total: "2"),
        Case(note: "series points replace the row's points", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"burglary_dwelling","date":"2026-01-01","evidence":"convicted","series":true}]}"#,
             total: "5"),
        Case(note: "series on a row without series points scores the plain points", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"shoplifting","date":"2026-01-01","evidence":"admitted","series":true}]}"#,
             total: "2"),
        Case(note: "suspected offences are weighted 0.5", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"assault","date":"2026-01-01","evidence":"suspected"}]}"#,
             total: "1.5"),
        Case(note: "an offence older than the window is invisible", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"assault","date":"2023-11-21","evidence":"convicted"},{"id":"o2","category":"assault","date":"2023-11-22","evidence":"convicted"}]}"#,
             total: "3"),
        Case(note: "an offence after as_of does not exist", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"assault","date":"2026-11-23","evidence":"convicted"},{"id":"o2","category":"assault","date":"2026-11-22","evidence":"convicted"}]}"#,
             total: "3"),
        Case(note: "a category without a row scores 0", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"robbery","date":"2026-01-01","evidence":"convicted"}]}"#,
             total: "0"),
        Case(note: "an offence with no evidence level scores 0", clauses: "",
             record: #"{"id":"A","offences":[{"id":"o1","category":"assault","date":"2026-01-01"}]}"#,
             total: "0"),
        Case(note: "N when P scores N when true", clauses: #"factor "Crime dependant" = 5 when "crime_dependent" in flags"#,
             record: #"{"id":"A","flags":["crime_dependent"]}"#, total: "5"),
        Case(note: "N when P scores 0 when false", clauses: #"factor "Crime dependant" = 5 when "crime_dependent" in flags"#,
             record: #"{"id":"A","flags":["employed"]}"#, total: "0"),
        Case(note: "an expression factor", clauses: #"factor "Arrests" = 3 * count(arrests within 12 months)"#,
             record: #"{"id":"A","arrests":[{"id":"a1","date":"2025-11-22"},{"id":"a2","date":"2025-11-21"},{"id":"a3","date":"2026-06-01"}]}"#,
             total: "6"),
        Case(note: "band: first arm that holds", clauses: """
             factor "Serial" = band count(offences)
               >= 7 -> 5
               >= 2 -> 3
             end
             """,
             record: #"{"id":"A","offences":[{"id":"o1","category":"robbery","date":"2026-01-01","evidence":"convicted"},{"id":"o2","category":"robbery","date":"2026-02-01","evidence":"convicted"}]}"#,
             total: "3"),
        Case(note: "band: no arm holds scores 0", clauses: """
             factor "Serial" = band count(offences)
               >= 7 -> 5
               >= 2 -> 3
             end
             """,
             record: #"{"id":"A"}"#, total: "0"),
        Case(note: "band: else catches the rest", clauses: """
             factor "Intel" = band days_since(latest(intelligence).date)
               <= 28 -> 5
               <= 56 -> 3
               else -> 1
               missing -> 0
             end
             """,
             record: #"{"id":"A","intelligence":[{"id":"i1","date":"2026-08-01","source":1,"assessment":"A"}]}"#, total: "1"),
        Case(note: "band: 28 days is inside the first arm", clauses: """
             factor "Intel" = band days_since(latest(intelligence).date)
               <= 28 -> 5
               <= 56 -> 3
               else -> 1
             end
             """,
             record: #"{"id":"A","intelligence":[{"id":"i1","date":"2026-10-25","source":2,"assessment":"B"}]}"#, total: "5"),
        Case(note: "band: missing arm applies when there is no value", clauses: """
             factor "Intel" = band days_since(latest(intelligence).date)
               <= 28 -> 5
               else -> 1
               missing -> 2
             end
             """,
             record: #"{"id":"A"}"#, total: "2"),
        Case(note: "ungraded intelligence is never visible", clauses: """
             factor "Intel" = band days_since(latest(intelligence).date)
               <= 28 -> 5
               else -> 1
             end
             """,
             record: #"{"id":"A","intelligence":[{"id":"i1","date":"2026-11-20","source":1}]}"#, total: "0"),
        Case(note: "intelligence counts when filters graded items", clauses: """
             intelligence counts when source in [1, 2] and assessment in [A, B, C]
             factor "Intel" = band days_since(latest(intelligence).date)
               <= 28 -> 5
               else -> 1
             end
             """,
             record: #"{"id":"A","intelligence":[{"id":"i1","date":"2026-11-20","source":3,"assessment":"A"},{"id":"i2","date":"2026-01-20","source":1,"assessment":"C"}]}"#,
             total: "1"),
        Case(note: "match on an enumeration", clauses: """
             factor "Impact" = match impact
               serious -> 5
               moderate -> 3
               slight -> 1
             end
             """,
             record: #"{"id":"A","impact":"moderate"}"#, total: "3"),
        Case(note: "match with a missing value scores 0", clauses: """
             factor "Impact" = match impact
               serious -> 5
             end
             """,
             record: #"{"id":"A"}"#, total: "0"),
        Case(note: "arithmetic with missing is missing and scores 0", clauses: #"factor "Age points" = age - 20"#,
             record: #"{"id":"A"}"#, total: "0"),
        Case(note: "if then else", clauses: #"factor "Young" = if age < 25 then 2 else 0"#,
             record: #"{"id":"A","dob":"2002-11-23"}"#, total: "2"),
        Case(note: "whole years of age: the day before the birthday", clauses: #"factor "Age" = age"#,
             record: #"{"id":"A","dob":"2000-11-23"}"#, total: "25"),
        Case(note: "group membership in a where", clauses: #"factor "Burglary" = 2 * count(offences where category = burglary)"#,
             record: #"{"id":"A","offences":[{"id":"o1","category":"burglary_other","date":"2026-01-01","evidence":"convicted"},{"id":"o2","category":"assault","date":"2026-01-01","evidence":"convicted"}]}"#,
             total: "5"),
        Case(note: "offender.x inside where reaches the offender", clauses: #"factor "Local" = count(offences where area = offender.area)"#,
             record: #"{"id":"A","area":"Northtown","offences":[{"id":"o1","category":"robbery","date":"2026-01-01","evidence":"convicted","area":"Northtown"},{"id":"o2","category":"robbery","date":"2026-01-01","evidence":"convicted","area":"Southvale"}]}"#,
             total: "1"),
        Case(note: "sum, max and min", clauses: #"factor "Scores" = sum(assessments, score) + max(assessments, score) - min(assessments, score)"#,
             record: #"{"id":"A","assessments":[{"id":"s1","tool":"oasys","date":"2026-01-01","score":40},{"id":"s2","tool":"ogrs","date":"2026-02-01","score":75.5}]}"#,
             total: "151"),
        Case(note: "in this month", clauses: #"factor "This month" = count(arrests where date in this month)"#,
             record: #"{"id":"A","arrests":[{"id":"a1","date":"2026-11-01"},{"id":"a2","date":"2026-10-31"},{"id":"a3","date":"2026-11-22"}]}"#,
             total: "2"),
        Case(note: "within next for scheduled dates", clauses: #"factor "Court soon" = 1 when any(court where date within next 7 days)"#,
             record: #"{"id":"A","court":[{"id":"c1","date":"2026-11-29"}]}"#, total: "1"),
        Case(note: "missing and present", clauses: #"factor "No dob" = 4 when dob missing"#,
             record: #"{"id":"A"}"#, total: "4"),
        Case(note: "exact decimals: ten tenths make one", clauses: #"factor "Tenths" = 0.1 * count(arrests)"#,
             record: #"{"id":"A","arrests":[{"id":"a1","date":"2026-01-01"},{"id":"a2","date":"2026-01-02"},{"id":"a3","date":"2026-01-03"},{"id":"a4","date":"2026-01-04"},{"id":"a5","date":"2026-01-05"},{"id":"a6","date":"2026-01-06"},{"id":"a7","date":"2026-01-07"},{"id":"a8","date":"2026-01-08"},{"id":"a9","date":"2026-01-09"},{"id":"a10","date":"2026-01-10"}]}"#,
             total: "1"),
        Case(note: "division by zero is missing", clauses: #"factor "Ratio" = 10 / count(arrests)"#,
             record: #"{"id":"A"}"#, total: "0"),
    ]

    @Test(arguments: cases)
    func scores(_ c: Case) throws {
        let outcomes = try Fixture.score(Self.matrix(c.clauses), c.record + "\n")
        #expect(outcomes["A"]?.total == c.total, "\(c.note)")
    }

    @Test func linesCarryTheirEvidence() throws {
        let text = Self.matrix("""
          factor "Arrests" = 3 * count(arrests within 12 months)
          factor "Intel" = band days_since(latest(intelligence).date)
            <= 28 -> 5
            else -> 1
          end
          factor "MDT" = 5 when any(drug_tests where result = positive)
        """)
        let record = #"{"id":"A","offences":[{"id":"o1","category":"burglary_dwelling","date":"2026-01-01","evidence":"convicted"},{"id":"o2","category":"burglary_dwelling","date":"2026-02-01","evidence":"suspected","series":true},{"id":"o3","category":"robbery","date":"2026-03-01","evidence":"convicted"}],"arrests":[{"id":"a1","date":"2026-01-01"},{"id":"a2","date":"2020-01-01"}],"intelligence":[{"id":"i1","date":"2026-11-01","source":1,"assessment":"B"},{"id":"i2","date":"2026-11-10","source":2,"assessment":"A"},{"id":"i3","date":"2026-11-21"}],"drug_tests":[{"id":"d1","date":"2026-05-01","result":"negative"},{"id":"d2","date":"2026-06-01","result":"positive"}]}"#
        let outcome = try #require(Fixture.score(text, record + "\n")["A"])
        let burglary = try #require(outcome.line("burglary_dwelling"))
        #expect(burglary.points.description == "6.5")
        #expect(burglary.evidence == ["o1", "o2"])
        #expect(burglary.detail == "1 × 4 + 1 × 5 (series) × 0.5 (suspected)")
        let unscored = try #require(outcome.scored?.lines.first { $0.section == .unscored })
        #expect(unscored.label == "robbery")
        #expect(unscored.evidence == ["o3"])
        #expect(outcome.line("Arrests")?.evidence == ["a1"])
        #expect(outcome.line("Intel")?.evidence == ["i2"])
        #expect(outcome.line("MDT")?.evidence == ["d2"])
        #expect(outcome.total == "19.5")
    }

    /// `within 1 month` of 31 March starts on 28 February: calendar arithmetic clamps the day.
    @Test(arguments: [("2026-03-31", "2026-02-28", true), ("2026-03-31", "2026-02-27", false),
                      ("2024-03-31", "2024-02-29", true), ("2024-03-31", "2024-02-28", false)])
    func monthArithmeticClampsTheDay(asOf: String, arrest: String, counted: Bool) throws {
        let text = Self.matrix(#"factor "Recent" = count(arrests within 1 month)"#)
        let record = #"{"id":"A","arrests":[{"id":"a1","date":"\#(arrest)"}]}"# + "\n"
        let outcome = try #require(Fixture.score(text, record, asOf: asOf)["A"])
        #expect(outcome.total == (counted ? "1" : "0"))
    }

    /// The matrix window is calendar years: three years before 29 February 2024 is 28 February 2021.
    @Test func windowStartClampsTheDay() throws {
        let record = #"{"id":"A","offences":[{"id":"o1","category":"assault","date":"2021-02-28","evidence":"convicted"},{"id":"o2","category":"assault","date":"2021-02-27","evidence":"convicted"}]}"# + "\n"
        let outcome = try #require(Fixture.score(Self.matrix(""), record, asOf: "2024-02-29")["A"])
        #expect(outcome.total == "3")
        #expect(outcome.line("assault")?.evidence == ["o1"])
    }

    @Test func missingFactorSaysNoData() throws {
        let text = Self.matrix(#"factor "Age points" = age - 20"#)
        let outcome = try #require(Fixture.score(text, #"{"id":"A"}"# + "\n")["A"])
        #expect(outcome.line("Age points")?.detail == "no data")
        #expect(outcome.line("Age points")?.points == .zero)
    }

    @Test func eligibility() throws {
        let text = Self.matrix("eligible when age >= 10")
        let outcomes = try Fixture.score(text, """
        {"id":"YOUNG","dob":"2017-01-01"}
        {"id":"NODOB"}
        {"id":"OK","dob":"2000-01-01"}

        """)
        guard case .ineligible(let young)? = outcomes["YOUNG"], case .ineligible(let nodob)? = outcomes["NODOB"] else {
            Issue.record("expected both to be ineligible"); return
        }
        #expect(young.reason == "not eligible: age >= 10 (age 9 at 2026-11-22)")
        #expect(nodob.reason == "not eligible: age >= 10 (no date of birth, so age is unknown)")
        #expect(outcomes["OK"]?.scored != nil)
    }

    @Test func tiers() throws {
        let text = Self.matrix("""
          factor "Arrests" = count(arrests)
          tiers
            "High" >= 3
            "Medium" >= 2
            "Low" otherwise
          end
        """)
        let outcomes = try Fixture.score(text, """
        {"id":"H","arrests":[{"id":"a","date":"2026-01-01"},{"id":"b","date":"2026-01-01"},{"id":"c","date":"2026-01-01"}]}
        {"id":"M","arrests":[{"id":"a","date":"2026-01-01"},{"id":"b","date":"2026-01-01"}]}
        {"id":"L"}

        """)
        #expect(outcomes["H"]?.scored?.tier == "High")
        #expect(outcomes["M"]?.scored?.tier == "Medium")
        #expect(outcomes["L"]?.scored?.tier == "Low")
    }
}
