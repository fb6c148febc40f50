import Foundation
import Testing

/// `ppo diff --checklist` and `--alerts` end to end (docs/workbench.md, "Checklists and alerts"):
/// the old version from a file, every format, and the option checks.
@Suite(.tags(.engine)) struct DiffCommandTests {
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

    static let data = """
    {"id": "A", "name": "Ann", "cases": [{"id": "A-case", "events": [{"id": "A-1", "type": "charged", "date": "2026-03-01"}, {"id": "A-2", "type": "mg6_sent", "date": "2026-03-08"}]}]}
    {"id": "B", "name": "Ben", "cases": [{"id": "B-case", "events": [{"id": "B-1", "type": "charged", "date": "2026-03-12"}]}]}

    """

    static func workspace() throws -> Workspace {
        try Workspace(["rules/premium.ppo": checklist(days: 5), "before.ppo": checklist(days: 10), "data.jsonl": data])
    }

    @Test(arguments: [("table", "        pending, due 2026-03-22, 2 days left → breached, due 2026-03-17, 3 days late"),
                      ("csv", "B,Ben,B-case,MG6 sent,police,B-1,pending,2026-03-22,,breached,2026-03-17,3"),
                      ("json", #""to": "breached""#)])
    func aChecklistDiffInEveryFormat(format: String, expected: String) async throws {
        let workspace = try Self.workspace()
        let result = try await PPORunner.detached(["diff", "--checklist", "Premium", "--old", "before.ppo", "--rules", "rules",
                                                   "--data", "data.jsonl", "--as-of", "2026-03-20", "--format", format], in: workspace)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(expected), "\(result)")
        if format == "table" {
            #expect(result.stdout.contains("2 duties change status for 2 offenders; 0 due dates move without a change of status."))
        }
    }

    @Test func alertsThatStopFiring() async throws {
        func alerts(_ days: Int) -> String {
            """
            alerts "Tasking"
              alert "Release soon"
                for all
                when current_custody.release within next \(days) days
              end
            end

            """
        }
        let workspace = try Workspace([
            "rules/alerts.ppo": alerts(14), "before.ppo": alerts(28),
            "data.jsonl": #"{"id": "B", "name": "Ben", "custody": [{"id": "B-c", "establishment": "HMP X", "received": "2026-01-01", "release": "2026-03-20", "released": false}]}"# + "\n",
        ])
        let result = try await PPORunner.detached(["diff", "--alerts", "Tasking", "--old", "before.ppo", "--rules", "rules",
                                                   "--data", "data.jsonl", "--as-of", "2026-03-01", "--format", "csv"], in: workspace)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("B,Ben,Tasking,Release soon,stops,medium,Release soon,,"), "\(result)")
    }

    @Test(arguments: [
        (["--checklist", "Premium", "--matrix", "M", "--old", "before.ppo"], "exactly one of --matrix, --checklist or --alerts"),
        (["--checklist", "Premium", "--old-matrix", "M"], "--old-matrix compares matrices"),
        (["--checklist", "Premium", "--old", "before.ppo", "--equality"], "--equality compares the selection of a matrix"),
        (["--checklist", "Premium", "--old", "before.ppo", "--previous", "data.jsonl"], "--previous is for --alerts"),
        (["--checklist", "Premum", "--old", "before.ppo"], "unknown checklist 'Premum'; did you mean 'Premium'?"),
    ])
    func optionsThatDoNotFitAreUsageErrors(arguments: [String], message: String) async throws {
        let workspace = try Self.workspace()
        let result = try await PPORunner.detached(["diff"] + arguments + ["--rules", "rules", "--data", "data.jsonl"], in: workspace)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
    }
}
