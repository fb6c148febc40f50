import Testing
@testable import PPOEngine

/// `ppo diff --alerts` (docs/workbench.md): which alerts start, stop or change when an alerts block
/// changes, on the same records.
@Suite struct AlertDiffTests {
    static func alerts(releaseDays: Int, releaseSeverity: String, offences: Int) -> String {
        """
        alerts "Tasking"
          alert "Release soon"
            severity \(releaseSeverity)
            for all
            when current_custody.release within next \(releaseDays) days
            message "{name}: release on {current_custody.release}"
          end
          alert "Many offences"
            for all
            when count(offences) >= \(offences)
          end
        end
        """
    }

    static let data = """
    {"id": "A", "name": "Ann", "custody": [{"id": "A-c", "establishment": "HMP X", "received": "2026-01-01", "release": "2026-03-10", "released": false}]}
    {"id": "B", "name": "Ben", "custody": [{"id": "B-c", "establishment": "HMP X", "received": "2026-01-01", "release": "2026-03-20", "released": false}]}
    {"id": "C", "name": "Cat", "offences": [{"id": "C-1", "category": "shoplifting", "date": "2026-01-01", "evidence": "convicted"}, {"id": "C-2", "category": "shoplifting", "date": "2026-01-02", "evidence": "convicted"}, {"id": "C-3", "category": "shoplifting", "date": "2026-01-03", "evidence": "convicted"}]}

    """

    static func report(_ text: String) throws -> AlertReport {
        let rules = Fixture.rules(text)
        try #require(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        let asOf = try #require(Day(iso: "2026-03-01"))
        return rules.alerts(blocks: ["Tasking"], offenders: try Fixture.offenders(Self.data, rules: rules), previous: nil,
                            asOf: asOf, dataDigest: "d", previousDigest: nil, rejected: [])
    }

    @Test func alertsStartStopAndChange() throws {
        // Old: releases within 28 days (A on 10 March, B on 20 March), high; four offences or more.
        // New: within 14 days (A only), medium; three offences or more (C). Offenders in the new
        // version's order (medium alerts in declaration order), then those only the old one lists.
        let diff = AlertDiff(old: try Self.report(Self.alerts(releaseDays: 28, releaseSeverity: "high", offences: 4)),
                             new: try Self.report(Self.alerts(releaseDays: 14, releaseSeverity: "medium", offences: 3)))
        #expect(diff.changes.map { "\($0.offender) \($0.kind.rawValue) \($0.alert)" }
                == ["A changes Release soon", "C starts Many offences", "B stops Release soon"])
        #expect([diff.count(.starts), diff.count(.stops), diff.count(.changes)] == [1, 1, 1])
        #expect(diff.counts.map { "\($0.alert) \($0.old)→\($0.new)" } == ["Release soon 2→1", "Many offences 0→1"])
        let table = AlertDiffRenderer(diff: diff).table()
        #expect(table.contains("1 start, 1 stop and 1 change for 3 offenders."), "\(table)")
        #expect(table.contains("        was: high: Ben: release on 2026-03-20"), "\(table)")
        #expect(table.contains("        now: medium: Ann: release on 2026-03-10"), "\(table)")
    }

    @Test func theSameAlertsGiveNoChange() throws {
        let text = Self.alerts(releaseDays: 28, releaseSeverity: "high", offences: 4)
        let diff = AlertDiff(old: try Self.report(text), new: try Self.report(text))
        #expect(diff.changes.isEmpty)
        #expect(AlertDiffRenderer(diff: diff).table().contains("0 start, 0 stop and 0 change for 0 offenders."))
    }
}
