import Foundation
import Testing
@testable import PPOEngine

@Suite struct AlertsRendererTests {
    @Test func tableGolden() {
        Golden.check(AlertsTableRenderer().render(AlertsFixture.report), "alerts-table.txt")
    }

    @Test func emptyTableGolden() {
        Golden.check(AlertsTableRenderer().render(AlertsFixture.empty), "alerts-empty-table.txt")
    }

    @Test(arguments: [AlertsFixture.report, AlertsFixture.empty, AlertsFixture.twoBlocks], [80, 60, 40])
    func tableLinesFitTheWidth(report: AlertReport, width: Int) {
        for line in AlertsTableRenderer(width: width).render(report).split(separator: "\n") {
            #expect(TextLayout.width(line) <= width, "\(line)")
            #expect(line.last != " ")
        }
    }

    @Test func tableGroupsBySeverityThenAlert() {
        let lines = AlertsTableRenderer().render(AlertsFixture.report).split(separator: "\n").map(String.init)
        let headings = lines.filter { ["HIGH", "MEDIUM", "LOW"].contains($0) }
        #expect(headings == ["HIGH", "MEDIUM", "LOW"])
        #expect(lines.contains("  Release from prison within 28 days (2)"))
        #expect(lines.contains("  Convicted this month (2)"))
        #expect(lines.contains { $0.hasPrefix("    NT-0003") && $0.hasSuffix("notify officer_in_case") })
        #expect(lines.contains("    NT-0001  Alan Example"))
        #expect(lines[1].hasSuffix("previous 1a2b3c4d5e6f"))
    }

    @Test func withoutAPreviousSnapshotTheHeaderSaysSo() {
        let text = AlertsTableRenderer().render(AlertsFixture.empty)
        #expect(text.contains("  no previous snapshot\n"))
        #expect(text.contains("\nNo alerts.\n"))
    }

    @Test func alertsOfTheSameNameInTwoBlocksAreToldApart() {
        let lines = AlertsTableRenderer().render(AlertsFixture.twoBlocks).split(separator: "\n").map(String.init)
        #expect(lines.contains("  Release from prison within 28 days — Daily tasking (1)"))
        #expect(lines.contains("  Release from prison within 28 days — Weekend tasking (1)"))
    }

    @Test func csvGolden() {
        Golden.check(AlertsCSVRenderer().render(AlertsFixture.report), "alerts.csv")
    }

    @Test func csvIsSafeAndWellFormed() {
        let csv = AlertsCSVRenderer().render(AlertsFixture.report)
        #expect(csv.hasPrefix("\u{FEFF}severity,alert,block,offender,name,notify,message,evidence\r\n"))
        #expect(csv.contains(",tasking_group,'-convicted 2026-11-03 of burglary_dwelling,OF-0004-1 OF-0004-2\r\n"))
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",officer_in_case,"))
        #expect(csv.contains("high,Release from prison within 28 days,Daily tasking,NT-0001,Alan Example,offender_manager,"))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func jsonGolden() {
        Golden.check(AlertsJSONRenderer().render(AlertsFixture.report), "alerts.json")
    }

    @Test func jsonHasTheSpecShape() throws {
        let text = AlertsJSONRenderer().render(AlertsFixture.report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["blocks", "as_of", "rules_digest", "data_digest", "previous_digest", "alerts",
                                     "rejected"])
        #expect(object["previous_digest"] as? String == AlertsFixture.report.previousDigest)
        let alerts = try #require(object["alerts"] as? [[String: Any]])
        #expect(alerts.count == 6)
        #expect(Set(alerts[0].keys) == ["alert", "block", "offender", "name", "severity", "notify", "message",
                                        "evidence"])
        #expect(alerts.map { $0["severity"] as? String } == ["high", "high", "high", "medium", "low", "low"])
        #expect(alerts[3]["notify"] is NSNull)
        #expect(alerts[4]["name"] is NSNull)
        #expect(alerts[4]["evidence"] as? [String] == ["OF-0004-1", "OF-0004-2"])
        #expect((object["rejected"] as? [[String: Any]])?.map { $0["line"] as? Int } == [4])
        let compact = AlertsJSONRenderer(pretty: false).render(AlertsFixture.empty)
        #expect(compact == "{\"blocks\":[\"Daily tasking\",\"Weekend tasking\"],\"as_of\":\"2026-11-23\",\"rules_digest\":\"\",\"data_digest\":\"abc\",\"previous_digest\":null,\"alerts\":[],\"rejected\":[]}")
    }
}
