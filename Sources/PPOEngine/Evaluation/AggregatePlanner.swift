/// Compiles `count`, `any`, `all`, `sum`, `max`, `min`, `latest` and `earliest` over a collection.
struct AggregatePlanner {
    let planner: ExpressionPlanner

    func plan(_ aggregate: Aggregate, _ query: CollectionQuery, _ value: TypedExpression?, recording: Bool) -> Evaluator {
        // Predicates and per-element values never add evidence: the aggregate names what it selected.
        let base = planner.plan(query.base, recording: false)
        let predicate = query.predicate.map { planner.plan($0, recording: false) }
        let element = value.map { planner.plan($0, recording: false) }
        let field = query.field
        let kind = query.element
        let window = query.window
        let dateField = Schema.dateField(of: kind)

        return { frame in
            guard case .record(let owner) = base(&frame) else {
                return Self.emptyResult(aggregate)
            }
            let indices = Self.indices(of: field, owner: owner, in: frame)
            let windowStart = window.map { $0.subtracted(from: frame.asOf) }
            var count = 0
            var total = Decimal6.zero
            var best: (value: Value, ref: RecordRef)? = nil
            var bestDate: Day? = nil
            var selected: [RecordRef] = []
            for index in indices {
                let ref = RecordRef(kind: kind, index: index, parent: field == .caseEvents ? owner.index : 0)
                var date: Day? = nil
                if let dateField, case .date(let d) = FieldReader.read(dateField, of: ref, in: &frame) { date = d }
                if let windowStart {
                    guard let d = date, windowStart <= d, d <= frame.asOf else { continue }
                }
                var passes = true
                if let predicate {
                    frame.bound.append(ref)
                    passes = predicate(&frame).isTrue
                    frame.bound.removeLast()
                }
                if aggregate == .all {
                    if !passes { return .bool(false) }
                    if recording { selected.append(ref) }
                    continue
                }
                guard passes else { continue }
                switch aggregate {
                case .count, .any, .all:
                    count += 1
                    if recording { selected.append(ref) }
                case .sum:
                    guard let element else { continue }
                    frame.bound.append(ref)
                    let v = element(&frame)
                    frame.bound.removeLast()
                    if case .number(let n) = v {
                        guard let t = total.adding(n) else { return .missing }
                        total = t
                        if recording { selected.append(ref) }
                    }
                case .max, .min:
                    guard let element else { continue }
                    frame.bound.append(ref)
                    let v = element(&frame)
                    frame.bound.removeLast()
                    if v.isMissing { continue }
                    if let current = best {
                        let better = ExpressionPlanner.compare(aggregate == .max ? .greater : .less, v, current.value)
                        if better { best = (v, ref) }
                    } else {
                        best = (v, ref)
                    }
                case .latest, .earliest:
                    guard let d = date else { continue }
                    // Ties go to the later record, so `>=` / `<=`.
                    if let b = bestDate, aggregate == .latest ? d < b : d > b { continue }
                    bestDate = d
                    best = (.record(ref), ref)
                }
            }
            switch aggregate {
            case .count:
                for ref in selected { frame.addEvidence(ref) }
                return Decimal6(count).map(Value.number) ?? .missing
            case .any:
                for ref in selected { frame.addEvidence(ref) }
                return .bool(count > 0)
            case .all:
                for ref in selected { frame.addEvidence(ref) }
                return .bool(true)
            case .sum:
                for ref in selected { frame.addEvidence(ref) }
                return .number(total)
            case .max, .min, .latest, .earliest:
                guard let best else { return .missing }
                if recording { frame.addEvidence(best.ref) }
                return best.value
            }
        }
    }

    private static func emptyResult(_ aggregate: Aggregate) -> Value {
        switch aggregate {
        case .count, .sum: return .number(.zero)
        case .any: return .bool(false)
        case .all: return .bool(true)
        default: return .missing
        }
    }

    /// The elements of a collection that exist at `as_of` for this evaluation.
    static func indices(of field: Field, owner: RecordRef, in frame: EvaluationFrame) -> [Int32] {
        let o = frame.offender
        func all(_ n: Int) -> [Int32] { (0..<Int32(truncatingIfNeeded: n)).map { $0 } }
        switch field {
        case .offences: return frame.view.offences
        case .intelligence: return frame.view.intelligence
        case .arrests: return frame.view.arrests
        case .drugTests: return frame.view.drugTests
        case .assessments: return frame.view.assessments
        case .custody: return all(o.custody.count)
        case .bail: return all(o.bail.count)
        case .court: return all(o.court.count)
        case .warrants: return all(o.warrants.count)
        case .cases: return all(o.cases.count)
        case .caseEvents:
            let c = Int(owner.index)
            guard owner.kind == .case, o.cases.indices.contains(c) else { return [] }
            // Past case events after as_of do not exist; scheduled (listed) ones do.
            var result: [Int32] = []
            for (i, event) in o.cases[c].events.enumerated() {
                if !event.scheduled, let d = event.date, d > frame.asOf { continue }
                result.append(Int32(truncatingIfNeeded: i))
            }
            return result
        default: return []
        }
    }
}
