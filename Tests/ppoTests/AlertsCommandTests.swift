import Foundation
import Testing

@Suite(.tags(.engine)) struct AlertsCommandTests {
    static let base = ["alerts", "--data", "data.jsonl", "--as-of", "2026-11-23"]

    func alerts(_ extra: [String] = [], in project: Workspace? = nil) throws -> PPOResult {
        try PPORunner.run(Self.base + extra, in: project ?? CaseFixtures.project())
    }

    func json(_ result: PPOResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    /// `offender/alert` of every alert raised.
    func raised(_ object: [String: Any]) -> [String] {
        (object["alerts"] as? [[String: Any]] ?? []).map {
            "\($0["offender"] as? String ?? "?")/\($0["alert"] as? String ?? "?")"
        }
    }

    @Test func withAPreviousSnapshotChangesAreAlerted() throws {
        let result = try alerts(["--previous", "previous.jsonl", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let object = try json(result)
        #expect(object["as_of"] as? String == "2026-11-23")
        #expect((object["rules_digest"] as? String)?.count == 64)
        #expect((object["data_digest"] as? String)?.count == 64)
        #expect((object["previous_digest"] as? String)?.count == 64)
        #expect(object["previous_digest"] as? String != object["data_digest"] as? String)
        #expect(raised(object) == ["P1/Release soon", "P1/Prison changed", "P3/Arrested lately"])
        let alerts = try #require(object["alerts"] as? [[String: Any]])
        #expect(alerts[0]["name"] as? String == "Pat Example")
        #expect(alerts[0]["severity"] as? String == "high")
        #expect(alerts[0]["notify"] as? String == "offender_manager")
        #expect(alerts[0]["message"] as? String == "Pat Example: release from HMP Northtown on 2026-12-01")
        #expect(alerts[0]["evidence"] as? [String] == ["C1"])
        #expect(alerts[1]["severity"] as? String == "medium")
        #expect(alerts[1]["notify"] is NSNull)
        #expect(alerts[2]["severity"] as? String == "low")
        #expect(alerts[2]["message"] as? String == "Rory Candidate arrested")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func withoutAPreviousSnapshotNothingHasChanged() throws {
        let result = try alerts(["--format", "json"])
        #expect(result.status == 0, "\(result)")
        let object = try json(result)
        #expect(object["previous_digest"] is NSNull)
        #expect(raised(object) == ["P1/Release soon", "P3/Arrested lately"])
    }

    @Test func tableIsGroupedBySeverity() throws {
        let result = try alerts(["--previous", "previous.jsonl", "--format", "table"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Test tasking — as of 2026-11-23", "\(result)")
        #expect(lines.filter { ["HIGH", "MEDIUM", "LOW"].contains($0) } == ["HIGH", "MEDIUM", "LOW"], "\(result)")
        #expect(lines.contains("  Release soon (1)"), "\(result)")
        #expect(lines.contains { $0.hasPrefix("    P1  Pat Example") && $0.hasSuffix("notify offender_manager") },
                "\(result)")
        #expect(lines.contains("      Pat Example: release from HMP Northtown on 2026-12-01"), "\(result)")
        for line in lines { #expect(line.count <= 80, "\(line)") }
        let without = try alerts(["--format", "table"])
        #expect(without.stdout.contains("  no previous snapshot\n"), "\(without)")
    }

    @Test func csvHasOneRowPerAlert() throws {
        let result = try alerts(["--previous", "previous.jsonl", "--format", "csv"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("\u{FEFF}severity,alert,block,offender,name,notify,message,evidence\r\nhigh,Release soon,Test tasking,P1,Pat Example,offender_manager,Pat Example: release from HMP Northtown on 2026-12-01,C1\r\n"), "\(result)")
        #expect(result.stdout.components(separatedBy: "\r\n").count == 1 + 3 + 1)
    }

    @Test func severityKeepsThatLevelAndAbove() throws {
        let result = try alerts(["--previous", "previous.jsonl", "--format", "json", "--severity", "medium"])
        #expect(result.status == 0, "\(result)")
        #expect(raised(try json(result)) == ["P1/Release soon", "P1/Prison changed"])
    }

    @Test func alertsNamesOneBlockByNameOrFile() throws {
        let project = try CaseFixtures.project()
        try project.write("rules/other.ppo", """
            alerts "Other tasking"
              alert "Everyone adopted"
                when is_ppo
              end
            end

            """)
        let all = try alerts(["--format", "json"], in: project)
        #expect(all.status == 0, "\(all)")
        #expect(raised(try json(all)).contains("P1/Everyone adopted"))
        for spec in ["Test tasking", "rules/alerts.ppo"] {
            let one = try alerts(["--format", "json", "--alerts", spec], in: project)
            #expect(one.status == 0, "\(one)")
            let object = try json(one)
            #expect(object["blocks"] as? [String] == ["Test tasking"])
            #expect(!raised(object).contains("P1/Everyone adopted"), "\(one)")
        }
    }

    @Test func anUnknownAlertsBlockSuggestsTheClosest() throws {
        let result = try alerts(["--alerts", "Test taskin"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("unknown alerts block 'Test taskin'; did you mean 'Test tasking'?"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func noAlertsBlockLoadedIsAUsageError() throws {
        let project = try Workspace(["rules/premium.ppo": CaseFixtures.calendar + CaseFixtures.checklist,
                                     "data.jsonl": CaseFixtures.data])
        let result = try alerts([], in: project)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no alerts block is loaded"), "\(result)")
    }

    @Test func anUnreadablePreviousSnapshotIsAUsageError() throws {
        let result = try alerts(["--previous", "missing.jsonl"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("cannot read the previous snapshot 'missing.jsonl'"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func rejectsInThePreviousSnapshotAreToldApartAndExitThree() throws {
        let project = try CaseFixtures.project()
        try project.write("previous.jsonl", CaseFixtures.previousWithRejects)
        let result = try alerts(["--previous", "previous.jsonl", "--format", "json", "--rejects", "rejects.jsonl"],
                                in: project)
        #expect(result.status == 3, "\(result)")
        #expect(raised(try json(result)).contains("P1/Prison changed"), "\(result)")
        #expect(result.stderr.contains("previous snapshot: previous.jsonl:3: "), "\(result)")
        #expect(result.stderr.contains("previous snapshot: previous.jsonl:4: "), "\(result)")
        #expect(result.stderr.contains("2 records rejected in the previous snapshot"), "\(result)")
        #expect(try project.read("rejects.jsonl") == "", "--rejects lists the lines of --data only")
    }

    @Test func rejectsInTheDataExitThreeAfterTheOutput() throws {
        let project = try CaseFixtures.project()
        try project.write("bad.jsonl", CaseFixtures.dataWithRejects)
        let result = try project.ppo("alerts", "--data", "bad.jsonl", "--as-of", "2026-11-23", "--format", "json",
                                     "--rejects", "rejects.jsonl")
        #expect(result.status == 3, "\(result)")
        let object = try json(result)
        #expect((object["rejected"] as? [[String: Any]])?.map { $0["line"] as? Int } == [5])
        #expect(raised(object).contains("P1/Release soon"))
        #expect(result.stderr.contains("bad.jsonl:5: "), "\(result)")
        #expect(!result.stderr.contains("previous snapshot: "), "\(result)")
        #expect(try project.read("rejects.jsonl") == #"{"id": "P5", "name": "# + "\n")
    }

    @Test func ruleErrorsStopBeforeEvaluating() throws {
        let project = try CaseFixtures.project()
        try project.write("rules/alerts.ppo", CaseFixtures.alerts.replacingOccurrences(of: "severity low",
                                                                                       with: "severity lowest"))
        let result = try alerts(["--format", "json"], in: project)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("rules/alerts.ppo:"), "\(result)")
    }
}
