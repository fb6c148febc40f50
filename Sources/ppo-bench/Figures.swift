import Foundation
import PPOEngine

/// One row of the results table.
struct Figure {
    let name: String
    let value: String
    let target: String
    /// nil when the figure has no target.
    let met: Bool?
    /// How it was measured, for the notes under the table.
    let note: String
}

/// What every figure needs to know.
struct BenchContext {
    let projectRoot: String
    let workDirectory: String
    let ppo: String
    let offenders: Int
    let evaluationOffenders: Int
    let alertsOffenders: Int
    let seed: UInt64
    let runs: Int
    let asOf = SyntheticPopulation.defaultReferenceDate
    let matrixName = "Prolific Offender Prioritisation"

    func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func loadRules() throws -> RuleSet {
        let rules = Engine.load(paths: [projectRoot + "/matrices"] + (FileManager.default.fileExists(atPath: projectRoot + "/rules") ? [projectRoot + "/rules"] : []))
        guard !rules.hasErrors else { throw BenchError("the shipped rules have errors") }
        return rules
    }

    /// The synthetic data file of `count` offenders, generated once and reused while its size and
    /// seed stay the same.
    func dataFile(_ count: Int, seed chosen: UInt64? = nil) throws -> String {
        let seed = chosen ?? self.seed
        let path = workDirectory + "/synthetic-\(count)-seed\(seed).jsonl"
        let stamp = path + ".done"
        if FileManager.default.fileExists(atPath: stamp), FileManager.default.fileExists(atPath: path) { return path }
        log("generating \(Measure.grouped(Double(count))) offenders into \(path)…")
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let population = SyntheticPopulation(seed: seed)
        guard let file = fopen(path, "wb") else { throw BenchError("cannot write \(path)") }
        defer { fclose(file) }
        // Two threads draw alternate slices; slices are written in order.
        let slice = 20_000
        var start = 0
        while start < count {
            let ranges = [start..<min(count, start + slice), min(count, start + slice)..<min(count, start + 2 * slice)]
            let parts = Parts(count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { parts.set($0, population.records(ranges[$0])) }
            // Scoped borrow: `fwrite` copies the bytes out before the closure ends.
            for part in parts.all() { _ = part.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) } }
            start += 2 * slice
        }
        _ = FileManager.default.createFile(atPath: stamp, contents: nil)
        return path
    }
}

private final class Parts: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [[UInt8]]
    init(count: Int) { parts = Array(repeating: [], count: count) }
    func set(_ index: Int, _ bytes: [UInt8]) { lock.lock(); parts[index] = bytes; lock.unlock() }
    func all() -> [[UInt8]] { parts }
}

enum Figures {
    // MARK: ppo check of 1,000 lines

    static func check(_ context: BenchContext) throws -> [Figure] {
        let directory = context.workDirectory + "/check-rules"
        let lines = try RulesFile.write(lines: 1_000, into: directory, projectRoot: context.projectRoot)
        var loaded: RuleSet? = nil
        let inProcess = Measure.median(runs: 20) { loaded = Engine.load(paths: [directory]) }
        guard let loaded, !loaded.hasErrors else { throw BenchError("the generated rules do not check") }
        var walls: [Double] = []
        for _ in 0..<(context.runs * 3 + 1) {
            let run = try ChildProcess.run(context.ppo, ["check", "--rules", directory])
            guard run.status == 0 else { throw BenchError("ppo check failed: \(run.standardError)") }
            walls.append(run.wallSeconds)
        }
        let process = Measure.median(Array(walls.dropFirst()))
        return [
            Figure(name: "`ppo check`, \(lines)-line rules file (whole process)", value: "\(Measure.fixed(process * 1000, 1)) ms",
                   target: "< 50 ms", met: process < 0.050,
                   note: "wall time of the ppo binary, median of \(walls.count - 1) runs"),
            Figure(name: "load + check of the same file in process", value: "\(Measure.fixed(inProcess * 1000, 1)) ms",
                   target: "", met: nil, note: "Engine.load, median of 20 runs"),
        ]
    }

    // MARK: Matrix evaluation, records in memory

    static func evaluation(_ context: BenchContext) throws -> [Figure] {
        let rules = try context.loadRules()
        guard let matrix = rules.matrix(named: context.matrixName) else { throw BenchError("no matrix") }
        let count = context.evaluationOffenders
        context.log("evaluation: reading \(Measure.grouped(Double(count))) synthetic offenders into memory…")
        let bytes = SyntheticPopulation(seed: context.seed).records(0..<count)
        let batch = RecordReader(categories: rules.categories).read(bytes: bytes, path: "synthetic.jsonl")
        guard batch.rejected.isEmpty else { throw BenchError("synthetic data was rejected: \(batch.rejected[0].rendered)") }
        var figures: [Figure] = []
        for threads in [1, 2] {
            let ranker = ParallelRanker(matrix: matrix, categories: rules.categories, asOf: context.asOf, threads: threads)
            var ranked = 0
            let seconds = Measure.median(runs: context.runs) {
                let ranking = ranker.rank(offenders: batch.offenders, rulesDigest: rules.digest, dataDigest: batch.digest)
                ranked = ranking.count
            }
            let rate = Double(count) / seconds
            let target = threads == 2 ? "≥ 1,000,000 offenders/s" : ""
            figures.append(Figure(
                name: "matrix evaluation, figure3, \(threads) core\(threads == 1 ? "" : "s")",
                value: "\(Measure.grouped(rate)) offenders/s", target: target,
                met: threads == 2 ? rate >= 1_000_000 : nil,
                note: "\(Measure.grouped(Double(count))) offenders in memory; score every form (all lines and evidence) and rank \(ranked); median of \(context.runs)"))
        }
        return figures
    }

    // MARK: End to end: ppo score, JSON Lines to ranked JSON

    static func endToEnd(_ context: BenchContext) throws -> [Figure] {
        let data = try context.dataFile(context.offenders)
        let size = (try FileManager.default.attributesOfItem(atPath: data)[.size] as? NSNumber)?.doubleValue ?? 0
        let output = context.workDirectory + "/ranked.json"
        var runs: [ChildRun] = []
        for n in 0..<context.runs {
            try? FileManager.default.removeItem(atPath: output)
            context.log("end to end: ppo score run \(n + 1) of \(context.runs)…")
            let run = try ChildProcess.run(context.ppo, [
                "score", "--matrix", context.matrixName, "--data", data, "--as-of", context.asOf.description,
                "--format", "json", "--output", output,
            ])
            guard run.status == 0 else { throw BenchError("ppo score failed (\(run.status)): \(run.standardError)") }
            runs.append(run)
        }
        let outputSize = (try FileManager.default.attributesOfItem(atPath: output)[.size] as? NSNumber)?.doubleValue ?? 0
        try? FileManager.default.removeItem(atPath: output)
        let wall = Measure.median(runs.map(\.wallSeconds))
        let rss = runs.map(\.peakRSS).max() ?? 0
        let cpu = Measure.median(runs.map { $0.userSeconds + $0.systemSeconds })
        let offenders = Measure.grouped(Double(context.offenders))
        // The targets are for a national run of a million offenders.
        let national = context.offenders >= 1_000_000
        return [
            Figure(name: "`ppo score`, \(offenders) offenders, JSON Lines → ranked JSON: wall time",
                   value: "\(Measure.fixed(wall, 2)) s", target: national ? "< 10 s" : "", met: national ? wall < 10 : nil,
                   note: "median of \(runs.count) runs; \(Measure.fixed(cpu, 1)) s CPU (user + system); input \(Measure.fixed(size / 1e6, 0)) MB, output \(Measure.fixed(outputSize / 1e6, 0)) MB"),
            Figure(name: "`ppo score`, same run: input throughput", value: "\(Measure.fixed(size / 1e6 / wall, 0)) MB/s",
                   target: "", met: nil, note: "input bytes / median wall time"),
            Figure(name: "`ppo score`, same run: peak RSS", value: "\(Measure.fixed(Double(rss) / 1e6, 0)) MB",
                   target: national ? "< 1 GB" : "", met: national ? rss < 1_000_000_000 : nil,
                   note: "largest peak RSS of the runs (GNU time's %M)"),
        ]
    }

    // MARK: Parts of the end-to-end run, for the profile findings

    static func parts(_ context: BenchContext) throws -> [Figure] {
        let count = 100_000
        let bytes = SyntheticPopulation(seed: context.seed).records(0..<count)
        let megabytes = Double(bytes.count) / 1e6
        let sha = Measure.median(runs: context.runs) { _ = SHA256.hex(of: bytes) }
        let rules = try context.loadRules()
        let read = Measure.median(runs: context.runs) {
            _ = RecordReader(categories: rules.categories).read(bytes: bytes, path: "synthetic.jsonl")
        }
        guard let matrix = rules.matrix(named: context.matrixName) else { throw BenchError("no matrix") }
        let decoded = Measure.median(runs: context.runs) {
            _ = ParallelRanker(matrix: matrix, categories: rules.categories, asOf: context.asOf, threads: 1)
                .decodeOnly(bytes)
        }
        let packed = ParallelRanker(matrix: matrix, categories: rules.categories, asOf: context.asOf, threads: 2)
            .rank(bytes: bytes, path: "synthetic.jsonl", rulesDigest: rules.digest)
        let perForm = Double(packed.packedBytes) / Double(max(1, packed.count))
        return [
            Figure(name: "packed form held per ranked offender", value: "\(Measure.fixed(perForm, 0)) bytes",
                   target: "", met: nil, note: "what ppo score keeps per offender between scoring and writing"),
            Figure(name: "decode JSON Lines into offenders (no digest), 1 core", value: "\(Measure.fixed(megabytes / decoded, 0)) MB/s",
                   target: "", met: nil, note: "the fast path of the reader over \(Measure.grouped(Double(count))) offenders in memory"),
            Figure(name: "SHA-256 of the data (the `data_digest`), 1 core", value: "\(Measure.fixed(megabytes / sha, 0)) MB/s",
                   target: "", met: nil, note: "\(Measure.fixed(megabytes, 0)) MB in memory"),
            Figure(name: "read + decode JSON Lines (digest included), 1 core",
                   value: "\(Measure.fixed(megabytes / read, 0)) MB/s",
                   target: "", met: nil, note: "RecordReader over \(Measure.grouped(Double(count))) offenders in memory"),
        ]
    }

    // MARK: Checklists and alerts

    /// `ppo breaches` and `ppo alerts` over the same kind of data, measured like `endToEnd`: both
    /// stream the file (only each offender's results are kept), the alerts with a previous snapshot
    /// (the next seed's offenders, the same ids) for `changed()`. By default on the 1,000,000
    /// offenders of `endToEnd` (`--alerts-offenders`), against the issue's targets.
    static func checklistsAndAlerts(_ context: BenchContext) throws -> [Figure] {
        let count = context.alertsOffenders
        let data = try context.dataFile(count)
        let previous = try context.dataFile(count, seed: context.seed + 1)
        let output = context.workDirectory + "/results.json"
        let commands: [(String, [String])] = [
            ("`ppo breaches` (CJS Premium Service)", ["breaches", "--checklist", "CJS Premium Service"]),
            ("`ppo alerts` (Daily tasking, with --previous)", ["alerts", "--alerts", "Daily tasking", "--previous", previous]),
        ]
        var figures: [Figure] = []
        for (name, arguments) in commands {
            var runs: [ChildRun] = []
            for _ in 0..<context.runs {
                try? FileManager.default.removeItem(atPath: output)
                let run = try ChildProcess.run(context.ppo, arguments + [
                    "--data", data, "--as-of", context.asOf.description, "--format", "json", "--output", output,
                ])
                guard run.status == 0 else { throw BenchError("\(arguments[0]) failed (\(run.status)): \(run.standardError)") }
                runs.append(run)
            }
            try? FileManager.default.removeItem(atPath: output)
            let wall = Measure.median(runs.map(\.wallSeconds))
            let rss = runs.map(\.peakRSS).max() ?? 0
            let atScale = count >= 1_000_000
            figures.append(Figure(
                name: "\(name), \(Measure.grouped(Double(count))) offenders: wall time",
                value: "\(Measure.fixed(wall, 2)) s (\(Measure.grouped(Double(count) / wall)) offenders/s)",
                target: atScale ? "< 15 s" : "", met: atScale ? wall < 15 : nil,
                note: "median of \(runs.count) runs; JSON output"))
            figures.append(Figure(
                name: "\(name), same run: peak RSS",
                value: "\(Measure.fixed(Double(rss) / 1e6, 0)) MB",
                target: atScale ? "< 1 GB" : "", met: atScale ? rss < 1_000_000_000 : nil,
                note: "largest peak RSS of the runs (GNU time's %M)"))
        }
        return figures
    }
}
