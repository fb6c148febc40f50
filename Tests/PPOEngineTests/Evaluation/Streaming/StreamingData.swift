import Foundation
@testable import PPOEngine

/// Awkward inputs for the streamed runs, shared by their differential tests: generated offenders
/// with the samples, the shipped rejects, repeated ids, a byte order mark, CRLF endings, blank lines
/// and no final newline; and a previous snapshot in another order, with ids missing and its own rejects.
enum StreamingData {
    /// The shipped rules, plus an alerts block that reads every standing (`recommended`, `score`,
    /// `tier`, `next_due`) and `changed()` on every offender.
    static let rules: RuleSet = {
        var files = ProjectFiles.shippedRules().map { SourceFile(path: $0.path, text: $0.text) }
        files.append(SourceFile(path: "streaming.ppo", text: """
        alerts "Streaming checks"
          alert "Recommended"
            severity low
            for all
            when recommended("Prolific Offender Prioritisation")
            message "{name}: {score(\\"Prolific Offender Prioritisation\\")} ({tier(\\"Prolific Offender Prioritisation\\")}), next due {next_due(\\"CJS Premium Service\\")}"
          end
          alert "Custody changed"
            severity high
            for all
            when changed(current_custody.establishment) or changed(current_custody.release) or changed(dob)
            message "{name}: now {current_custody.establishment}"
          end
        end
        """))
        return Engine.load(files: files)
    }()

    static func sample(_ name: String) -> [UInt8] {
        (try? Data(contentsOf: ProjectFiles.root.appendingPathComponent("samples/\(name)"))).map(Array.init) ?? []
    }

    static let current: [UInt8] = {
        var text: [UInt8] = [0xEF, 0xBB, 0xBF]
        text += SyntheticPopulation(seed: 3).records(0..<400)
        text += sample("offenders.jsonl") + sample("rejects.jsonl")
        text += Array("\r\n\n   \n".utf8)
        text += Array(#"{"id":"S-0000007","name":"A repeat"}"#.utf8) + [0x0D, 0x0A]
        // Another seed reuses the ids S-0000001…: every one of these is a duplicate, rejected.
        text += SyntheticPopulation(seed: 4).records(0..<100)
        text += Array(#"{"id":"LAST","name":"No newline after me"}"#.utf8)
        return text
    }()

    /// The same offenders a run before: the first 150 unchanged, the next 200 from another seed
    /// (their custody and dates differ), the last 50 missing; in reverse order, with CRLF endings,
    /// a byte order mark, the previous samples, a rejected line and a duplicate.
    static let previous: [UInt8] = {
        var lines: [[UInt8]] = []
        for (seed, range) in [(UInt64(3), 0..<150), (UInt64(5), 150..<350)] {
            let records = SyntheticPopulation(seed: seed).records(range)
            lines += records.split(separator: 0x0A).map(Array.init)
        }
        lines += sample("offenders-previous.jsonl").split(separator: 0x0A).map(Array.init)
        lines.append(Array(#"{"id":"S-0000002","name":"Twice"}"#.utf8))
        lines.append(Array("not json".utf8))
        var text: [UInt8] = [0xEF, 0xBB, 0xBF]
        for line in lines.reversed() { text += line + [0x0D, 0x0A] }
        return text
    }()

    static func read(_ bytes: [UInt8], _ path: String) -> RecordBatch {
        RecordReader(categories: rules.categories).read(bytes: bytes, path: path)
    }
}
