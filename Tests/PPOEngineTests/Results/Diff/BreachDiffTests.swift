import Testing
@testable import PPOEngine

/// `ppo diff --checklist` (docs/workbench.md): the same cases checked under two versions of a
/// checklist whose MG6 limit is cut from 10 days to 5, duty by duty.
@Suite struct BreachDiffTests {
    static func checklist(days: Int) -> String {
        """
        checklist "Premium"
          for all
          events charged, mg6_sent
          limit mg6_deadline = \(days) days
          rule "MG6 sent"
            owner police
            require mg6_sent within mg6_deadline after charged
          end
        end
        """
    }

    /// One offender a line, each with one case: charged on `charged`, the MG6 sent on `sent` (if any).
    static let data = [("A", "2026-03-01", "2026-03-08"), ("B", "2026-03-12", nil), ("C", "2026-03-16", nil),
                       ("D", "2026-03-01", "2026-03-03")].map { id, charged, sent -> String in
        var events = [#"{"id": "\#(id)-1", "type": "charged", "date": "\#(charged)"}"#]
        if let sent { events.append(#"{"id": "\#(id)-2", "type": "mg6_sent", "date": "\#(sent)"}"#) }
        return #"{"id": "\#(id)", "name": "Name \#(id)", "cases": [{"id": "\#(id)-case", "events": [\#(events.joined(separator: ", "))]}]}"#
    }.joined(separator: "\n") + "\n"

    static func report(days: Int) throws -> BreachReport {
        let rules = Fixture.rules(checklist(days: days))
        try #require(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        let offenders = try Fixture.offenders(data, rules: rules)
        let asOf = try #require(Day(iso: "2026-03-20"))
        return try #require(rules.breaches(checklist: "Premium", offenders: offenders, asOf: asOf, dataPath: "d.jsonl",
                                           dataDigest: "d", rejected: []))
    }

    @Test func aShorterLimitTurnsDutiesIntoBreaches() throws {
        let diff = BreachDiff(old: try Self.report(days: 10), new: try Self.report(days: 5))
        #expect(diff.compared == 4)
        // A: the MG6 came 7 days after charge: met within 10, 2 days late against 5 (due 6 March).
        // B: charged 12 March, nothing sent: pending (due 22 March) → breached (due 17 March, 3 days overdue).
        // C: still pending, due 26 → 21 March; D: met under both, due 11 → 6 March.
        let rows = diff.changes.map { change in
            "\(change.offender) \(change.old?.status.rawValue ?? "-") \(change.old?.due?.description ?? "-") → "
                + "\(change.new?.status.rawValue ?? "-") \(change.new?.due?.description ?? "-") \(change.new?.daysLate ?? -1)"
        }
        #expect(rows == ["A met 2026-03-11 → breached 2026-03-06 2", "B pending 2026-03-22 → breached 2026-03-17 3"])
        #expect(diff.offenders.map(\.id) == ["A", "B"])
        #expect(diff.dueDatesMoved == 2)
        #expect(diff.transitions.map { "\($0.from)→\($0.to) \($0.count)" } == ["met→breached 1", "pending→breached 1"])
        let police = try #require(diff.owners.first)
        #expect(police.owner == "police")
        #expect([police.old?.met, police.old?.pending, police.old?.breached] == [2, 2, 0])
        #expect([police.new?.met, police.new?.pending, police.new?.breached] == [1, 1, 2])

        let table = BreachDiffRenderer(diff: diff).table()
        #expect(table.contains("2 duties change status for 2 offenders; 2 due dates move without a change of status."))
        #expect(table.contains("  police  2 → 1  2 → 1    0 → 2     100.0% → 33.3%"), "\(table)")
        #expect(table.contains("        pending, due 2026-03-22, 2 days left → breached, due 2026-03-17, 3 days late"), "\(table)")
        let csv = BreachDiffRenderer(diff: diff).csv()
        #expect(csv.contains("\"B\",\"Name B\",\"B-case\",\"MG6 sent\",\"police\",\"B-1\",\"pending\",\"2026-03-22\",,\"breached\",\"2026-03-17\",\"3\"")
                || csv.contains("B,Name B,B-case,MG6 sent,police,B-1,pending,2026-03-22,,breached,2026-03-17,3"), "\(csv)")
    }

    @Test func aRuleOnlyOneVersionHasGivesNoResultOnTheOtherSide() throws {
        let extra = """
        checklist "Premium"
          for all
          events charged, mg6_sent
          rule "MG6 sent"
            owner police
            require mg6_sent within 10 days after charged
          end
          rule "Sent at all"
            owner cps
            require mg6_sent before charged
          end
        end
        """
        let rules = Fixture.rules(extra)
        try #require(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        let asOf = try #require(Day(iso: "2026-03-20"))
        let new = try #require(rules.breaches(checklist: "Premium", offenders: try Fixture.offenders(Self.data, rules: rules),
                                              asOf: asOf, dataPath: "d.jsonl", dataDigest: "d", rejected: []))
        let diff = BreachDiff(old: try Self.report(days: 10), new: new)
        // Every charge has its MG6 after it, never before: four new breaches, and a new owner.
        #expect(diff.changes.filter { $0.old == nil && $0.new?.status == .breached }.count == 4)
        #expect(diff.owners.map(\.owner) == ["police", "cps"])
        #expect(diff.owners.last?.old == nil)
        #expect(diff.transitions.first.map { "\($0.from)→\($0.to) \($0.count)" } == "no result→breached 4")
    }
}
