/// `count`, `any`, `latest` and `earliest` over one of the offender's collections that the view
/// filters (offences, intelligence, arrests, drug tests, assessments): the shapes every matrix
/// factor uses, compiled to a loop over the view's indices.
///
/// The general loop (`AggregatePlanner`) reads each element's date as a `Value`, keeps what it
/// selects on the frame's selection stack and turns the selection into evidence at the end. Here
/// dates are read typed, and a selected element is noted as evidence as soon as it is selected:
/// the same ids in the same order, because a `where` records no evidence of its own. (`changed()`
/// does; a `where` that calls it keeps the general loop.) `any` without evidence to record stops
/// at the first element that passes.
struct ViewAggregate: Sendable {
    enum Collection: Sendable { case offences, intelligence, arrests, drugTests, assessments }

    let collection: Collection
    let kind: RecordKind
    let window: PPODuration?
    /// How each element is tested: not at all, by `elementTest` on the element where it is, or by
    /// `predicate` with the element bound (for a `where` that reads more than fields).
    enum Filter: Sendable { case none, record, bound }

    let filter: Filter
    let elementTest: RecordTest
    let predicate: Condition
    let recording: Bool

    /// The loop for `query`, or nil when the query is not one of these shapes.
    init?(_ query: CollectionQuery, _ planner: ExpressionPlanner, recording: Bool) {
        guard planner.fastPaths, case .offender = query.base.node else { return nil }
        switch query.field {
        case .offences: collection = .offences
        case .intelligence: collection = .intelligence
        case .arrests: collection = .arrests
        case .drugTests: collection = .drugTests
        case .assessments: collection = .assessments
        default: return nil
        }
        if let predicate = query.predicate {
            var references = ExpressionReferences()
            references.collect(predicate)
            guard !references.readsChanged else { return nil }
            if let test = planner.planRecordTest(predicate) {
                elementTest = test
                self.predicate = { _ in true }
                filter = .record
            } else {
                elementTest = { _, _, _ in true }
                self.predicate = planner.planCondition(predicate, recording: false)
                filter = .bound
            }
        } else {
            elementTest = { _, _, _ in true }
            self.predicate = { _ in true }
            filter = .none
        }
        kind = query.element
        window = query.window
        self.recording = recording
    }

    /// How many elements pass (in the window, and the `where`), noting each as evidence when
    /// recording. With `stopAtFirst` and nothing to record, the count stops at 1.
    func count(_ frame: inout EvaluationFrame, stopAtFirst: Bool) -> Int {
        let indices = self.indices(&frame)
        let windowStart = window.map { $0.subtracted(from: frame.asOf) }
        let stops = stopAtFirst && !recording
        var count = 0
        for index in indices {
            if let windowStart {
                guard let d = date(index, frame.offenderAddress), windowStart <= d, d <= frame.asOf else { continue }
            }
            let ref = RecordRef(kind: kind, index: index)
            guard passes(ref, &frame) else { continue }
            count += 1
            if recording {
                if let id = id(index, frame.offenderAddress) { frame.addEvidence(id) }
            } else if stops {
                break
            }
        }
        return count
    }

    /// The element with the latest (or earliest) date that passes; ties go to the later element.
    /// Undated elements never count. The one picked is evidence when recording.
    func pick(_ frame: inout EvaluationFrame, latest: Bool) -> RecordRef? {
        let indices = self.indices(&frame)
        let windowStart = window.map { $0.subtracted(from: frame.asOf) }
        var best: Int32 = 0
        var bestDate: Day? = nil
        for index in indices {
            guard let d = date(index, frame.offenderAddress) else { continue }
            if let windowStart, !(windowStart <= d && d <= frame.asOf) { continue }
            if let b = bestDate, latest ? d < b : d > b { continue }
            guard passes(RecordRef(kind: kind, index: index), &frame) else { continue }
            bestDate = d
            best = index
        }
        guard bestDate != nil else { return nil }
        let ref = RecordRef(kind: kind, index: best)
        if recording { frame.addEvidence(ref) }
        return ref
    }

    /// Whether the element passes the `where` (true without one).
    @inline(__always)
    private func passes(_ ref: RecordRef, _ frame: inout EvaluationFrame) -> Bool {
        switch filter {
        case .none:
            return true
        case .record:
            return elementTest(frame.offenderAddress, ref, frame.asOf)
        case .bound:
            frame.bound.append(ref)
            let passes = predicate(&frame)
            frame.bound.removeLast()
            return passes
        }
    }

    /// The view's indices for the collection (one reference count, where reading the array through
    /// the frame for each element would pass the frame's exclusivity checks every time).
    @inline(__always)
    private func indices(_ frame: inout EvaluationFrame) -> [Int32] {
        switch collection {
        case .offences: return frame.view.offences
        case .intelligence: return frame.view.intelligence
        case .arrests: return frame.view.arrests
        case .drugTests: return frame.view.drugTests
        case .assessments: return frame.view.assessments
        }
    }

    /// The element's id, as `EvaluationFrame.id(of:)` gives it, without its switch over every kind.
    @inline(__always)
    private func id(_ index: Int32, _ o: UnsafePointer<Offender>) -> String? {
        let i = Int(index)
        switch collection {
        case .offences: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].id : nil
        case .intelligence: return o.pointee.intelligence.indices.contains(i) ? o.pointee.intelligence[i].id : nil
        case .arrests: return o.pointee.arrests.indices.contains(i) ? o.pointee.arrests[i].id : nil
        case .drugTests: return o.pointee.drugTests.indices.contains(i) ? o.pointee.drugTests[i].id : nil
        case .assessments: return o.pointee.assessments.indices.contains(i) ? o.pointee.assessments[i].id : nil
        }
    }

    @inline(__always)
    private func date(_ index: Int32, _ o: UnsafePointer<Offender>) -> Day? {
        let i = Int(index)
        switch collection {
        case .offences: return o.pointee.offences.indices.contains(i) ? o.pointee.offences[i].date : nil
        case .intelligence: return o.pointee.intelligence.indices.contains(i) ? o.pointee.intelligence[i].date : nil
        case .arrests: return o.pointee.arrests.indices.contains(i) ? o.pointee.arrests[i].date : nil
        case .drugTests: return o.pointee.drugTests.indices.contains(i) ? o.pointee.drugTests[i].date : nil
        case .assessments: return o.pointee.assessments.indices.contains(i) ? o.pointee.assessments[i].date : nil
        }
    }
}
