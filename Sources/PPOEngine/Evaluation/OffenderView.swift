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
        withUnsafePointer(to: offender) { refill(at: $0, asOf: asOf, windowStart: windowStart) }
    }

    /// `refill` for the offender at `address`, read in place (a copy would retain all its fields).
    mutating func refill(at address: UnsafePointer<Offender>, asOf: Day, windowStart: Day?) {
        Self.fill(&offences, address.pointee.offences) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
        // Only graded intelligence can ever be scored (SPEC §1, "no anecdotal scoring").
        Self.fill(&intelligence, address.pointee.intelligence) {
            $0.isGraded && Self.isVisible($0.date, asOf: asOf, windowStart: windowStart)
        }
        Self.fill(&arrests, address.pointee.arrests) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
        Self.fill(&drugTests, address.pointee.drugTests) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
        Self.fill(&assessments, address.pointee.assessments) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
    }

    /// Replaces `indices` with the positions of the `records` that pass `visible`, reading each
    /// record in place through a buffer pointer (a loop over the array would copy every element).
    @inline(__always)
    private static func fill<Record>(_ indices: inout [Int32], _ records: [Record], _ visible: (borrowing Record) -> Bool) {
        if !indices.isEmpty { indices.removeAll(keepingCapacity: true) }
        records.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where visible(buffer[i]) { indices.append(Int32(truncatingIfNeeded: i)) }
        }
    }
}
