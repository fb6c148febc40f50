import Foundation
import PPOEngine

let population = SyntheticPopulation(seed: 1)
let n = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
let bytes = population.records(0..<n)
let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
let rules = Engine.load(paths: ["matrices"])
let matrix = rules.matrix(named: "Prolific Offender Prioritisation")!
var start = clock.now
print(SHA256.hex(of: bytes))
var t = seconds(clock.now - start)
print("sha", t, Double(bytes.count) / 1e6 / t, "MB/s")
start = clock.now
let batch = RecordReader(categories: rules.categories).read(bytes: bytes, path: "x")
t = seconds(clock.now - start)
print("read", batch.offenders.count, batch.rejected.count, t, Double(bytes.count) / 1e6 / t, "MB/s")
let asOf = Day(iso: "2026-11-22")!
start = clock.now
var total = Decimal6.zero
for o in batch.offenders {
    if case .scored(let s) = matrix.score(o, asOf: asOf) { total = total.adding(s.score)! }
}
t = seconds(clock.now - start)
print("score", total, t, Double(n) / t, "offenders/s")
