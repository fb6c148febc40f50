import Foundation
import Testing

/// Every endpoint answers with the status and the shape docs/ppod.md gives it.
@Suite(.serialized, .daemon())
struct EndpointTests {
    let daemon: DaemonProcess
    init() throws { daemon = try SharedDaemon.require() }

    /// The rules digest `ppo` reports for the scratch directory's rules.
    func ppoRulesDigest() throws -> String {
        let output = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "samples/offenders.jsonl",
                                    "--as-of", "2026-11-22", "--format", "json")
        let document = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any]
        return try #require(document?["rules_digest"] as? String, "\(output)")
    }

    @Test func healthzReportsStatusRulesAndCount() async throws {
        let response = try await daemon.get("/healthz")
        #expect(response.status == 200, "\(response)")
        let health = try response.object()
        #expect(health["status"] as? String == "ok")
        #expect(health["rules_digest"] as? String == (try ppoRulesDigest()))
        #expect(health["offenders"] as? Int == 50)
        #expect(health.keys.contains("last_run"), "no last_run key: \(response)")
    }

    @Test func metricsIsPrometheusTextWithARequestCounter() async throws {
        _ = try await daemon.get("/healthz")
        let response = try await daemon.get("/metrics")
        #expect(response.status == 200, "\(response)")
        #expect(response.header("Content-Type")?.hasPrefix("text/plain") == true, "\(response)")
        let lines = response.text.split(separator: "\n").map(String.init)
        let types = lines.filter { $0.hasPrefix("# TYPE ") }
        #expect(!types.isEmpty, "no # TYPE lines: \(response)")
        let counters = types.compactMap { line -> String? in
            let parts = line.split(separator: " ")
            return parts.count == 4 && parts[3] == "counter" ? String(parts[2]) : nil
        }
        let requestCounter = counters.first { $0.contains("request") }
        #expect(requestCounter != nil, "no request counter among \(counters)")
        if let requestCounter {
            let samples = lines.filter { $0.hasPrefix(requestCounter + "{") || $0.hasPrefix(requestCounter + " ") }
            #expect(!samples.isEmpty, "no samples of \(requestCounter)")
            let total = samples.compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
            #expect(total >= 1, "the request counter counts nothing: \(samples)")
        }
    }

    @Test func rulesListsTheLiveRuleSet() async throws {
        let response = try await daemon.get("/v1/rules", as: daemon.tokens.northtownTasking)
        #expect(response.status == 200, "\(response)")
        let rules = try response.object()
        #expect(rules["digest"] as? String == (try ppoRulesDigest()))
        #expect(rules["loaded_at"] is String)
        let files = rules["files"] as? [String] ?? []
        #expect(files.contains { $0.hasSuffix("matrices/figure3.ppo") }, "files: \(files)")
        #expect(files.contains { $0.hasSuffix("rules/premium-service.ppo") }, "files: \(files)")
        #expect(Self.names(rules["matrices"]).contains(Paths.figure3), "\(response)")
        #expect(Self.names(rules["checklists"]).contains(Paths.premium), "\(response)")
        #expect(Self.names(rules["alerts"]).contains("Daily tasking"), "\(response)")
        #expect(rules["diagnostics"] is [Any])
        #expect(rules["rejected_edit"] is NSNull, "\(response)")
    }

    /// The names in a list of names or of objects with a `name`.
    static func names(_ value: Any?) -> [String] {
        (value as? [Any] ?? []).compactMap { ($0 as? String) ?? ($0 as? [String: Any])?["name"] as? String }
    }

    @Test func ingestAnswersCounts() async throws {
        // The suite's daemon already holds the file: sending it again changes nothing.
        let response = try await daemon.ingest("samples/offenders.jsonl")
        #expect(response.status == 200, "\(response)")
        let ingest = try response.object()
        #expect(ingest["ingest"] is Int)
        #expect(ingest["received"] as? Int == 50)
        #expect(ingest["inserted"] as? Int == 0)
        #expect(ingest["updated"] as? Int == 0)
        #expect(ingest["unchanged"] as? Int == 50)
        #expect((ingest["rejected"] as? [Any])?.isEmpty == true)
        #expect(ingest["offenders"] as? Int == 50)
    }

    @Test func exportGivesTheStoredLines() async throws {
        let response = try await daemon.get("/v1/offenders")
        #expect(response.status == 200, "\(response)")
        #expect(response.lines == JSONLines.lines(of: try daemon.read("samples/offenders.jsonl")))
    }

    @Test func rankingAsJSONAndCSV() async throws {
        let json = try await daemon.get(Paths.ranking("as_of=2026-11-22"))
        #expect(json.status == 200, "\(json)")
        #expect(json.header("Content-Type")?.contains("json") == true, "\(json)")
        let ranking = try json.object()
        #expect(ranking["matrix"] as? String == Paths.figure3)
        #expect(ranking["as_of"] as? String == "2026-11-22")
        #expect((ranking["offenders"] as? [Any])?.count == 48)
        #expect(json.header("PPO-Rules-Digest") == ranking["rules_digest"] as? String)
        #expect(json.header("PPO-Data-Digest") == ranking["data_digest"] as? String)

        let expected = try daemon.ppo("score", "--matrix", Paths.figure3, "--data", "samples/offenders.jsonl",
                                      "--as-of", "2026-11-22", "--format", "csv")
        let csv = try await daemon.get(Paths.ranking("as_of=2026-11-22"), headers: ["Accept": "text/csv"])
        #expect(csv.status == 200, "\(csv)")
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true, "\(csv)")
        #expect(Bytes.same(csv.body, expected.stdout), "\(csv)")
        let formatCSV = try await daemon.get(Paths.ranking("as_of=2026-11-22&format=csv"))
        #expect(formatCSV.status == 200 && formatCSV.body == expected.stdout, "\(formatCSV)")
    }

    @Test func explainGivesOneForm() async throws {
        let response = try await daemon.get(Paths.explain("NT-0001", "matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-22"))
        #expect(response.status == 200, "\(response)")
        let form = try response.object()
        #expect(form["id"] as? String == "NT-0001")
        #expect(form["score"] as? Int == 402)
        #expect(form["rank"] as? Int == 1)
        #expect(form["tier"] as? String == "High")
        #expect(response.header("PPO-Rules-Digest") != nil && response.header("PPO-Data-Digest") != nil, "\(response)")
    }

    @Test func explainNeedsNoMatrixWhenOneIsLoaded() async throws {
        let response = try await daemon.get(Paths.explain("NT-0001", "as_of=2026-11-22"))
        #expect(response.status == 200, "\(response)")
        #expect(try response.object()["matrix"] as? String == Paths.figure3)
    }

    /// Without `as_of` the date is today in `--time-zone` (Europe/London by default).
    @Test func asOfDefaultsToTodayInLondon() async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/London"))
        let before = calendar.dateComponents([.year, .month, .day], from: Date())
        let response = try await daemon.get(Paths.ranking(""))
        let after = calendar.dateComponents([.year, .month, .day], from: Date())
        #expect(response.status == 200, "\(response)")
        let today = [before, after].map { String(format: "%04d-%02d-%02d", $0.year ?? 0, $0.month ?? 0, $0.day ?? 0) }
        #expect(today.contains(try response.object()["as_of"] as? String ?? ""), "\(today)")
    }

    @Test func checklistResultsWithAndWithoutOwner() async throws {
        let all = try await daemon.get(Paths.results("as_of=2026-11-23"), as: daemon.tokens.northtownManager)
        #expect(all.status == 200, "\(all)")
        let results = try all.object()
        #expect(results["checklist"] as? String == Paths.premium)
        let rows = results["results"] as? [[String: Any]] ?? []
        #expect(!rows.isEmpty, "\(all)")
        #expect(Set(rows.compactMap { $0["owner"] as? String }).count > 1, "one owner only: \(all)")

        let police = try await daemon.get(Paths.results("as_of=2026-11-23&owner=police"))
        #expect(police.status == 200, "\(police)")
        let policeRows = try police.object()["results"] as? [[String: Any]] ?? []
        #expect(!policeRows.isEmpty)
        #expect(policeRows.allSatisfy { $0["owner"] as? String == "police" }, "\(police)")
        let expected = try daemon.ppo("breaches", "--checklist", Paths.premium, "--owner", "police",
                                      "--data", "samples/offenders.jsonl", "--as-of", "2026-11-23", "--format", "json")
        #expect(Bytes.same(police.body, expected.stdout), "\(police)")

        let csv = try await daemon.get(Paths.results("as_of=2026-11-23"), headers: ["Accept": "text/csv"])
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true, "\(csv)")
    }

    @Test func alertsOfTheDay() async throws {
        let response = try await daemon.get("/v1/alerts?date=2026-11-23", as: daemon.tokens.northtownTasking)
        #expect(response.status == 200, "\(response)")
        let alerts = try response.object()
        #expect(alerts["as_of"] as? String == "2026-11-23")
        #expect((alerts["blocks"] as? [String])?.contains("Daily tasking") == true, "\(response)")
        #expect(!((alerts["alerts"] as? [Any]) ?? []).isEmpty, "\(response)")
        #expect(response.header("PPO-Rules-Digest") != nil && response.header("PPO-Data-Digest") != nil, "\(response)")

        let block = try await daemon.get("/v1/alerts?date=2026-11-23&alerts=\(Paths.encoded("Daily tasking"))")
        #expect(block.status == 200, "\(block)")
        let csv = try await daemon.get("/v1/alerts?date=2026-11-23&format=csv")
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true, "\(csv)")
    }

    @Test func evaluateScoresTheBodyWithoutStoringIt() async throws {
        let body = Data(#"{"id": "EV-1", "name": "Evan Transient", "dob": "1990-01-01", "area": "Northtown", "offences": [{"id": "EV-1-01", "category": "robbery", "date": "2026-10-01", "evidence": "convicted"}]}"#.utf8 + [10])
        let response = try await daemon.request("POST", "/v1/evaluate?matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-22",
                                                as: daemon.tokens.northtownAnalyst, body: body)
        #expect(response.status == 200, "\(response)")
        let ranking = try response.object()
        #expect(JSONLines.rankingIDs(ranking) == ["EV-1"])
        #expect((ranking["rejected"] as? [Any])?.isEmpty == true)
        let export = try await daemon.get("/v1/offenders")
        #expect(!JSONLines.ids(of: export.body).contains("EV-1"), "evaluate stored its body")

        // The posted records are the caller's own: not area-scoped.
        let southvale = Data(#"{"id": "EV-2", "name": "Eve Elsewhere", "dob": "1990-01-01", "area": "Southvale"}"#.utf8 + [10])
        let scored = try await daemon.request("POST", "/v1/evaluate?matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-22",
                                              as: daemon.tokens.northtownAnalyst, body: southvale)
        #expect(scored.status == 200, "\(scored)")
        #expect(JSONLines.rankingIDs(try scored.object()) == ["EV-2"], "\(scored)")
    }

    @Test func runsAreCreatedListedAndRead() async throws {
        let created = try await daemon.request("POST", "/v1/runs?as_of=2026-11-23&force=true", as: daemon.tokens.admin)
        #expect(created.status == 201, "\(created)")
        let run = try created.object()
        let id = try #require(run["id"] as? Int, "\(created)")
        #expect(run["as_of"] as? String == "2026-11-23")
        #expect(run["trigger"] as? String == "on_demand")
        #expect(run["requested_by"] as? String == "admin")
        #expect(run["created_at"] is String)
        #expect(run["rules_digest"] as? String == (try ppoRulesDigest()))
        #expect(run["data_digest"] is String && run["previous_digest"] is String, "\(created)")
        #expect(run["offenders"] as? Int == 50)
        #expect(run["areas"] as? [String] == ["Northtown", "Southvale"])
        let outputs = run["outputs"] as? [[String: Any]] ?? []
        for area in ["*", "Northtown", "Southvale"] {
            #expect(outputs.contains { $0["kind"] as? String == "ranking" && $0["name"] as? String == Paths.figure3 && $0["area"] as? String == area },
                    "no ranking output for area \(area): \(created)")
        }

        let list = try await daemon.get("/v1/runs", as: daemon.tokens.northtownAnalyst)
        #expect(list.status == 200, "\(list)")
        let runs = try Self.runList(list)
        #expect(runs.first?["id"] as? Int == id, "not newest first: \(list)")
        #expect(runs.allSatisfy { $0["outputs"] == nil }, "the list carries outputs: \(list)")

        let one = try await daemon.get("/v1/runs/\(id)", as: daemon.tokens.northtownAnalyst)
        #expect(one.status == 200, "\(one)")
        #expect(try one.object()["id"] as? Int == id)
        #expect((try one.object()["outputs"] as? [Any])?.isEmpty == false, "\(one)")
    }

    /// The runs of a `GET /v1/runs` answer: a bare array, or the array under `runs`.
    static func runList(_ response: HTTPResponse) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: response.body)
        if let runs = value as? [[String: Any]] { return runs }
        return try #require((value as? [String: Any])?["runs"] as? [[String: Any]], "no list of runs: \(response)")
    }

    /// Every evaluated answer names its rules and data by digest, in the headers as in the body.
    @Test(arguments: [
        ("GET", Paths.ranking("as_of=2026-11-22")),
        ("GET", Paths.ranking("as_of=2026-11-22&format=csv")),
        ("GET", Paths.explain("NT-0001", "as_of=2026-11-22")),
        ("GET", Paths.results("as_of=2026-11-23")),
        ("GET", "/v1/alerts?date=2026-11-23&live=true"),
        ("POST", "/v1/evaluate?matrix=\(Paths.encoded(Paths.figure3))&as_of=2026-11-22"),
    ])
    func evaluatedAnswersCarryDigestHeaders(method: String, path: String) async throws {
        let body = method == "POST" ? try daemon.read("samples/offenders.jsonl") : nil
        let response = try await daemon.request(method, path, as: daemon.tokens.admin, body: body)
        #expect(response.status == 200, "\(response)")
        let rules = try #require(response.header("PPO-Rules-Digest"), "\(response)")
        let data = try #require(response.header("PPO-Data-Digest"), "\(response)")
        if !path.contains("format=csv") {
            let document = try response.object()
            #expect(document["rules_digest"] as? String == rules)
            #expect(document["data_digest"] as? String == data)
        }
    }

    @Test func auditListsEntriesWithAnIntactChain() async throws {
        _ = try await daemon.get(Paths.ranking("as_of=2026-11-22"))
        let response = try await daemon.get("/v1/audit")
        #expect(response.status == 200, "\(response)")
        let audit = try response.object()
        #expect(audit["chain_intact"] as? Bool == true)
        let entries = audit["entries"] as? [[String: Any]] ?? []
        #expect(!entries.isEmpty)
        for key in ["seq", "at", "token", "role", "method", "path", "status", "action", "offenders"] {
            #expect(entries.allSatisfy { $0.keys.contains(key) }, "an entry lacks \(key): \(response)")
        }
        let seqs = entries.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count, "not oldest first: \(seqs)")
    }
}
