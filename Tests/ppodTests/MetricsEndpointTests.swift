import Foundation
import Testing

/// `GET /metrics` counts what the daemon did, and never names an offender.
///
/// The contract names the families but not the metric names: each is found by the words in its name.
@Suite
struct MetricsEndpointTests {
    /// The metric families of a Prometheus text exposition, by name: type and summed sample values.
    struct Exposition {
        var types: [String: String] = [:]
        var totals: [String: Double] = [:]
        let text: String

        init(_ text: String) {
            self.text = text
            for line in text.split(separator: "\n").map(String.init) {
                let parts = line.split(separator: " ").map(String.init)
                if line.hasPrefix("# TYPE "), parts.count == 4 {
                    types[parts[2]] = parts[3]
                } else if !line.hasPrefix("#"), let value = parts.last.flatMap(Double.init) {
                    let name = String(line.prefix { $0 != "{" && $0 != " " })
                    totals[name, default: 0] += value
                }
            }
        }

        /// The one family of `type` whose name contains every word, or nil.
        func family(_ type: String, _ words: String..., excluding: [String] = []) -> String? {
            let matches = types.filter { name, kind in
                kind == type && words.allSatisfy(name.contains) && !excluding.contains(where: name.contains)
            }
            return matches.count == 1 ? matches.first?.key : nil
        }

        func total(_ family: String?) -> Double {
            guard let family else { return .nan }
            return totals[family] ?? totals[family + "_total"] ?? 0
        }
    }

    func metrics(_ daemon: DaemonProcess) async throws -> Exposition {
        let response = try await daemon.get("/metrics")
        try #require(response.status == 200, "\(response)")
        return Exposition(response.text)
    }

    @Test func countsIngestsRejectsOffendersAndRequests() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        try await daemon.requireIngest("samples/offenders.jsonl")
        let before = try await metrics(daemon)
        let ingested = before.family("counter", "ingested")
        let rejected = before.family("counter", "rejected")
        let offenders = before.family("gauge", "offenders")
        let requests = before.family("counter", "requests")
        let durations = before.types.first { $0.key.contains("duration") && ["histogram", "summary"].contains($0.value) }?.key
        #expect(ingested != nil && rejected != nil && offenders != nil && requests != nil && durations != nil,
                "families: \(before.types)")
        #expect(before.total(ingested) == 50, "\(before.text)")
        #expect(before.total(offenders) == 50, "\(before.text)")

        let response = try await daemon.ingest("samples/rejects.jsonl")
        #expect(response.status == 200, "\(response)")
        _ = try await daemon.get(Paths.explain("NT-0001", "as_of=2026-11-22"))
        _ = try await daemon.get(Paths.explain("NT-0002", "as_of=2026-11-22"))
        let after = try await metrics(daemon)
        #expect(after.total(ingested) - before.total(ingested) == 3, "\(after.text)")
        #expect(after.total(rejected) - before.total(rejected) == 6, "\(after.text)")
        #expect(after.total(offenders) == 53, "\(after.text)")
        #expect(after.total(requests) - before.total(requests) >= 3, "\(after.text)")
        // Routes are labelled by pattern: no offender id (personal data) in the metrics, and no label per offender.
        #expect(!after.text.contains("NT-0001") && !after.text.contains("NT-0002"), "\(after.text)")
    }

    @Test func ingestAtStartIsCountedAsAnIngest() async throws {
        let daemon = try await DaemonProcess.start(["--ingest", "samples/offenders.jsonl"])
        defer { daemon.stop() }
        let exposition = try await metrics(daemon)
        #expect(exposition.total(exposition.family("counter", "ingested")) == 50, "\(exposition.text)")
    }

    @Test func countsReloadsAndRefusedEdits() async throws {
        let daemon = try await DaemonProcess.start()
        defer { daemon.stop() }
        let before = try await metrics(daemon)
        let failures = before.family("counter", "reload", "fail")
        let reloads = before.family("counter", "reload", excluding: ["fail"])
        #expect(failures != nil && reloads != nil, "families: \(before.types)")

        let original = try daemon.read("matrices/figure3.ppo")
        let text = String(decoding: original, as: UTF8.self)
        try daemon.write("matrices/figure3.ppo", Data(text.replacingOccurrences(of: HotReloadTests.robberyLine,
                                                                                with: #"    robbry                "Robbery"                    5"#).utf8))
        try await Self.waitFor(daemon) { $0.total(failures) == before.total(failures) + 1 }
        try daemon.write("matrices/figure3.ppo", Data(text.replacingOccurrences(of: HotReloadTests.burglaryLine,
                                                                                with: HotReloadTests.burglaryLine.dropLast() + "10").utf8))
        try await Self.waitFor(daemon) { $0.total(reloads) == before.total(reloads) + 1 }
    }

    static func waitFor(_ daemon: DaemonProcess, _ condition: (Exposition) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(Patience.seconds)
        var last = Exposition("")
        while true {
            let response = try await daemon.get("/metrics")
            last = Exposition(response.text)
            if condition(last) { return }
            if Date() >= deadline { break }  // checked once more after a long wait for a turn
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the metrics did not reach the expected values within \(Int(Patience.seconds)) s:\n\(last.text)")
    }
}
