/// Compiles `count`, `any`, `all`, `sum`, `max`, `min`, `latest` and `earliest` over a collection.
struct AggregatePlanner {
    let planner: ExpressionPlanner

    func plan(_ aggregate: Aggregate, _ query: CollectionQuery, _ value: TypedExpression?, recording: Bool) -> Evaluator {
        if let scan = ViewAggregate(query, planner, recording: recording) {
            switch aggregate {
            case .count:
                return { frame in .number(ExactDecimal(scan.count(&frame, stopAtFirst: false))) }
            case .any:
                return { frame in .bool(scan.count(&frame, stopAtFirst: true) > 0) }
            case .latest, .earliest:
                let latest = aggregate == .latest
                return { frame in scan.pick(&frame, latest: latest).map(Value.record) ?? .missing }
            case .all, .sum, .max, .min:
                break
            }
        }
        // Predicates and per-element values never add evidence: the aggregate names what it selected.
        let base = planner.plan(query.base, recording: false)
        // Plain closures and flags rather than optionals: unwrapping an optional closure inside the
        // loop takes a reference to its context for every element.
        let predicate = Self.condition(query.predicate, planner)
        let hasPredicate = query.predicate != nil
        let element = Self.evaluator(value, planner)
        let hasElement = value != nil
        let field = query.field
        let kind = query.element
        let window = query.window
        // The element's date is only needed for a window or for `latest`/`earliest`.
        let dateField = window != nil || aggregate == .latest || aggregate == .earliest ? Schema.dateField(of: kind) : nil

        return { frame in
            guard case .record(let owner) = base(&frame) else {
                return Self.emptyResult(aggregate)
            }
            let elements = Self.elements(of: field, owner: owner, in: &frame)
            let windowStart = window.map { $0.subtracted(from: frame.asOf) }
            let parent = field == .caseEvents ? owner.index : 0
            var count = 0
            var total = ExactDecimal.zero
            var best: (value: Value, ref: RecordRef)? = nil
            var bestDate: Day? = nil
            // The records selected, kept on the frame's stack above `mark` until the end.
            let mark = frame.selection.count
            for position in 0..<elements.count {
                let ref = RecordRef(kind: kind, index: elements[position], parent: parent)
                var date: Day? = nil
                if let dateField, case .date(let d) = FieldReader.read(dateField, of: ref, in: &frame) { date = d }
                if let windowStart {
                    guard let d = date, windowStart <= d, d <= frame.asOf else { continue }
                }
                var passes = true
                if hasPredicate {
                    frame.bound.append(ref)
                    passes = predicate(&frame)
                    frame.bound.removeLast()
                }
                if aggregate == .all {
                    if !passes {
                        frame.selection.removeSubrange(mark...)
                        return .bool(false)
                    }
                    if recording { frame.selection.append(ref) }
                    continue
                }
                guard passes else { continue }
                switch aggregate {
                case .count, .any, .all:
                    count += 1
                    if recording { frame.selection.append(ref) }
                case .sum:
                    guard hasElement else { continue }
                    frame.bound.append(ref)
                    let v = element(&frame)
                    frame.bound.removeLast()
                    if case .number(let n) = v {
                        guard let t = total.adding(n) else {
                            frame.overflowed = true
                            frame.selection.removeSubrange(mark...)
                            return .missing
                        }
                        total = t
                        if recording { frame.selection.append(ref) }
                    }
                case .max, .min:
                    guard hasElement else { continue }
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
            let result: Value
            switch aggregate {
            case .count: result = .number(ExactDecimal(count))
            case .any: result = .bool(count > 0)
            case .all: result = .bool(true)
            case .sum: result = .number(total)
            case .max, .min, .latest, .earliest:
                guard let best else { return .missing }
                if recording { frame.addEvidence(best.ref) }
                return best.value
            }
            for position in mark..<frame.selection.count { frame.addEvidence(frame.selection[position]) }
            frame.selection.removeSubrange(mark...)
            return result
        }
    }

    private static func condition(_ expression: TypedExpression?, _ planner: ExpressionPlanner) -> Condition {
        guard let expression else { return { _ in true } }
        return planner.planCondition(expression, recording: false)
    }

    private static func evaluator(_ expression: TypedExpression?, _ planner: ExpressionPlanner) -> Evaluator {
        guard let expression else { return { _ in .missing } }
        return planner.plan(expression, recording: false)
    }

    private static func emptyResult(_ aggregate: Aggregate) -> Value {
        switch aggregate {
        case .count, .sum: return .number(.zero)
        case .any: return .bool(false)
        case .all: return .bool(true)
        default: return .missing
        }
    }

    /// The element indices of one collection, without building an array for the collections that
    /// are whole (custody, bail, …): `0..<count`.
    struct Elements {
        let listed: IndexList
        let whole: Int
        let isWhole: Bool

        var count: Int { isWhole ? whole : listed.count }

        subscript(position: Int) -> Int32 {
            isWhole ? Int32(truncatingIfNeeded: position) : listed[position]
        }

        static func list(_ indices: IndexList) -> Elements { Elements(listed: indices, whole: 0, isWhole: false) }
        static func all(_ count: Int) -> Elements { Elements(listed: IndexList(), whole: count, isWhole: true) }
    }

    /// The elements of a collection that exist at `as_of` for this evaluation.
    /// (`inout` so the frame is not copied: a frame passed by value is copied, with all its fields.)
    static func elements(of field: Field, owner: RecordRef, in frame: inout EvaluationFrame) -> Elements {
        switch field {
        case .offences: return .list(frame.view.offences)
        case .intelligence: return .list(frame.view.intelligence)
        case .arrests: return .list(frame.view.arrests)
        case .drugTests: return .list(frame.view.drugTests)
        case .assessments: return .list(frame.view.assessments)
        case .custody: return .all(frame.offenderAddress.offender.custody.count)
        case .bail: return .all(frame.offenderAddress.offender.bail.count)
        case .court: return .all(frame.offenderAddress.offender.court.count)
        case .warrants: return .all(frame.offenderAddress.offender.warrants.count)
        case .cases: return .all(frame.offenderAddress.offender.cases.count)
        case .caseEvents: return .list(IndexList(caseEvents(owner: owner, in: &frame)))
        default: return .list(IndexList())
        }
    }

    /// A case's events that exist at `as_of`: past events after it do not; scheduled (listed) ones do.
    private static func caseEvents(owner: RecordRef, in frame: inout EvaluationFrame) -> [Int32] {
        let c = Int(owner.index)
        guard owner.kind == .case, frame.offenderAddress.offender.cases.indices.contains(c) else { return [] }
        var result: [Int32] = []
        for (i, event) in frame.offenderAddress.offender.cases[c].events.enumerated() {
            if !event.scheduled, let d = event.date, d > frame.asOf { continue }
            result.append(Int32(truncatingIfNeeded: i))
        }
        return result
    }
}
