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
        /// The matrices and checklists its condition and message read, and whether they call
        /// `changed()`, the one reader of the previous snapshot.
        let reads: ExpressionReferences
    }

    public let name: String
    let alerts: [Alert]
    /// Matrices and checklists the alerts read, evaluated once per run.
    let references: ExpressionReferences
    let categories: CategoryTable
    /// What this was planned from, so each thread of a streamed run can plan its own copy.
    private let checked: CheckedAlerts
    /// The panel's decisions, when loaded (`RuleSet.with(decisions:)`): they decide who is a PPO
    /// and what the `cohort.*` fields say.
    var decisions: DecisionBook? = nil

    init(_ block: CheckedAlerts, categories: CategoryTable) {
        checked = block
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
                         message: parts, notify: alert.notify, reads: own)
        }
        self.references = references
    }

    /// The same block planned afresh, its closures its own: two threads running the same closures
    /// fight over their reference counts (see `CompiledMatrix.planned`).
    func planned() -> CompiledAlerts {
        var copy = CompiledAlerts(checked, categories: categories.copied())
        copy.decisions = decisions
        return copy
    }

    /// Where the offender stands with the panel on `asOf`; nil without decisions or without one about them.
    func cohort(of offender: Offender, asOf: Day) -> CohortStanding? {
        decisions?.standing(of: offender.id, asOf: asOf)
    }

    /// Whether any alert that covers the offender reads the previous snapshot: a streamed run then
    /// fetches the offender's previous record, and otherwise leaves it unread.
    func readsPrevious(_ offender: Offender, adopted: Bool) -> Bool {
        alerts.contains { $0.reads.readsChanged && Scope.covers($0.scope, adopted: adopted) }
    }

    /// What the alerts that cover an offender read, by whether the offender is an adopted PPO
    /// (all a scope looks at): a streamed run works out only those standings.
    func references(adopted: Bool) -> ExpressionReferences {
        var references = ExpressionReferences()
        for alert in alerts where Scope.covers(alert.scope, adopted: adopted) { references.formUnion(alert.reads) }
        return references
    }

    /// The alerts one offender raises, with each alert's position in the block.
    func raise(for offender: Offender, previous: Offender?, standing: OffenderStanding, asOf: Day) -> [(index: Int, result: AlertResult)] {
        var view = OffenderView(offender, asOf: asOf, windowStart: nil)
        let cohort = cohort(of: offender, asOf: asOf)
        return EvaluationFrame.with(offender, view: &view, asOf: asOf, categories: categories) { frame in
            frame.cohort = cohort
            return raise(for: offender, previous: previous, standing: standing, in: &frame)
        }
    }

    private func raise(for offender: Offender, previous: Offender?, standing: OffenderStanding,
                       in frame: inout EvaluationFrame) -> [(index: Int, result: AlertResult)] {
        frame.previous = previous
        frame.standing = standing
        let adopted = Scope.isAdopted(offender, cohort: frame.cohort)
        var results: [(index: Int, result: AlertResult)] = []
        // By index: `for alert in` would copy (and retain every part of) each alert, raised or not.
        for index in alerts.indices where Scope.covers(alerts[index].scope, adopted: adopted) {
            frame.evidence.removeAll()
            guard let when = alerts[index].when, when(&frame).isTrue else { continue }
            let alert = alerts[index]
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
