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
        func visible<T>(_ items: [T], _ date: (T) -> Day?) -> [Int32] {
            var result: [Int32] = []
            result.reserveCapacity(items.count)
            for (i, item) in items.enumerated() where OffenderView.isVisible(date(item), asOf: asOf, windowStart: windowStart) {
                result.append(Int32(truncatingIfNeeded: i))
            }
            return result
        }
        offences = visible(offender.offences, \.date)
        // Only graded intelligence can ever be scored (SPEC §1, "no anecdotal scoring").
        intelligence = visible(offender.intelligence, \.date).filter { i in
            offender.intelligence[Int(i)].isGraded
        }
        arrests = visible(offender.arrests, \.date)
        drugTests = visible(offender.drugTests, \.date)
        assessments = visible(offender.assessments, \.date)
    }
}
