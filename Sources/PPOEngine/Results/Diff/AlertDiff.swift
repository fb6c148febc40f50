/// Which alerts start or stop firing when an alerts block changes (docs/workbench.md, "Checklists
/// and alerts"): the same records, previous snapshot and `as_of` evaluated by two versions, compared
/// alert by alert and offender by offender.
///
/// An alert result is matched by its block, alert name and offender (exact bytes). A renamed alert
/// stops under its old name and starts under its new one.
public struct AlertDiff: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Fires under the new version only.
        case starts
        /// Fired under the old version only.
        case stops
        /// Fires under both, with another severity, message or whom to notify.
        case changes
    }

    public struct Change: Sendable {
        public let kind: Kind
        public let block: String
        public let alert: String
        public let offender: String
        public let name: String?
        public let old: AlertResult?
        public let new: AlertResult?
    }

    public struct OffenderChanges: Sendable {
        public let id: String
        public let name: String?
        public let changes: [Change]
    }

    /// How many offenders an alert fires for under each version.
    public struct AlertCount: Sendable {
        public let block: String
        public let alert: String
        public let old: Int
        public let new: Int
    }

    public let blocks: [String]
    public let asOf: Day
    public let dataDigest: String
    public let previousDigest: String?
    public let oldRulesDigest: String
    public let newRulesDigest: String
    /// Offenders with a change, in the order the new version lists them, then the old.
    public let offenders: [OffenderChanges]
    /// Every alert either version fires, in the new version's order, then the old's.
    public let counts: [AlertCount]

    public var changes: [Change] { offenders.flatMap(\.changes) }

    public func count(_ kind: Kind) -> Int { changes.filter { $0.kind == kind }.count }

    public init(old: AlertReport, new: AlertReport) {
        blocks = new.blocks
        asOf = new.asOf
        dataDigest = new.dataDigest
        previousDigest = new.previousDigest
        oldRulesDigest = old.rulesDigest
        newRulesDigest = new.rulesDigest

        let pairs = ResultPairing.pairs(old: old.results, new: new.results) { result in
            [ExactText(result.block), ExactText(result.alert), ExactText(result.offender)]
        }
        var changes: [Change] = []
        for (before, after) in pairs {
            guard let any = after ?? before else { continue }
            let kind: Kind
            switch (before, after) {
            case (nil, _): kind = .starts
            case (_, nil): kind = .stops
            case (let a?, let b?):
                guard a.severity != b.severity || a.message != b.message || a.notify != b.notify else { continue }
                kind = .changes
            }
            changes.append(Change(kind: kind, block: any.block, alert: any.alert, offender: any.offender,
                                  name: after?.name ?? before?.name, old: before, new: after))
        }
        offenders = ResultPairing.byOffender(changes, id: \.offender, name: \.name).map {
            OffenderChanges(id: $0.id, name: $0.name, changes: $0.changes)
        }

        struct AlertKey: Hashable { let block: ExactText, alert: ExactText }
        var alertOrder: [AlertKey] = []
        var tally: [AlertKey: (old: Int, new: Int)] = [:]
        for result in new.results {
            let key = AlertKey(block: ExactText(result.block), alert: ExactText(result.alert))
            if tally[key] == nil { alertOrder.append(key); tally[key] = (0, 0) }
            tally[key]?.new += 1
        }
        for result in old.results {
            let key = AlertKey(block: ExactText(result.block), alert: ExactText(result.alert))
            if tally[key] == nil { alertOrder.append(key); tally[key] = (0, 0) }
            tally[key]?.old += 1
        }
        counts = alertOrder.map { key in
            AlertCount(block: key.block.text, alert: key.alert.text, old: tally[key]?.old ?? 0, new: tally[key]?.new ?? 0)
        }
    }
}
