import Foundation
import Testing
@testable import PPOEngine

@Suite struct BreachesRendererTests {
    @Test func tableGolden() {
        Golden.check(BreachesTableRenderer().render(BreachesFixture.report), "breaches-table.txt")
    }

    @Test func everyStatusTableGolden() {
        Golden.check(BreachesTableRenderer(everyStatus: true).render(BreachesFixture.report),
                     "breaches-table-every-status.txt")
    }

    @Test func emptyTableGolden() {
        Golden.check(BreachesTableRenderer().render(BreachesFixture.empty), "breaches-empty-table.txt")
    }

    @Test(arguments: [BreachesFixture.report, BreachesFixture.empty], [80, 60, 40])
    func tableLinesFitTheWidth(report: BreachReport, width: Int) {
        for everyStatus in [false, true] {
            for line in BreachesTableRenderer(width: width, everyStatus: everyStatus).render(report)
                .split(separator: "\n") {
                #expect(TextLayout.width(line) <= width, "\(line)")
                #expect(line.last != " ")
            }
        }
    }

    @Test func tableGroupsByOwnerWithBreachesFirst() throws {
        let text = BreachesTableRenderer().render(BreachesFixture.report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let police = try #require(lines.firstIndex(of: "police"))
        let cps = try #require(lines.firstIndex(of: "cps"))
        let probation = try #require(lines.firstIndex(of: "probation"))
        try #require(police < cps && cps < probation)
        let policeLines = lines[police..<cps]
        #expect(policeLines.contains { $0.contains("NT-0001") && $0.hasSuffix("3 working days late") })
        #expect(policeLines.contains { $0.contains("NT-0005") && $0.hasSuffix("1 working day late") })
        #expect(policeLines.contains { $0.contains("NT-0004") && $0.hasSuffix("due today") })
        #expect(policeLines.firstIndex(of: "  Breached (3)") ?? 0 < policeLines.firstIndex(of: "  Pending (2)") ?? 0)
        #expect(policeLines.contains("  Met 2, not applicable 0"))
        let cpsLines = lines[cps..<probation]
        #expect(cpsLines.contains { $0.contains("NT-0002") && $0.hasSuffix("14 days late") })
        #expect(cpsLines.contains { $0.contains("NT-0005") && $0.hasSuffix("1 day left") })
        #expect(!text.contains("Alan Example, case C-0001-1  met"))
        #expect(lines.contains { $0.hasPrefix("police") && $0.hasSuffix("3       40.0%") })
        #expect(lines.contains { $0.hasPrefix("cps") && $0.hasSuffix("2        0.0%") })
        #expect(lines.contains { $0.hasPrefix("probation") && $0.hasSuffix("—") })
    }

    @Test(arguments: [
        (nil as Int64?, "—"), (0, "0.0%"), (1_000_000, "100.0%"), (666_667, "66.7%"), (333_333, "33.3%"),
        (500, "0.1%"), (499, "0.0%"),
    ])
    func complianceAsAPercentage(raw: Int64?, expected: String) {
        #expect(BreachesTableRenderer.percentage(raw.map(Decimal6.init(raw:))) == expected)
    }

    @Test func csvGolden() {
        Golden.check(BreachesCSVRenderer().render(BreachesFixture.report), "breaches.csv")
    }

    @Test func csvIsSafeAndWellFormed() {
        let csv = BreachesCSVRenderer().render(BreachesFixture.report)
        #expect(csv.hasPrefix("\u{FEFF}offender,name,case,rule,owner,status,trigger,due,days_late,working_days,evidence\r\n"))
        #expect(csv.contains("NT-0001,Alan Example,C-0001-1,MG6 case file in all PPO cases,police,breached,EV-0001-02,2026-10-27,3,true,EV-0001-02 EV-0001-05\r\n"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",'@C-0003-1,"))
        #expect(csv.contains("NT-0001,Alan Example,C-0001-1,Charge reduction only in exceptional circumstances,cps,not_applicable,,,,false,\r\n"))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func jsonGolden() {
        Golden.check(BreachesJSONRenderer().render(BreachesFixture.report), "breaches.json")
    }

    @Test func jsonHasTheSpecShape() throws {
        let text = BreachesJSONRenderer().render(BreachesFixture.report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["checklist", "as_of", "rules_digest", "data_digest", "results", "summary",
                                     "warnings", "rejected"])
        #expect(object["as_of"] as? String == "2026-11-23")
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 11)
        #expect(Set(results[0].keys) == ["offender", "name", "case", "rule", "owner", "status", "trigger", "due",
                                         "days_late", "days_left", "working_days", "evidence"])
        #expect(results[1]["days_late"] as? Int == 3)
        #expect(results[1]["working_days"] as? Bool == true)
        #expect(results[1]["evidence"] as? [String] == ["EV-0001-02", "EV-0001-05"])
        #expect(results[2]["status"] as? String == "not_applicable")
        #expect(results[2]["trigger"] is NSNull)
        #expect(results[2]["due"] is NSNull)
        #expect(results[2]["days_late"] is NSNull)
        #expect(results[6]["name"] is NSNull)
        let summary = try #require(object["summary"] as? [[String: Any]])
        #expect(summary.map { $0["owner"] as? String } == ["police", "cps", "probation"])
        #expect(summary.map { $0["met"] as? Int } == [2, 0, 0])
        #expect(summary.map { $0["pending"] as? Int } == [2, 1, 0])
        #expect(summary.map { $0["breached"] as? Int } == [3, 2, 0])
        #expect(summary.map { $0["not_applicable"] as? Int } == [0, 1, 0])
        #expect(summary[2]["compliance"] is NSNull)
        #expect(text.contains("\"compliance\": 0.4\n"))
        #expect(text.contains("\"compliance\": 0\n"))
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(Set(warnings[0].keys) == ["line", "message"])
        #expect(warnings[0]["line"] as? Int == 3)
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.map { $0["line"] as? Int } == [4])
        let compact = BreachesJSONRenderer(pretty: false).render(BreachesFixture.empty)
        #expect(!compact.contains("\n"))
        #expect(compact.hasSuffix("\"results\":[],\"summary\":[{\"owner\":\"police\",\"met\":0,\"pending\":0,\"breached\":0,\"not_applicable\":0,\"compliance\":null}],\"warnings\":[],\"rejected\":[]}"))
    }

    @Test func filteringByOwnerKeepsOnlyItsResultsAndSummary() {
        let report = BreachesFixture.report.filtered(owner: "cps")
        let text = BreachesTableRenderer().render(report)
        #expect(!text.contains("\npolice\n"))
        #expect(text.contains("\ncps\n"))
        #expect(text.contains("4 duties checked: 2 breached, 1 pending, 0 met, 1 not applicable"))
        #expect(report.summary.map(\.owner) == ["cps"])
    }
}
