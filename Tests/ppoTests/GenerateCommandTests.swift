import Foundation
import Testing

@Suite(.tags(.engine)) struct GenerateCommandTests {
    @Test func sameSeedSameBytesToStandardOutputAndToAFile() throws {
        let project = try Workspace()
        let printed = try PPORunner.run(["generate", "--offenders", "25", "--seed", "9"], in: project)
        #expect(printed.status == 0, "\(printed)")
        #expect(printed.stdout.split(separator: "\n").count == 25)
        let written = try PPORunner.run(["generate", "--offenders", "25", "--seed", "9", "--output", "data.jsonl"], in: project)
        #expect(written.status == 0, "\(written)")
        #expect(try project.read("data.jsonl") == printed.stdout)
        let other = try PPORunner.run(["generate", "--offenders", "25", "--seed", "10"], in: project)
        #expect(other.stdout != printed.stdout)
        // Only the file itself is left: the temporary file was renamed over it.
        let names = try FileManager.default.contentsOfDirectory(atPath: project.url.path).filter { !$0.hasPrefix(".std") }
        #expect(names == ["data.jsonl"])
    }

    @Test func everyGeneratedRecordIsScoredByTheShippedMatrix() throws {
        let project = try DocumentedExamplesTests.shippedProject()
        let generated = try PPORunner.run(["generate", "--offenders", "200", "--output", "synthetic.jsonl"], in: project)
        #expect(generated.status == 0, "\(generated)")
        let scored = try PPORunner.run(["score", "--matrix", "Prolific Offender Prioritisation", "--data", "synthetic.jsonl",
                                        "--as-of", "2026-11-22", "--format", "csv"], in: project)
        #expect(scored.status == 0, "\(scored)")
        #expect(scored.stderr.isEmpty, "\(scored)")
        #expect(scored.stdout.split(separator: "\r\n").count > 190)
    }

    @Test func namesAreInventedAndRecordsCarryNoMonitoringFields() throws {
        let project = try Workspace()
        let result = try PPORunner.run(["generate", "--offenders", "50"], in: project)
        for line in result.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["ethnicity"] == nil && object["gender"] == nil && object["religion"] == nil)
            #expect((object["id"] as? String)?.hasPrefix("S-") == true)
        }
    }

    @Test(arguments: [["generate", "--offenders", "-1"], ["generate"], ["generate", "--offenders", "3", "--seed", "x"]])
    func badArgumentsAreUsageErrors(arguments: [String]) throws {
        let result = try PPORunner.run(arguments, in: try Workspace())
        #expect(result.status == 2, "\(result)")
    }
}
