import Foundation
import Synchronization

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
    let window: WindowStart?
    /// How each element is tested: not at all; by `"needle" in aggravating` read in the loop itself
    /// (the shape of every victim factor on the form, run for every offence); by `elementTest` on
    /// the element where it is; or by `predicate` with the element bound (for a `where` that reads
    /// more than fields).
    enum Filter: Sendable { case none, aggravating, record, bound }

    let filter: Filter
    let needle: StringConstant
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
        let aggravating = Self.aggravatingNeedle(query)
        needle = aggravating ?? StringConstant("")
        if let predicate = query.predicate {
            var references = ExpressionReferences()
            references.collect(predicate)
            guard !references.readsChanged else { return nil }
            if aggravating != nil {
                elementTest = { _, _, _ in true }
                self.predicate = { _ in true }
                filter = .aggravating
            } else if let test = planner.planRecordTest(predicate) {
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
        window = query.window.map(WindowStart.init)
        self.recording = recording
    }

    /// `needle` when the query is `offences where "needle" in aggravating`.
    private static func aggravatingNeedle(_ query: CollectionQuery) -> StringConstant? {
        guard query.field == .offences, let predicate = query.predicate,
              case .contains(let list, let item) = predicate.node, case .string(let text) = item.node,
              case .field(let base, .offenceAggravating) = list.node, case .element(depth: 0) = base.node else {
            return nil
        }
        return StringConstant(text)
    }

    /// How many elements pass (in the window, and the `where`), noting each as evidence when
    /// recording. With `stopAtFirst` and nothing to record, the count stops at 1.
    func count(_ frame: inout EvaluationFrame, stopAtFirst: Bool) -> Int {
        switch collection {
        case .offences: return count(ViewedOffences.self, &frame, stopAtFirst: stopAtFirst)
        case .intelligence: return count(ViewedIntelligence.self, &frame, stopAtFirst: stopAtFirst)
        case .arrests: return count(ViewedArrests.self, &frame, stopAtFirst: stopAtFirst)
        case .drugTests: return count(ViewedDrugTests.self, &frame, stopAtFirst: stopAtFirst)
        case .assessments: return count(ViewedAssessments.self, &frame, stopAtFirst: stopAtFirst)
        }
    }

    /// The element with the latest (or earliest) date that passes; ties go to the later element.
    /// Undated elements never count. The one picked is evidence when recording.
    func pick(_ frame: inout EvaluationFrame, latest: Bool) -> RecordRef? {
        switch collection {
        case .offences: return pick(ViewedOffences.self, &frame, latest: latest)
        case .intelligence: return pick(ViewedIntelligence.self, &frame, latest: latest)
        case .arrests: return pick(ViewedArrests.self, &frame, latest: latest)
        case .drugTests: return pick(ViewedDrugTests.self, &frame, latest: latest)
        case .assessments: return pick(ViewedAssessments.self, &frame, latest: latest)
        }
    }

    // One loop per collection (the generic functions are specialised), so that no element pays
    // for choosing its collection.

    private func count<R: ViewedRecords>(_: R.Type, _ frame: inout EvaluationFrame, stopAtFirst: Bool) -> Int {
        let windowStart = window?.start(asOf: frame.asOf)
        let stops = stopAtFirst && !recording
        // Starting from no evidence, every element this loop notes is a different record of the
        // view, so none needs looking for among those already noted.
        let fresh = recording && frame.evidence.isEmpty
        var count = 0
        // By position through the frame: taking the view's array first would retain and release it.
        var position = 0
        while let index = R.index(position, &frame) {
            position += 1
            if let windowStart {
                guard let d = R.date(Int(index), frame.offenderAddress), windowStart <= d, d <= frame.asOf else { continue }
            }
            guard passes(RecordRef(kind: kind, index: index), &frame) else { continue }
            count += 1
            if fresh {
                frame.evidence.appendDistinct(RecordRef(kind: kind, index: index))
            } else if recording {
                frame.addEvidence(RecordRef(kind: kind, index: index))
            } else if stops {
                break
            }
        }
        return count
    }

    private func pick<R: ViewedRecords>(_: R.Type, _ frame: inout EvaluationFrame, latest: Bool) -> RecordRef? {
        let windowStart = window?.start(asOf: frame.asOf)
        var best: Int32 = 0
        var bestDate: Day? = nil
        var position = 0
        while let index = R.index(position, &frame) {
            position += 1
            guard let d = R.date(Int(index), frame.offenderAddress) else { continue }
            if let windowStart, !(windowStart <= d && d <= frame.asOf) { continue }
            if let b = bestDate, latest ? d < b : d > b { continue }
            guard passes(RecordRef(kind: kind, index: index), &frame) else { continue }
            bestDate = d
            best = index
        }
        guard bestDate != nil else { return nil }
        if recording { frame.addEvidence(RecordRef(kind: kind, index: best)) }
        return RecordRef(kind: kind, index: best)
    }

    /// Whether the element passes the `where` (true without one).
    @inline(__always)
    private func passes(_ ref: RecordRef, _ frame: inout EvaluationFrame) -> Bool {
        switch filter {
        case .none:
            return true
        case .aggravating:
            let i = Int(ref.index), o = frame.offenderAddress
            return o.offender.offences.indices.contains(i) && needle.isIn(o.offender.offences[i].aggravating)
        case .record:
            return elementTest(frame.offenderAddress, ref, frame.asOf)
        case .bound:
            frame.bound.append(ref)
            let passes = predicate(&frame)
            frame.bound.removeLast()
            return passes
        }
    }
}

/// One of the collections the view filters: its visible indices, and each element's date.
protocol ViewedRecords {
    /// The view's index at `position`, or nil past the end.
    static func index(_ position: Int, _ frame: inout EvaluationFrame) -> Int32?
    static func date(_ i: Int, _ o: OffenderAddress) -> Day?
}

enum ViewedOffences: ViewedRecords {
    @inline(__always) static func index(_ position: Int, _ frame: inout EvaluationFrame) -> Int32? {
        position < frame.view.offences.count ? frame.view.offences[position] : nil
    }
    @inline(__always) static func date(_ i: Int, _ o: OffenderAddress) -> Day? {
        o.offender.offences.indices.contains(i) ? o.offender.offences[i].date : nil
    }
}

enum ViewedIntelligence: ViewedRecords {
    @inline(__always) static func index(_ position: Int, _ frame: inout EvaluationFrame) -> Int32? {
        position < frame.view.intelligence.count ? frame.view.intelligence[position] : nil
    }
    @inline(__always) static func date(_ i: Int, _ o: OffenderAddress) -> Day? {
        o.offender.intelligence.indices.contains(i) ? o.offender.intelligence[i].date : nil
    }
}

enum ViewedArrests: ViewedRecords {
    @inline(__always) static func index(_ position: Int, _ frame: inout EvaluationFrame) -> Int32? {
        position < frame.view.arrests.count ? frame.view.arrests[position] : nil
    }
    @inline(__always) static func date(_ i: Int, _ o: OffenderAddress) -> Day? {
        o.offender.arrests.indices.contains(i) ? o.offender.arrests[i].date : nil
    }
}

enum ViewedDrugTests: ViewedRecords {
    @inline(__always) static func index(_ position: Int, _ frame: inout EvaluationFrame) -> Int32? {
        position < frame.view.drugTests.count ? frame.view.drugTests[position] : nil
    }
    @inline(__always) static func date(_ i: Int, _ o: OffenderAddress) -> Day? {
        o.offender.drugTests.indices.contains(i) ? o.offender.drugTests[i].date : nil
    }
}

enum ViewedAssessments: ViewedRecords {
    @inline(__always) static func index(_ position: Int, _ frame: inout EvaluationFrame) -> Int32? {
        position < frame.view.assessments.count ? frame.view.assessments[position] : nil
    }
    @inline(__always) static func date(_ i: Int, _ o: OffenderAddress) -> Day? {
        o.offender.assessments.indices.contains(i) ? o.offender.assessments[i].date : nil
    }
}

/// `as_of - D` for a `within D` window, remembered for the last `as_of` asked: every offender of
/// a run has the same `as_of`, and month arithmetic converts the date to a calendar date and back
/// (a couple of hundred instructions, once per offender per windowed aggregate otherwise).
///
/// One compiled matrix may be scored from several threads, so the pair is kept in one atomic
/// word (`as_of` in the high half, the start in the low half): a reader sees a pair that belongs
/// together, and threads that race merely work the same answer out twice.
final class WindowStart: Sendable {
    let duration: PPODuration
    private let remembered = Atomic<UInt64>(WindowStart.nothing)
    /// No `as_of` packs to this: ordinals are far from `Int32.min`.
    private static let nothing = UInt64(UInt32(bitPattern: Int32.min)) << 32

    init(_ duration: PPODuration) { self.duration = duration }

    @inline(__always)
    func start(asOf date: Day) -> Day {
        let pair = remembered.load(ordering: .relaxed)
        if UInt32(truncatingIfNeeded: pair >> 32) == UInt32(bitPattern: date.ordinal), pair != Self.nothing {
            return Day(ordinal: Int32(bitPattern: UInt32(truncatingIfNeeded: pair)))
        }
        let start = duration.subtracted(from: date)
        remembered.store(UInt64(UInt32(bitPattern: date.ordinal)) << 32 | UInt64(UInt32(bitPattern: start.ordinal)),
                         ordering: .relaxed)
        return start
    }
}
