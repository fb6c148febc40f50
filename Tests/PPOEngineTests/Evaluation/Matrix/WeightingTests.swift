import Foundation
import Testing
@testable import PPOEngine

/// Both weightings of SPEC §5.2 step 2 and their tie rules.
@Suite struct WeightingTests {
    static func matrix(_ mode: String, _ rows: String) -> String {
        """
        matrix "W"
          offences
            burglary_dwelling 4
            burglary_other 3
            theft_of_vehicle 3
            twoc 3
            shoplifting 2
            assault 3
          end
          factor "Flag" = 10 when "cdrp_priority" in flags
          weighting "Priority crime category" on \(mode) category
        \(rows)
          end
        end
        """
    }

    static func offence(_ id: String, _ category: String) -> String {
        #"{"id":"\#(id)","category":"\#(category)","date":"2026-01-01","evidence":"convicted"}"#
    }

    static func record(_ offences: [(String, String)], flagged: Bool = false) -> String {
        let list = offences.map { offence($0.0, $0.1) }.joined(separator: ",")
        return #"{"id":"A","flags":[\#(flagged ? "\"cdrp_priority\"" : "")],"offences":[\#(list)]}"# + "\n"
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let note: String
        let mode: String
        let rows: String
        let offences: [(String, String)]
        let flagged: Bool
        let total: String
        let mainRow: String?
        var testDescription: String { note }
    }

    static let cases: [Case] = [
        Case(note: "main: the row with the largest subtotal weights the whole total", mode: "main",
             rows: "    burglary_dwelling 6\n    auto_crime 4\n",
             offences: [("o1", "burglary_dwelling"), ("o2", "twoc"), ("o3", "theft_of_vehicle")], flagged: true,
             total: "80", mainRow: "auto_crime"),   // auto 6 > burglary 4; (4 + 6 + 10) × 4
        Case(note: "main: a tie on subtotal goes to the larger weight", mode: "main",
             rows: "    assault 2\n    burglary_other 5\n",
             offences: [("o1", "assault"), ("o2", "burglary_other")], flagged: false,
             total: "30", mainRow: "burglary_other"),  // 3 = 3; weight 5 wins; 6 × 5
        Case(note: "main: a tie on subtotal and weight goes to the earlier row", mode: "main",
             rows: "    assault 5\n    burglary_other 5\n",
             offences: [("o1", "burglary_other"), ("o2", "assault")], flagged: false,
             total: "30", mainRow: "assault"),
        Case(note: "main: no row with a positive subtotal weighs 1", mode: "main",
             rows: "    burglary_dwelling 6\n",
             offences: [("o1", "shoplifting")], flagged: true,
             total: "12", mainRow: nil),
        Case(note: "main: a group row sums its categories", mode: "main",
             rows: "    burglary 5\n    auto_crime 4\n",
             offences: [("o1", "burglary_dwelling"), ("o2", "burglary_other"), ("o3", "twoc"), ("o4", "theft_of_vehicle")], flagged: false,
             total: "65", mainRow: "burglary"),  // burglary 7 > auto 6; 13 × 5
        Case(note: "each: every category subtotal takes its row's weight", mode: "each",
             rows: "    burglary_dwelling 6\n    auto_crime 4\n",
             offences: [("o1", "burglary_dwelling"), ("o2", "twoc"), ("o3", "shoplifting")], flagged: true,
             total: "48", mainRow: nil),   // 4×6 + 3×4 + 2×1 + 10
        Case(note: "each: a category row beats its group's row", mode: "each",
             rows: "    burglary 2\n    burglary_dwelling 6\n",
             offences: [("o1", "burglary_dwelling"), ("o2", "burglary_other")], flagged: false,
             total: "30", mainRow: nil),   // 4×6 + 3×2
    ]

    @Test(arguments: cases)
    func weights(_ c: Case) throws {
        let outcomes = try Fixture.score(Self.matrix(c.mode, c.rows), Self.record(c.offences, flagged: c.flagged))
        let scored = try #require(outcomes["A"]?.scored)
        #expect(scored.score.description == c.total, "\(c.note)")
        #expect(scored.mainWeighting?.row == c.mainRow)
    }

    @Test func totalEqualsItsLinesTimesTheMainWeight() throws {
        let text = Self.matrix("main", "    burglary_dwelling 6\n    auto_crime 4\n")
        let records = (0..<40).map { i -> String in
            let cats = ["burglary_dwelling", "twoc", "shoplifting", "assault", "robbery", "burglary_other"]
            let offences = (0..<(i % 7)).map { j in (("o\(j)"), cats[(i * 3 + j) % cats.count]) }
            return Self.record(offences, flagged: i % 2 == 0).replacingOccurrences(of: #""id":"A""#, with: #""id":"N\#(i)""#)
        }.joined()
        let outcomes = try Fixture.score(text, records)
        #expect(outcomes.count == 40)
        for (_, outcome) in outcomes {
            let scored = try #require(outcome.scored)
            var sum = ExactDecimal.zero
            for line in scored.lines { sum = try #require(sum.adding(ExactDecimal(line.points))) }
            let weight = scored.mainWeighting?.weight ?? .one
            #expect(sum.multiplied(by: weight).flatMap { Decimal6(rounding: $0) } == scored.score)
        }
    }

    @Test func overlappingMainRowsAreALoadError() {
        let rules = Fixture.rules(Self.matrix("main", "    burglary 5\n    burglary_dwelling 6\n"))
        #expect(rules.diagnostics.contains { $0.id == .overlappingWeighting })
    }
}
