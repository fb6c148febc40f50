import Testing
@testable import PPOEngine

/// SPEC §5.5: scopes, severity order, messages, `changed()` with and without a snapshot, and the
/// matrix and checklist results alerts read.
@Suite struct AlertsTests {
    static let rules = Fixture.rules("""
    matrix "M"
      offences
        assault 100
        shoplifting 10
      end
      tiers
        "High" >= 100
        "Low" otherwise
      end
      capacity 1
    end
    checklist "PS"
      for all
      events charged, mg6
      rule "MG6"
        owner police
        require mg6 within 3 days after charged
      end
    end
    alerts "Daily"
      alert "Release soon"
        severity high
        when current_custody.release within next 28 days
        message "{name}: release from {current_custody.establishment} on {current_custody.release}"
        notify offender_manager
      end
      alert "Prison details changed"
        severity low
        for all
        when changed(current_custody.establishment) or changed(current_custody.release)
      end
      alert "Candidate for adoption"
        for candidates
        when score("M") >= 100
        message "{name} scores {score(\\"M\\")} ({tier(\\"M\\")}), recommended: {recommended(\\"M\\")}"
      end
      alert "Deadline soon"
        for all
        when days_to_due("PS") <= 2
        message "due {next_due(\\"PS\\")} in {days_to_due(\\"PS\\")} days"
      end
    end
    """)

    static let data = """
    {"id":"P1","name":"Ada Example","ppo":{"status":"adopted"},"custody":[{"id":"cu1","establishment":"HMP Northtown","received":"2026-01-01","release":"2026-12-01"}]}
    {"id":"C1","name":"Ben Example","ppo":{"status":"candidate"},"offences":[{"id":"o1","category":"assault","date":"2026-01-01","evidence":"convicted"}],"custody":[{"id":"cu2","establishment":"HMP Southtown","received":"2026-01-01","release":"2026-12-01"}]}
    {"id":"C2","name":"Cy Example","offences":[{"id":"o2","category":"assault","date":"2026-02-01","evidence":"convicted"}],"cases":[{"id":"K","events":[{"id":"k1","type":"charged","date":"2026-11-22"}]}]}
    {"id":"C3","name":"Di Example","offences":[{"id":"o3","category":"shoplifting","date":"2026-02-01","evidence":"convicted"}]}

    """

    static let previousData = """
    {"id":"P1","name":"Ada Example","ppo":{"status":"adopted"},"custody":[{"id":"cu1","establishment":"HMP Northtown","received":"2026-01-01","release":"2026-12-01"}]}
    {"id":"C1","name":"Ben Example","ppo":{"status":"candidate"},"custody":[{"id":"cu2","establishment":"HMP Easttown","received":"2026-01-01","release":"2026-12-01"}]}
    {"id":"C2","name":"Cy Example"}

    """

    static func run(previous: String?) throws -> AlertReport {
        #expect(!rules.hasErrors, "\(rules.diagnostics.map(\.message))")
        let offenders = try Fixture.offenders(data, rules: rules)
        let before = try previous.map { try Fixture.offenders($0, rules: rules) }
        return rules.alerts(blocks: nil, offenders: offenders, previous: before, asOf: try #require(Day(iso: "2026-11-23")),
                            dataDigest: "d", previousDigest: previous == nil ? nil : "p", rejected: [])
    }

    static func lines(_ report: AlertReport) -> [String] {
        report.results.map { "\($0.severity.rawValue) \($0.alert) \($0.offender): \($0.message)" }
    }

    @Test func withAPreviousSnapshot() throws {
        #expect(Self.lines(try Self.run(previous: Self.previousData)) == [
            "high Release soon P1: Ada Example: release from HMP Northtown on 2026-12-01",
            "medium Candidate for adoption C1: Ben Example scores 100 (High), recommended: no",
            "medium Candidate for adoption C2: Cy Example scores 100 (High), recommended: yes",
            "medium Deadline soon C2: due 2026-11-25 in 2 days",
            // C1 moved prison; C2 had no custody then and has none now; C3 has no snapshot.
            "low Prison details changed C1: Prison details changed",
        ])
    }

    @Test func withoutAPreviousSnapshotNothingHasChanged() throws {
        let report = try Self.run(previous: nil)
        #expect(!report.results.contains { $0.alert == "Prison details changed" })
        #expect(report.previousDigest == nil)
    }

    @Test func aFirstCustodyEntryIsAChange() throws {
        // C2 in custody now, with no custody in the snapshot: missing to present is a change.
        let rules = Self.rules
        let now = try Fixture.offenders(#"{"id":"C2","custody":[{"id":"cu9","establishment":"HMP Westtown","received":"2026-11-01"}]}"# + "\n", rules: rules)
        let before = try Fixture.offenders(#"{"id":"C2"}"# + "\n", rules: rules)
        let report = rules.alerts(blocks: ["Daily"], offenders: now, previous: before, asOf: try #require(Day(iso: "2026-11-23")),
                                  dataDigest: "", previousDigest: "", rejected: [])
        let changed = report.results.first { $0.alert == "Prison details changed" }
        #expect(changed?.evidence == ["cu9"])
    }

    @Test func scopesKeepAlertsToTheirOffenders() throws {
        let report = try Self.run(previous: Self.previousData)
        // "Release soon" is `for ppo` (the default): C1's release is as close, but C1 is a candidate.
        #expect(report.results.filter { $0.alert == "Release soon" }.map(\.offender) == ["P1"])
        // "Candidate for adoption" is `for candidates`: P1 is adopted and never a candidate.
        #expect(!report.results.contains { $0.alert == "Candidate for adoption" && $0.offender == "P1" })
    }

    @Test func alertsCarryEvidenceAndNotify() throws {
        let report = try Self.run(previous: nil)
        let release = try #require(report.results.first { $0.alert == "Release soon" })
        #expect(release.evidence == ["cu1"])
        #expect(release.notify == "offender_manager")
        #expect(release.name == "Ada Example")
        let due = try #require(report.results.first { $0.alert == "Deadline soon" })
        #expect(due.evidence == ["k1"])
    }

    @Test(arguments: [
        ("when score(\"Nope\") > 1", "no matrix is called \"Nope\""),
        ("when days_to_due(\"P\") <= 2", "no checklist is called \"P\""),
        ("when count(offences) > 0\n    message \"{offences}\"", "a message can show a value, not a whole collection; try count(…)"),
        ("when count(offences) > 0\n    message \"{nmae}\"", "unknown name 'nmae': not a field of an offender"),
        ("when count(offences) > 0\n    message \"{ethnicity}\"", "'ethnicity' is a monitoring-only field: no matrix, checklist or alert may read it"),
        ("when next_due(\"PS\") > 3", "cannot compare a date with a number"),
    ])
    func mistakesAreCaughtAtLoad(clause: String, message: String) {
        let rules = Fixture.rules("""
        checklist "PS"
          events a
          rule "R"
            owner police
            forbid a unless a
          end
        end
        alerts "A"
          alert "X"
            \(clause)
          end
        end
        """)
        #expect(rules.diagnostics.map(\.message).contains(message), "\(rules.diagnostics.map(\.message))")
    }

    @Test func crossReferencesAreOnlyForAlerts() {
        let rules = Fixture.rules("""
        matrix "M"
          factor "F" = 1 when days_to_due("PS") > 0
        end
        """)
        #expect(rules.diagnostics.map(\.message).contains("days_to_due(\"…\") reads a checklist's results and is only available in alerts"))
    }
}
