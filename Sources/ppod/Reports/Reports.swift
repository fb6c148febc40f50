import PPOEngine

/// The engine's answers for one rule set, computed exactly as `ppo` computes them from a file: the
/// same reader, the same evaluation, the same renderers, on the bytes the store exports.
struct Reports: Sendable {
    /// The rules in force, with the panel's decisions (`RuleSet.with(decisions:)`).
    let rules: RuleSet
    /// The number of the latest decision the rules evaluate with; 0 without decisions.
    var decisionsGeneration: Int64 = 0

    /// What cached answers are keyed on besides the data: the rules, and the decisions they read
    /// (`is_ppo` and the `ppo` scope), so that recording a decision makes older answers unreachable.
    var cacheKey: String {
        decisionsGeneration == 0 ? rules.digest : rules.digest + " decisions \(decisionsGeneration)"
    }
    /// What rejects and data warnings name as their file.
    static let dataLabel = "store"

    /// `ppo score`: the ranking of `data` by the matrix `name`.
    func ranking(matrix name: String, data: [UInt8], asOf: Day, label: String = Reports.dataLabel) throws -> PackedRanking {
        let matrix = try self.matrix(name)
        return ParallelRanker(matrix: matrix, categories: rules.categories, asOf: asOf)
            .rank(bytes: data, path: label, rulesDigest: rules.digest)
    }

    /// `ppo score --format json|csv`.
    func rendered(_ ranking: PackedRanking) -> RenderedDocument {
        RenderedDocument(json: RankingJSONStreamer().render(ranking),
                         csv: Array(RankingCSVRenderer().render(ranking.ranking(withLines: false)).utf8))
    }

    /// `ppo breaches --checklist NAME`: every owner's results.
    func breaches(checklist name: String, data: [UInt8], asOf: Day) throws -> BreachReport {
        guard ExactText.list(rules.checklistNames, contains: name) else { throw unknown("checklist", name, among: rules.checklistNames) }
        let batch = RecordReader(categories: rules.categories).read(bytes: data, path: Self.dataLabel)
        guard let report = rules.breaches(checklist: name, offenders: batch.offenders, asOf: asOf,
                                          dataPath: Self.dataLabel, dataDigest: batch.digest,
                                          rejected: batch.rejected) else {
            throw unknown("checklist", name, among: rules.checklistNames)
        }
        return report
    }

    /// `--owner AGENCY`: the owner's results and summary; 404 for an owner the checklist never names.
    static func only(owner: String?, in report: BreachReport) throws -> BreachReport {
        guard let owner else { return report }
        let owners = report.summary.map(\.owner)
        guard ExactText.list(owners, contains: owner) else {
            var message = "unknown owner '\(owner)' in checklist '\(report.checklist)'"
            message += owners.isEmpty ? " (its rules name no owner)"
                : " (its owners are " + owners.map { "'\($0)'" }.joined(separator: ", ") + ")"
            if let closest = Suggestion.closest(to: owner, in: owners) { message += "; did you mean '\(closest)'?" }
            throw APIError.notFound("unknown-owner", message)
        }
        return report.filtered(owner: owner)
    }

    /// `ppo alerts [--alerts NAME] --previous SNAPSHOT`.
    func alerts(block: String?, data: [UInt8], previous: [UInt8], asOf: Day) throws -> AlertReport {
        if let block, !ExactText.list(rules.alertsNames, contains: block) {
            throw unknown("alerts", block, among: rules.alertsNames)
        }
        if rules.alertsNames.isEmpty {
            throw APIError.notFound("unknown-alerts", "no alerts block is loaded")
        }
        let reader = RecordReader(categories: rules.categories)
        let batch = reader.read(bytes: data, path: Self.dataLabel)
        let snapshot = reader.read(bytes: previous, path: Self.dataLabel + " (previous)")
        return rules.alerts(blocks: block.map { [$0] }, offenders: batch.offenders, previous: snapshot.offenders,
                            asOf: asOf, dataDigest: batch.digest, previousDigest: snapshot.digest,
                            rejected: batch.rejected)
    }

    /// Renders a checklist's or the alerts' report as `ppo` does, through the engine's writers in
    /// pieces (the lists rendered on every core), never as one tree and one string: a national
    /// checklist's JSON is hundreds of MB, and a run renders it for every area.
    static func document(_ report: BreachReport, _ format: OutputFormat) throws -> [UInt8] {
        try collect { output in
            switch format {
            case .json: try BreachesJSONRenderer().write(report, to: output)
            case .csv: try BreachesCSVRenderer().write(report, to: output)
            }
        }
    }

    static func document(_ report: AlertReport, _ format: OutputFormat) throws -> [UInt8] {
        try collect { output in
            switch format {
            case .json: try AlertsJSONRenderer().write(report, to: output)
            case .csv: try AlertsCSVRenderer().write(report, to: output)
            }
        }
    }

    /// The pieces a writer hands over, joined.
    private static func collect(_ write: (([UInt8]) throws -> Void) throws -> Void) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try write { bytes.append(contentsOf: $0) }
        return bytes
    }

    func matrix(_ name: String) throws -> CompiledMatrix {
        guard let matrix = rules.matrix(named: name) else { throw unknown("matrix", name, among: rules.matrixNames) }
        return matrix
    }

    /// The one matrix loaded, for `explain` without `?matrix=`.
    func onlyMatrix() throws -> String {
        guard rules.matrixNames.count == 1, let name = rules.matrixNames.first else {
            let known = rules.matrixNames.map { "'\($0)'" }.joined(separator: ", ")
            throw APIError.badRequest("bad-parameter", "name the matrix with ?matrix= (loaded: \(known))")
        }
        return name
    }

    func unknown(_ kind: String, _ name: String, among names: [String]) -> APIError {
        var message = "unknown \(kind) '\(name)'"
        if let closest = Suggestion.closest(to: name, in: names) {
            message += "; did you mean '\(closest)'?"
        } else if !names.isEmpty {
            message += "; loaded: " + names.map { "'\($0)'" }.joined(separator: ", ")
        }
        return APIError.notFound("unknown-\(kind)", message)
    }
}
