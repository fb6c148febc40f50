import Foundation

/// ppod's counters and request-duration histograms, rendered in the Prometheus text format.
///
/// Written by hand rather than through swift-metrics and a Prometheus backend: a dozen series need
/// no more than a locked dictionary, and every package in the daemon is one more for CI to build.
final class Metrics: Sendable {
    private struct Series: Hashable, Comparable {
        let name: String
        let labels: [String]

        static func < (a: Series, b: Series) -> Bool {
            a.name != b.name ? a.name < b.name : a.labels.lexicographicallyPrecedes(b.labels)
        }

        func rendered(_ suffix: String = "", extra: String? = nil) -> String {
            let all = labels + (extra.map { [$0] } ?? [])
            return all.isEmpty ? name + suffix : name + suffix + "{" + all.joined(separator: ",") + "}"
        }
    }

    private struct Histogram {
        var buckets: [Int]
        var sum = 0.0
        var count = 0
    }

    /// Upper bounds of the request-duration buckets, in seconds.
    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    static let help: [String: (type: String, text: String)] = [
        "ppod_requests_total": ("counter", "HTTP requests answered, by route, method and status."),
        "ppod_request_duration_seconds": ("histogram", "Time to answer a request, by route."),
        "ppod_records_ingested_total": ("counter", "Valid records received by PUT /v1/offenders."),
        "ppod_records_rejected_total": ("counter", "Lines of PUT /v1/offenders rejected, with a reason."),
        "ppod_rules_reloads_total": ("counter", "Rule edits that checked clean and were swapped in."),
        "ppod_rules_reload_failures_total": ("counter", "Rule edits refused: they do not check, or would leave no matrix, checklist or alerts block."),
        "ppod_runs_total": ("counter", "Runs computed and stored, by trigger."),
        "ppod_refusals_total": ("counter", "Requests refused (401, 403), by client address."),
        "ppod_refusals_unaudited_total": ("counter", "Refusals over the audit log's limit per client and minute, counted but not logged."),
        "ppod_offenders": ("gauge", "Offender records held in the store."),
        "ppod_rules_loaded_timestamp_seconds": ("gauge", "When the rules being served were loaded."),
    ]

    /// Counters whose samples carry labels, so that have no sample until they first count.
    static let labelled: Set<String> = ["ppod_requests_total", "ppod_runs_total", "ppod_refusals_total",
                                        "ppod_refusals_unaudited_total"]

    private let counters = Locked<[Series: Double]>([:])
    private let histograms = Locked<[Series: Histogram]>([:])

    func count(_ name: String, labels: [(String, String)] = [], by amount: Double = 1) {
        let series = Series(name: name, labels: Self.format(labels))
        counters.update { $0[series, default: 0] += amount }
    }

    func observe(_ name: String, labels: [(String, String)], seconds: Double) {
        let series = Series(name: name, labels: Self.format(labels))
        histograms.update { histograms in
            var histogram = histograms[series] ?? Histogram(buckets: Array(repeating: 0, count: Self.bounds.count))
            for (index, bound) in Self.bounds.enumerated() where seconds <= bound { histogram.buckets[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            histograms[series] = histogram
        }
    }

    /// The exposition text, with `gauges` (name and value) read at scrape time.
    func render(gauges: [(String, Double)]) -> String {
        var lines: [String] = []
        var described: Set<String> = []
        func describe(_ name: String) {
            guard described.insert(name).inserted, let help = Self.help[name] else { return }
            lines.append("# HELP \(name) \(help.text)")
            lines.append("# TYPE \(name) \(help.type)")
        }
        // Each family whole, after its HELP and TYPE; every counter is described even before it
        // first counts, so dashboards see zeros rather than gaps.
        let counted = counters.get()
        for name in Self.help.keys.sorted() where Self.help[name]?.type == "counter" {
            describe(name)
            let family = counted.filter { $0.key.name == name }.sorted { $0.key < $1.key }
            for (series, value) in family {
                lines.append("\(series.rendered()) \(Self.number(value))")
            }
            // A counter without labels reads 0 until it first counts, rather than being absent.
            if family.isEmpty && !Self.labelled.contains(name) { lines.append("\(name) 0") }
        }
        for (series, histogram) in histograms.get().sorted(by: { $0.key < $1.key }) {
            describe(series.name)
            for (index, bound) in Self.bounds.enumerated() {
                lines.append("\(series.rendered("_bucket", extra: "le=\"\(Self.number(bound))\"")) \(histogram.buckets[index])")
            }
            lines.append("\(series.rendered("_bucket", extra: "le=\"+Inf\"")) \(histogram.count)")
            lines.append("\(series.rendered("_sum")) \(Self.number(histogram.sum))")
            lines.append("\(series.rendered("_count")) \(histogram.count)")
        }
        for (name, value) in gauges {
            describe(name)
            lines.append("\(name) \(Self.number(value))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ labels: [(String, String)]) -> [String] {
        labels.map { name, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            return "\(name)=\"\(escaped)\""
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
