import Foundation
import PPOEngine

// ppo-bench: every figure of BENCHMARKS.md, from the project root, in release mode:
//
//   swift run -c release ppo-bench                 # all figures (scripts/bench does this)
//   swift run -c release ppo-bench --only check,evaluation --runs 5
//
// The end-to-end figure runs the real `ppo` binary (built next to this one) as a child process.

let usage = """
    usage: ppo-bench [--only check,evaluation,e2e,alerts,parts] [--offenders N] [--evaluation-offenders N]
                     [--alerts-offenders N] [--runs R] [--seed S] [--work DIR] [--ppo PATH]
    """

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
    options[String(flag.dropFirst(2))] = value
}

let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
let context = BenchContext(
    projectRoot: FileManager.default.currentDirectoryPath,
    workDirectory: options["work"] ?? NSTemporaryDirectory() + "ppo-bench",
    ppo: options["ppo"] ?? executableDirectory + "/ppo",
    offenders: Int(options["offenders"] ?? "") ?? 1_000_000,
    evaluationOffenders: Int(options["evaluation-offenders"] ?? "") ?? 200_000,
    alertsOffenders: Int(options["alerts-offenders"] ?? "") ?? 1_000_000,
    seed: UInt64(options["seed"] ?? "") ?? 1,
    runs: Int(options["runs"] ?? "") ?? 3)
let selected = Set((options["only"] ?? "check,evaluation,e2e,parts,alerts").split(separator: ",").map(String.init))

guard FileManager.default.fileExists(atPath: context.projectRoot + "/matrices/figure3.ppo") else {
    FileHandle.standardError.write(Data("ppo-bench: run me from the project root (matrices/figure3.ppo not found)\n".utf8))
    exit(2)
}
guard FileManager.default.isExecutableFile(atPath: context.ppo) else {
    FileHandle.standardError.write(Data("ppo-bench: no ppo binary at \(context.ppo); build with swift build -c release\n".utf8))
    exit(2)
}

let loadBefore = Measure.loadAverage()
var figures: [Figure] = []
do {
    let all: [(String, (BenchContext) throws -> [Figure])] = [
        ("check", Figures.check), ("evaluation", Figures.evaluation), ("e2e", Figures.endToEnd),
        ("alerts", Figures.checklistsAndAlerts), ("parts", Figures.parts),
    ]
    for (name, figure) in all where selected.contains(name) {
        context.log("measuring \(name)…")
        figures += try figure(context)
    }
} catch {
    FileHandle.standardError.write(Data("ppo-bench: \(error)\n".utf8))
    exit(1)
}

print("Machine: \(Measure.cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
      + "\(ProcessInfo.processInfo.physicalMemory / 1_000_000_000) GB; load average \(loadBefore) before, "
      + "\(Measure.loadAverage()) after.")
print("Data: `ppo generate --seed \(context.seed)`; as of \(context.asOf); matrix \"\(context.matrixName)\" (matrices/figure3.ppo).")
print("")
print("| figure | result | target | met |")
print("| --- | --- | --- | --- |")
for figure in figures {
    let met = figure.met.map { $0 ? "yes" : "**no**" } ?? ""
    print("| \(figure.name) | \(figure.value) | \(figure.target) | \(met) |")
}
print("")
for figure in figures where !figure.note.isEmpty {
    print("- \(figure.name): \(figure.note).")
}
