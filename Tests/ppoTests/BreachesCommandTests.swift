import Foundation
import Testing

@Suite(.tags(.engine)) struct BreachesCommandTests {
    static let base = ["breaches", "--checklist", "Test Premium Service", "--data", "data.jsonl", "--as-of", "2026-11-23"]

    func breaches(_ extra: [String] = [], in project: Workspace? = nil) throws -> PPOResult {
        try PPORunner.run(Self.base + extra, in: project ?? CaseFixtures.project())
    }

    func json(_ result: PPOResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    /// `offender/rule` → the result object.
    func results(_ object: [String: Any]) -> [String: [String: Any]] {
        var byKey: [String: [String: Any]] = [:]
        for result in object["results"] as? [[String: Any]] ?? [] {
            byKey["\(result["offender"] as? String ?? "?")/\(result["rule"] as? String ?? "?")"] = result
        }
        return byKey
    }

    @Test func jsonHasEveryResultAndTheSummary() throws {
        let result = try breaches(["--format", "json"])
        #expect(result.status == 0, "\(result)")
        let object = try json(result)
        #expect(object["checklist"] as? String == "Test Premium Service")
        #expect(object["as_of"] as? String == "2026-11-23")
        #expect((object["rules_digest"] as? String)?.count == 64)
        #expect((object["data_digest"] as? String)?.count == 64)
        let byKey = results(object)
        #expect(byKey.count == 12, "three offenders in scope × four rules: \(byKey.keys.sorted())")
        #expect(!byKey.keys.contains { $0.hasPrefix("P3/") }, "P3 is a candidate, outside the scope")

        let late = try #require(byKey["P1/MG6 within 5 working days"])
        #expect(late["status"] as? String == "breached")
        #expect(late["case"] as? String == "K1")
        #expect(late["owner"] as? String == "police")
        #expect(late["trigger"] as? String == "E2")
        #expect(late["due"] as? String == "2026-11-10")
        #expect(late["days_late"] as? Int == 2)
        #expect(late["working_days"] as? Bool == true)
        #expect((late["evidence"] as? [String])?.contains("E3") == true)

        #expect(byKey["P1/Advice before charge"]?["status"] as? String == "met")
        #expect(byKey["P1/Readiness review"]?["status"] as? String == "not_applicable")
        #expect(byKey["P2/Advice before charge"]?["status"] as? String == "breached")
        let pending = try #require(byKey["P2/MG6 within 5 working days"])
        #expect(pending["status"] as? String == "pending")
        #expect(pending["due"] as? String == "2026-11-26")
        #expect(pending["days_late"] is NSNull)
        #expect(byKey["P2/Readiness review"]?["status"] as? String == "pending")
        #expect(byKey["P2/Readiness review"]?["due"] as? String == "2026-11-30")
        let forbidden = try #require(byKey["P2/No reduction without reason"])
        #expect(forbidden["status"] as? String == "breached")
        #expect(forbidden["trigger"] as? String == "E6")

        let summary = try #require(object["summary"] as? [[String: Any]])
        #expect(summary.map { $0["owner"] as? String } == ["police", "cps"])
        #expect(summary.map { $0["met"] as? Int } == [1, 0])
        #expect(summary.map { $0["pending"] as? Int } == [1, 1])
        #expect(summary.map { $0["breached"] as? Int } == [2, 1])
        #expect(result.stdout.contains("\"compliance\": 0.333333"), "\(result)")
        #expect(summary[1]["compliance"] as? Int == 0)
        #expect((object["rejected"] as? [Any])?.isEmpty == true)
    }

    @Test func undeclaredEventTypesAreWarningsThatKeepStatusZero() throws {
        let result = try breaches(["--format", "json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("data.jsonl:4: warning: "), "\(result)")
        #expect(result.stderr.contains("mg6_send"), "\(result)")
        let warnings = try #require(try json(result)["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["line"] as? Int == 4 && ($0["message"] as? String)?.contains("mg6_send") == true })
    }

    @Test func tableIsGroupedByOwnerAndFitsEightyColumns() throws {
        let result = try breaches(["--format", "table"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Test Premium Service — as of 2026-11-23", "\(result)")
        let police = try #require(lines.firstIndex(of: "police"), "\(result)")
        let cps = try #require(lines.firstIndex(of: "cps"), "\(result)")
        #expect(police < cps)
        #expect(lines[police..<cps].contains { $0.contains("P1") && $0.hasSuffix("2 working days late") }, "\(result)")
        #expect(lines[police..<cps].contains { $0.contains("P2") && $0.hasSuffix("3 working days left") }, "\(result)")
        #expect(lines[police..<cps].contains("  Met 1, not applicable 2"), "\(result)")
        #expect(lines.contains { $0.hasPrefix("police") && $0.hasSuffix("33.3%") }, "\(result)")
        #expect(lines.contains { $0.hasPrefix("cps") && $0.hasSuffix("0.0%") }, "\(result)")
        #expect(lines.contains("1 data warning, 0 records rejected"), "\(result)")
        for line in lines { #expect(line.count <= 80, "\(line)") }
    }

    @Test func allStatusesListsTheMetDutiesToo() throws {
        let result = try breaches(["--format", "table", "--all-statuses"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("  Met (1)\n"), "\(result)")
        #expect(result.stdout.contains("  Not applicable (2)\n"), "\(result)")
    }

    @Test func csvHasOneRowPerResult() throws {
        let result = try breaches(["--format", "csv"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("\u{FEFF}offender,name,case,rule,owner,status,trigger,due,days_late,working_days,evidence\r\n"), "\(result)")
        #expect(result.stdout.contains("\r\nP1,Pat Example,K1,MG6 within 5 working days,police,breached,E2,2026-11-10,2,true,"), "\(result)")
        #expect(result.stdout.components(separatedBy: "\r\n").count == 1 + 12 + 1)
    }

    @Test func ownerKeepsOneAgency() throws {
        let result = try breaches(["--format", "json", "--owner", "cps"])
        #expect(result.status == 0, "\(result)")
        let object = try json(result)
        let owners = Set((object["results"] as? [[String: Any]] ?? []).compactMap { $0["owner"] as? String })
        #expect(owners == ["cps"])
        #expect((object["summary"] as? [[String: Any]])?.map { $0["owner"] as? String } == ["cps"])
    }

    @Test func anUnknownOwnerNamesTheChecklistsOwners() throws {
        let result = try breaches(["--owner", "polise"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("unknown owner 'polise'"), "\(result)")
        #expect(result.stderr.contains("did you mean 'police'?"), "\(result)")
        #expect(result.stderr.contains("'police', 'cps'"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnknownChecklistSuggestsTheClosest() throws {
        let result = try CaseFixtures.project().ppo("breaches", "--checklist", "Test Premium Servise",
                                                    "--data", "data.jsonl")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("unknown checklist 'Test Premium Servise'; did you mean 'Test Premium Service'?"),
                "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func theChecklistCanBeNamedByItsFile() throws {
        let result = try CaseFixtures.project().ppo("breaches", "--checklist", "rules/premium.ppo", "--data",
                                                    "data.jsonl", "--as-of", "2026-11-23", "--format", "json")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"checklist\": \"Test Premium Service\""), "\(result)")
    }

    @Test func aFileWithoutAChecklistIsAUsageError() throws {
        let result = try CaseFixtures.project().ppo("breaches", "--checklist", "rules/alerts.ppo", "--data", "data.jsonl")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--checklist: 'rules/alerts.ppo' defines no checklist"), "\(result)")
    }

    @Test func rejectedRecordsExitThreeAfterTheOutput() throws {
        let project = try CaseFixtures.project()
        try project.write("bad.jsonl", CaseFixtures.dataWithRejects)
        let result = try project.ppo("breaches", "--checklist", "Test Premium Service", "--data", "bad.jsonl",
                                     "--as-of", "2026-11-23", "--format", "json", "--rejects", "rejects.jsonl")
        #expect(result.status == 3, "\(result)")
        let object = try json(result)
        #expect((object["rejected"] as? [[String: Any]])?.map { $0["line"] as? Int } == [5])
        #expect(results(object).count == 12)
        #expect(result.stderr.contains("bad.jsonl:5: "), "\(result)")
        #expect(result.stderr.contains("1 record rejected"), "\(result)")
        #expect(try project.read("rejects.jsonl") == #"{"id": "P5", "name": "# + "\n")
    }

    /// The test calendar lists the holidays of 2026 only: a deadline counted into 2027 is a data warning.
    @Test func workingDaysPastTheCalendarAreAWarning() throws {
        let project = try CaseFixtures.project()
        try project.write("late.jsonl", CaseFixtures.data + #"""
            {"id": "P6", "ppo": {"status": "adopted"}, "cases": [{"id": "K6", "events": [{"id": "E9", "type": "charged", "date": "2026-12-29"}]}]}
            """# + "\n")
        let result = try project.ppo("breaches", "--checklist", "Test Premium Service", "--data", "late.jsonl",
                                     "--as-of", "2026-12-30", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let warning = "calendar test_days lists no holidays for 2027 (it covers only 2026): working days in 2027 were "
            + "counted as if there were none (1 duty, first here)"
        #expect(result.stderr.contains("late.jsonl:5: warning: " + warning + "\n"), "\(result)")
        let warnings = try json(result)["warnings"] as? [[String: Any]] ?? []
        #expect(warnings.contains { $0["line"] as? Int == 5 && $0["message"] as? String == warning }, "\(result)")
    }

    @Test func ruleErrorsStopBeforeEvaluating() throws {
        let project = try CaseFixtures.project()
        try project.write("rules/premium.ppo", CaseFixtures.checklist.replacingOccurrences(
            of: "require mg6_sent within", with: "require mg6_snet within"))
        let result = try breaches(["--format", "json"], in: project)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("rules/premium.ppo:"), "\(result)")
        #expect(result.stderr.contains("mg6_snet"), "\(result)")
    }

    @Test func anUnreadableDataFileIsAUsageError() throws {
        let result = try CaseFixtures.project().ppo("breaches", "--checklist", "Test Premium Service",
                                                    "--data", "missing.jsonl")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("cannot read the data file"), "\(result)")
    }
}
