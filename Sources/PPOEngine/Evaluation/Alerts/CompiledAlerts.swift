/// An `alerts` block compiled once (SPEC §5.5).
public struct CompiledAlerts: Sendable {
    struct Alert: Sendable {
        enum Part: Sendable { case text(String), hole(Evaluator) }
        let name: String
        let severity: CheckedAlerts.Severity
        let scope: Scope
        let when: Evaluator?
        let message: [Part]
        let notify: String?
        /// Whether its condition or message calls `changed()`, the one reader of the previous snapshot.
        let readsChanged: Bool
    }

    public let name: String
    let alerts: [Alert]
    /// Matrices and checklists the alerts read, evaluated once per run.
    let references: ExpressionReferences
    let categories: CategoryTable

    init(_ block: CheckedAlerts, categories: CategoryTable) {
        name = block.name
        self.categories = categories
        let planner = ExpressionPlanner(categories: categories)
        var references = ExpressionReferences()
        alerts = block.alerts.map { alert in
            var own = ExpressionReferences()
            if let when = alert.when { own.collect(when) }
            let parts: [Alert.Part] = alert.message.map { part in
                switch part {
                case .text(let text): return .text(text)
                case .hole(let expression):
                    own.collect(expression)
                    return .hole(planner.plan(expression, recording: false))
                }
            }
            references.formUnion(own)
            return Alert(name: alert.name, severity: alert.severity, scope: alert.scope,
                         when: alert.when.map { planner.plan($0, recording: true) },
                         message: parts, notify: alert.notify, readsChanged: own.readsChanged)
        }
        self.references = references
    }

    /// Whether any alert that covers the offender reads the previous snapshot: a streamed run then
    /// fetches the offender's previous record, and otherwise leaves it unread.
    func readsPrevious(_ offender: Offender) -> Bool {
        alerts.contains { $0.readsChanged && Scope.covers($0.scope, offender) }
    }

    /// The alerts one offender raises, with each alert's position in the block.
    func raise(for offender: Offender, previous: Offender?, standing: OffenderStanding, asOf: Day) -> [(index: Int, result: AlertResult)] {
        var view = OffenderView(offender, asOf: asOf, windowStart: nil)
        return EvaluationFrame.with(offender, view: &view, asOf: asOf, categories: categories) { frame in
            raise(for: offender, previous: previous, standing: standing, in: &frame)
        }
    }

    private func raise(for offender: Offender, previous: Offender?, standing: OffenderStanding,
                       in frame: inout EvaluationFrame) -> [(index: Int, result: AlertResult)] {
        frame.previous = previous
        frame.standing = standing
        var results: [(index: Int, result: AlertResult)] = []
        for (index, alert) in alerts.enumerated() where Scope.covers(alert.scope, offender) {
            frame.evidence.removeAll()
            guard let when = alert.when, when(&frame).isTrue else { continue }
            let evidence = frame.evidenceIDs
            var message = ""
            for part in alert.message {
                switch part {
                case .text(let text): message += text
                case .hole(let value):
                    // A message is read by people, not parsed: an absent value reads as such.
                    let shown = value(&frame)
                    message += shown.isMissing ? "not recorded" : shown.text(categories: categories)
                }
            }
            results.append((index, AlertResult(block: name, alert: alert.name, offender: offender.id, name: offender.name,
                                               severity: alert.severity, notify: alert.notify,
                                               message: alert.message.isEmpty ? alert.name : message, evidence: evidence)))
        }
        return results
    }
}
