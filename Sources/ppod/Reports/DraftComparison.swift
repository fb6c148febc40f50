import PPOEngine

/// What a draft changes on the live data of one scope (docs/ppod.md, "Drafts"): `ppo diff` of each
/// block the draft's file defines, live rules against the rules with the draft in place, on the same
/// records, previous snapshot and `as_of`.
///
/// The records are the caller's scope only, so a token of one area never sees another area's rows.
/// The live side is the store's ranking every other answer reads; the draft's is evaluated over the
/// store the same way (`RankingEvaluator`), and checklists and alerts are read in pieces, so memory
/// holds forms and results, never the records. A matrix's equality change is made only when
/// `equality` is set (managers and admins); checklists and alerts only when `tasking` is (the roles
/// that may read their results).
struct DraftComparison: Sendable {
    let value: JSONValue
    /// The offenders the answer names (and, with the equality figures, every one of the scope,
    /// whose monitoring fields they read), for the audit log.
    let offenders: [String]

    /// What to compare and for whom.
    struct Request: Sendable {
        let live: RuleSet
        let draft: RuleSet
        let blocks: (matrices: [String], checklists: [String], alerts: [String])
        let scope: DataScope
        let asOf: Day
        let equality: Bool
        let tasking: Bool
        let moves: Int
    }

    static func make(_ request: Request, daemon: Daemon) async throws -> DraftComparison {
        let live = request.live, draft = request.draft, scope = request.scope, asOf = request.asOf
        var offenders: [String] = []
        var matrices: [JSONValue] = []
        let monitoring = request.equality && !request.blocks.matrices.isEmpty ? try await daemon.store.monitoring(scope) : []
        for name in request.blocks.matrices {
            guard live.matrix(named: name) != nil, let draftMatrix = draft.matrix(named: name) else {
                matrices.append(Self.oneSided(name, kind: "matrix", live: live.matrix(named: name) != nil))
                continue
            }
            let before = try await daemon.scopeRanking(matrix: name, scope: scope, asOf: asOf, reports: Reports(rules: live))
            let after = try await RankingEvaluator(store: daemon.store, rules: draft, matrix: draftMatrix, asOf: asOf)
                .full().scope(scope)
            let diff = RankingDiff(old: before.ranking, new: after.ranking, moves: request.moves)
            var change: EqualityDiff?
            if request.equality {
                let from = "the records' ppo.status"
                change = EqualityDiff(
                    old: EqualityReport(ranking: before.ranking, records: monitoring, adopted: { $0.adopted }, adoptedFrom: from),
                    new: EqualityReport(ranking: after.ranking, records: monitoring, adopted: { $0.adopted }, adoptedFrom: from))
                // The figures rest on every record's monitoring fields, as `GET /v1/equality` does.
                offenders += before.ids
            }
            for section in diff.sections { offenders += section.changes.map(\.id) }
            matrices.append(RankingDiffRenderer(diff: diff, equality: change).value)
        }
        var fields: [(String, JSONValue)] = [
            ("as_of", .string(asOf.description)),
            ("scope", .string(scope.description)),
            ("live_rules_digest", .string(live.digest)),
            ("draft_rules_digest", .string(draft.digest)),
            ("matrices", .array(matrices)),
        ]
        if request.tasking {
            let reports = try await Self.reports(request, daemon: daemon)
            offenders += reports.offenders
            fields += [("checklists", .array(reports.checklists)), ("alerts", .array(reports.alerts))]
        } else if !request.blocks.checklists.isEmpty || !request.blocks.alerts.isEmpty {
            // A role that may not read checklist results or alerts is told that they were left out.
            fields.append(("omitted", .string("checklist results and alerts are for the manager, tasking and admin roles")))
        }
        return DraftComparison(value: .fields(fields), offenders: Distinct.ids(offenders))
    }

    /// The checklists' and alerts' diffs, both versions evaluated on the scope read in pieces in one
    /// read transaction.
    private static func reports(_ request: Request, daemon: Daemon) async throws
        -> (checklists: [JSONValue], alerts: [JSONValue], offenders: [String]) {
        let old = Reports(rules: request.live), new = Reports(rules: request.draft)
        let live = request.live, draft = request.draft, blocks = request.blocks, asOf = request.asOf
        return try await daemon.store.withPieces(request.scope) { pieces in
            var checklists: [JSONValue] = [], alerts: [JSONValue] = [], offenders: [String] = []
            for name in blocks.checklists {
                guard ExactText.list(live.checklistNames, contains: name), ExactText.list(draft.checklistNames, contains: name) else {
                    checklists.append(Self.oneSided(name, kind: "checklist", live: ExactText.list(live.checklistNames, contains: name)))
                    continue
                }
                let diff = BreachDiff(old: try old.breaches(checklist: name, pieces: pieces, asOf: asOf),
                                      new: try new.breaches(checklist: name, pieces: pieces, asOf: asOf))
                offenders += diff.offenders.map(\.id)
                checklists.append(BreachDiffRenderer(diff: diff).value)
            }
            for name in blocks.alerts {
                guard ExactText.list(live.alertsNames, contains: name), ExactText.list(draft.alertsNames, contains: name) else {
                    alerts.append(Self.oneSided(name, kind: "alerts", live: ExactText.list(live.alertsNames, contains: name)))
                    continue
                }
                let diff = AlertDiff(old: try old.alerts(block: name, pieces: pieces, asOf: asOf),
                                     new: try new.alerts(block: name, pieces: pieces, asOf: asOf))
                offenders += diff.offenders.map(\.id)
                alerts.append(AlertDiffRenderer(diff: diff).value)
            }
            return (checklists, alerts, offenders)
        }
    }

    /// A block only one side defines: added or removed by the draft, nothing to compare.
    static func oneSided(_ name: String, kind: String, live: Bool) -> JSONValue {
        .fields([(kind, .string(name)), ("change", .string(live ? "removed by the draft" : "added by the draft"))])
    }
}
