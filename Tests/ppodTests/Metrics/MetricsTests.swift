import Testing
@testable import ppod

@Suite struct MetricsTests {
    @Test func familiesAreWholeAndAfterTheirTypeLine() {
        let metrics = Metrics()
        metrics.count("ppod_requests_total", labels: [("route", "/healthz"), ("method", "GET"), ("status", "200")])
        metrics.count("ppod_requests_total", labels: [("route", "/healthz"), ("method", "GET"), ("status", "200")])
        metrics.count("ppod_records_rejected_total", by: 6)
        metrics.observe("ppod_request_duration_seconds", labels: [("route", "/healthz")], seconds: 0.02)
        let text = metrics.render(gauges: [("ppod_offenders", 50)])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("ppod_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"))
        #expect(lines.contains("ppod_records_rejected_total 6"))
        #expect(lines.contains("ppod_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.01\"} 0"))
        #expect(lines.contains("ppod_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.025\"} 1"))
        #expect(lines.contains("ppod_request_duration_seconds_count{route=\"/healthz\"} 1"))
        #expect(lines.contains("ppod_offenders 50"))
        // Every sample follows its family's TYPE line, and no family is split by another's.
        var seen: [String] = []
        for line in lines {
            if line.hasPrefix("# TYPE ") {
                seen.append(String(line.split(separator: " ")[2]))
            } else if !line.hasPrefix("#") {
                let family = String(line.prefix { $0 != "{" && $0 != " " })
                let base = ["_bucket", "_sum", "_count"].reduce(family) { name, suffix in
                    name.hasSuffix(suffix) && seen.last != name ? String(name.dropLast(suffix.count)) : name
                }
                #expect(seen.last == base, "\(line) is not under its own TYPE line")
            }
        }
    }

    @Test func labelValuesAreEscaped() {
        let metrics = Metrics()
        metrics.count("ppod_runs_total", labels: [("trigger", "a\"b\\c\nd")])
        #expect(metrics.render(gauges: []).contains("ppod_runs_total{trigger=\"a\\\"b\\\\c\\nd\"} 1"))
    }
}
