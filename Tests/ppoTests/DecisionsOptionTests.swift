import Foundation
import Testing

/// `--decisions FILE` on the evaluation commands (docs/cohort.md, "Where `is_ppo` comes from"), end
/// to end on the shipped rules and samples as of 2026-11-23.
@Suite(.tags(.engine)) struct DecisionsOptionTests {
    static let data = ["--data", "samples/offenders.jsonl", "--as-of", "2026-11-23"]
    static let matrix = ["--matrix", "Prolific Offender Prioritisation"]

    @Test func scoreShowsEachOffendersStatusInEveryFormat() throws {
        let project = try DocumentedExamplesTests.shippedProject()
        let json = try PPORunner.run(["score"] + Self.matrix + Self.data + ["--decisions", "samples/decisions.jsonl", "--format", "json"],
                                     in: project)
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let offenders = try #require(object["offenders"] as? [[String: Any]])
        func standing(_ id: String) -> String {
            let o = offenders.first { $0["id"] as? String == id }
            return "\(o?["status"] as? String ?? "?") \(o?["strand"] as? String ?? "-")"
        }
        #expect(standing("NT-0001") == "adopted fixed")
        #expect(standing("NT-0004") == "deferred -")
        #expect(standing("NT-0032") == "deselected -")
        #expect(standing("NT-0033") == "none -")
        // The record that contradicts the panel is reported, as `ppo cohort --data` does.
        #expect(json.stderr.contains("samples/offenders.jsonl:32: warning: NT-0032: ppo.status is 'adopted' but the panel's last decision is deselect"),
                "\(json.stderr)")

        let csv = try PPORunner.run(["score"] + Self.matrix + Self.data + ["--decisions", "samples/decisions.jsonl", "--format", "csv"],
                                    in: project)
        #expect(csv.stdout.contains("main_category,weight,status,strand\r\n"), "\(csv.stdout)")
        #expect(csv.stdout.contains(",adopted,flex\r\n"))
        let plain = try PPORunner.run(["score"] + Self.matrix + Self.data + ["--format", "csv"], in: project)
        #expect(!plain.stdout.contains("status"), "\(plain.stdout)")
        #expect(plain.stderr.isEmpty, "\(plain)")
    }

    @Test func breachesFollowTheDecisions() throws {
        let project = try DocumentedExamplesTests.shippedProject()
        let arguments = ["breaches", "--checklist", "CJS Premium Service"] + Self.data + ["--format", "csv"]
        let records = try PPORunner.run(arguments, in: project)
        let decided = try PPORunner.run(arguments + ["--decisions", "samples/decisions.jsonl"], in: project)
        #expect(records.status == 0 && decided.status == 0, "\(decided)")
        // NT-0032 is adopted by the record and de-selected by the panel: the Premium Service is for PPOs.
        #expect(records.stdout.contains("NT-0032,") && !decided.stdout.contains("NT-0032,"))
    }

    @Test func decisionsThatCannotBeUsedAreRejects() throws {
        let project = try DocumentedExamplesTests.shippedProject()
        try project.write("bad.jsonl", #"{"id": "X1", "offender": "NT-0001", "scheme": "Northtown IOM", "decision": "adopt", "strand": "fixd", "reason": "meets_criteria", "effective": "2026-01-01"}"# + "\n")
        let result = try PPORunner.run(["score"] + Self.matrix + Self.data + ["--decisions", "bad.jsonl", "--format", "csv"],
                                       in: project)
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("bad.jsonl:1: strand 'fixd' is not one of scheme \"Northtown IOM\"'s strands (did you mean 'fixed'?)"),
                "\(result.stderr)")
    }

    @Test func equalityCountsAdoptedAsIsPPODoes() throws {
        let project = try DocumentedExamplesTests.shippedProject()
        let arguments = ["equality"] + Self.matrix + Self.data + ["--format", "json"]
        func adopted(_ extra: [String]) throws -> Int? {
            let result = try PPORunner.run(arguments + extra, in: project)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return (object?["totals"] as? [String: Any])?["adopted"] as? Int
        }
        // The records say 10 (NT-0032 among them); the panel's cohort is 11 (NT-0016 and NT-0035 in, NT-0032 out).
        #expect(try adopted([]) == 10)
        #expect(try adopted(["--decisions", "samples/decisions.jsonl"]) == 11)
        #expect(try adopted(["--decisions", "samples/decisions.jsonl", "--scheme", "Northtown IOM"]) == 11)
    }

    @Test func withoutASchemeTheDecisionsCannotBeRead() throws {
        let project = try DocumentedExamplesTests.shippedProject()
        let result = try PPORunner.run(["score", "--rules", "matrices"] + Self.matrix + Self.data
                                       + ["--decisions", "samples/decisions.jsonl"], in: project)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--decisions: no scheme block is loaded"), "\(result.stderr)")
    }
}
