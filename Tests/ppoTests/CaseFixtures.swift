import Foundation

/// Small synthetic checklist, alerts and records for the `breaches` and `alerts` end-to-end tests
/// (all names invented). Worked by hand at 2026-11-23, a Monday:
///
/// Checklist "Test Premium Service" (for ppo; weekends off, 2026-12-25 a holiday):
/// - P1 case K1: advice E1 (11-02) before charge E2 (Tue 11-03): met. MG6 due 5 working days after
///   11-03 = Tue 11-10; sent E3 Thu 11-12: breached, 2 working days late. No trial, no reduction:
///   not applicable.
/// - P2 case K2: charged E4 (Thu 11-19) with no advice: breached. MG6 due Thu 11-26: pending. Trial E5
///   listed for 12-14, review due by 11-30: pending. Charge reduced E6 with no exceptional reason:
///   breached.
/// - P3 is a candidate, outside the checklist's scope.
/// - P4 case K4 has only an `mg6_send` event, which no checklist declares: a warning on line 4; every
///   rule not applicable.
/// So police: met 1, pending 1, breached 2 (compliance 1/3); cps: met 0, pending 1, breached 1 (0).
///
/// Alerts "Test tasking":
/// - "Release soon" (high, ppo): P1 leaves HMP Northtown on 12-01, within 28 days.
/// - "Prison changed" (medium, ppo): P1 was in HMP Southtown in the previous snapshot.
/// - "Arrested lately" (low, candidates): P3 was arrested on 11-01.
enum CaseFixtures {
    static let calendar = """
        calendar test_days
          weekend saturday, sunday
          holiday 2026-12-25 "Christmas Day"
        end

        """

    static let checklist = """
        checklist "Test Premium Service"
          for ppo
          calendar test_days
          events cps_advice, charged, mg6_sent, charge_reduced, exceptional_reason, trial, readiness_review

          rule "Advice before charge"
            owner police
            require cps_advice before charged
          end
          rule "MG6 within 5 working days"
            owner police
            require mg6_sent within 5 working days after charged
          end
          rule "Readiness review"
            owner cps
            require readiness_review at least 14 days before trial
          end
          rule "No reduction without reason"
            owner cps
            forbid charge_reduced unless exceptional_reason
          end
        end

        """

    static let alerts = """
        alerts "Test tasking"
          alert "Release soon"
            severity high
            for ppo
            when current_custody.release within next 28 days
            message "{name}: release from {current_custody.establishment} on {current_custody.release}"
            notify offender_manager
          end
          alert "Prison changed"
            when changed(current_custody.establishment)
          end
          alert "Arrested lately"
            severity low
            for candidates
            when any(arrests within 3 months)
            message "{name} arrested"
            notify tasking_group
          end
        end

        """

    static let data = [
        #"{"id": "P1", "name": "Pat Example", "ppo": {"status": "adopted", "since": "2025-01-01"}, "custody": [{"id": "C1", "establishment": "HMP Northtown", "received": "2026-10-01", "release": "2026-12-01", "released": false}], "cases": [{"id": "K1", "events": [{"id": "E1", "type": "cps_advice", "date": "2026-11-02"}, {"id": "E2", "type": "charged", "date": "2026-11-03"}, {"id": "E3", "type": "mg6_sent", "date": "2026-11-12"}]}]}"#,
        #"{"id": "P2", "name": "Quinn Sample", "ppo": {"status": "adopted", "since": "2025-06-01"}, "cases": [{"id": "K2", "events": [{"id": "E4", "type": "charged", "date": "2026-11-19"}, {"id": "E5", "type": "trial", "date": "2026-12-14", "scheduled": true}, {"id": "E6", "type": "charge_reduced", "date": "2026-11-20"}]}]}"#,
        #"{"id": "P3", "name": "Rory Candidate", "ppo": {"status": "candidate"}, "arrests": [{"id": "R1", "date": "2026-11-01"}], "cases": [{"id": "K3", "events": [{"id": "E8", "type": "charged", "date": "2026-11-01"}]}]}"#,
        #"{"id": "P4", "name": "Sam Other", "ppo": {"status": "adopted", "since": "2024-01-01"}, "cases": [{"id": "K4", "events": [{"id": "E7", "type": "mg6_send", "date": "2026-11-10"}]}]}"#,
    ].joined(separator: "\n") + "\n"

    /// P1 as it stood at the last run: in another prison.
    static let previous = [
        #"{"id": "P1", "name": "Pat Example", "ppo": {"status": "adopted", "since": "2025-01-01"}, "custody": [{"id": "C1", "establishment": "HMP Southtown", "received": "2026-10-01", "release": "2026-12-01", "released": false}]}"#,
        #"{"id": "P3", "name": "Rory Candidate", "ppo": {"status": "candidate"}}"#,
    ].joined(separator: "\n") + "\n"

    /// The snapshot with line 3 not JSON and line 4 repeating P1.
    static let previousWithRejects = previous + "{\"id\": \"P9\", \"name\": \n" + #"{"id": "P1"}"# + "\n"

    /// The data with line 5 cut off.
    static let dataWithRejects = data + #"{"id": "P5", "name": "#  + "\n"

    /// A project with the calendar, checklist and alerts under rules/ and the data and snapshot.
    static func project() throws -> Workspace {
        try Workspace([
            "rules/calendar.ppo": calendar,
            "rules/premium.ppo": checklist,
            "rules/alerts.ppo": alerts,
            "data.jsonl": data,
            "previous.jsonl": previous,
        ])
    }
}
