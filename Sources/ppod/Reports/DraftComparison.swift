import PPOEngine

/// What a draft changes on the live data of one scope (docs/ppod.md, "Drafts"): `ppo diff` of each
/// block the draft's file defines, live rules against the rules with the draft in place, on the same
/// records, previous snapshot and `as_of`.
///
/// The records are the caller's scope only, so a token of one area never sees another area's rows.
/// A matrix's equality change is made only when `equality` is set (managers and admins); checklists
/// and alerts only when `tasking` is (the roles that may read their results).
struct DraftComparison: Sendable {
    let value: JSONValue
    /// The offenders the answer names (and, with the equality figures, every one of the scope,
    /// whose monitoring fields they read), for the audit log.
    let offenders: [String]

    init(live: RuleSet, draft: RuleSet, blocks: (matrices: [String], checklists: [String], alerts: [String]),
         data: ScopeData, asOf: Day, equality: Bool, tasking: Bool, moves: Int) throws {
        let old = Reports(rules: live), new = Reports(rules: draft)
        var offenders: [String] = []
        var matrices: [JSONValue] = []
        for name in blocks.matrices {
            guard live.matrix(named: name) != nil, draft.matrix(named: name) != nil else {
                matrices.append(Self.oneSided(name, kind: "matrix", live: live.matrix(named: name) != nil))
                continue
            }
            let before = try old.ranking(matrix: name, data: data.current, asOf: asOf)
            let after = try new.ranking(matrix: name, data: data.current, asOf: asOf)
            let diff = RankingDiff(old: before, new: after, moves: moves)
            var change: EqualityDiff?
            if equality {
                let records = MonitoringRecord.read(bytes: data.current)
                let from = "the records' ppo.status"
                change = EqualityDiff(old: EqualityReport(ranking: before, records: records, adopted: { $0.adopted }, adoptedFrom: from),
                                      new: EqualityReport(ranking: after, records: records, adopted: { $0.adopted }, adoptedFrom: from))
            }
            for section in diff.sections { offenders += section.changes.map(\.id) }
            // The equality figures rest on every record's monitoring fields, as `GET /v1/equality` does.
            if equality { offenders += data.ids }
            matrices.append(RankingDiffRenderer(diff: diff, equality: change).value)
        }
        var checklists: [JSONValue] = []
        var alerts: [JSONValue] = []
        if tasking {
            for name in blocks.checklists {
                guard ExactText.list(live.checklistNames, contains: name), ExactText.list(draft.checklistNames, contains: name) else {
                    checklists.append(Self.oneSided(name, kind: "checklist", live: ExactText.list(live.checklistNames, contains: name)))
                    continue
                }
                let diff = BreachDiff(old: try old.breaches(checklist: name, data: data.current, asOf: asOf),
                                      new: try new.breaches(checklist: name, data: data.current, asOf: asOf))
                offenders += diff.offenders.map(\.id)
                checklists.append(BreachDiffRenderer(diff: diff).value)
            }
            for name in blocks.alerts {
                guard ExactText.list(live.alertsNames, contains: name), ExactText.list(draft.alertsNames, contains: name) else {
                    alerts.append(Self.oneSided(name, kind: "alerts", live: ExactText.list(live.alertsNames, contains: name)))
                    continue
                }
                let diff = AlertDiff(old: try old.alerts(block: name, data: data.current, previous: data.previous, asOf: asOf),
                                     new: try new.alerts(block: name, data: data.current, previous: data.previous, asOf: asOf))
                offenders += diff.offenders.map(\.id)
                alerts.append(AlertDiffRenderer(diff: diff).value)
            }
        }
        var fields: [(String, JSONValue)] = [
            ("as_of", .string(asOf.description)),
            ("scope", .string(data.scope.description)),
            ("live_rules_digest", .string(live.digest)),
            ("draft_rules_digest", .string(draft.digest)),
            ("matrices", .array(matrices)),
        ]
        // A role that may not read checklist results or alerts is told that they were left out.
        if tasking {
            fields += [("checklists", .array(checklists)), ("alerts", .array(alerts))]
        } else if !blocks.checklists.isEmpty || !blocks.alerts.isEmpty {
            fields.append(("omitted", .string("checklist results and alerts are for the manager, tasking and admin roles")))
        }
        value = .fields(fields)
        self.offenders = Distinct.ids(offenders)
    }

    /// A block only one side defines: added or removed by the draft, nothing to compare.
    static func oneSided(_ name: String, kind: String, live: Bool) -> JSONValue {
        .fields([(kind, .string(name)), ("change", .string(live ? "removed by the draft" : "added by the draft"))])
    }
}
