/// The part of an offender one evaluation can see: past events up to `as_of`, inside the matrix
/// window, and only the intelligence the matrix counts.
struct OffenderView: Sendable {
    var offences: [Int32] = []
    var intelligence: [Int32] = []
    var arrests: [Int32] = []
    var drugTests: [Int32] = []
    var assessments: [Int32] = []

    /// The time cut of SPEC §3: past events after `as_of` do not exist; with a window, neither do
    /// events older than its start, nor undated ones (they cannot be placed inside it).
    static func isVisible(_ date: Day?, asOf: Day, windowStart: Day?) -> Bool {
        guard let date else { return windowStart == nil }
        if date > asOf { return false }
        if let start = windowStart, date < start { return false }
        return true
    }

    init(_ offender: Offender, asOf: Day, windowStart: Day?) {
        refill(offender, asOf: asOf, windowStart: windowStart)
    }

    init() {}

    /// Replaces the view with `offender`'s, reusing the arrays' storage: a run over many offenders
    /// then allocates nothing here after the first.
    mutating func refill(_ offender: Offender, asOf: Day, windowStart: Day?) {
        func visible<T>(_ items: [T], into result: inout [Int32], _ date: (T) -> Day?, _ keep: (T) -> Bool = { _ in true }) {
            result.removeAll(keepingCapacity: true)
            for i in items.indices where OffenderView.isVisible(date(items[i]), asOf: asOf, windowStart: windowStart) && keep(items[i]) {
                result.append(Int32(truncatingIfNeeded: i))
            }
        }
        visible(offender.offences, into: &offences, \.date)
        // Only graded intelligence can ever be scored (SPEC §1, "no anecdotal scoring").
        visible(offender.intelligence, into: &intelligence, \.date, \.isGraded)
        visible(offender.arrests, into: &arrests, \.date)
        visible(offender.drugTests, into: &drugTests, \.date)
        visible(offender.assessments, into: &assessments, \.date)
    }
}
