/// The part of an offender one evaluation can see: past events up to `as_of`, inside the matrix
/// window, and only the intelligence the matrix counts.
struct OffenderView: Sendable {
    var offences = IndexList()
    var intelligence = IndexList()
    var arrests = IndexList()
    var drugTests = IndexList()
    var assessments = IndexList()

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
        OffenderAddress.with(offender) { refill(at: $0, asOf: asOf, windowStart: windowStart) }
    }

    /// `refill` for the offender at `address`, read in place (a copy would retain all its fields).
    mutating func refill(at address: OffenderAddress, asOf: Day, windowStart: Day?) {
        offences.fill(address.offender.offences) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
        // Only graded intelligence can ever be scored (SPEC §1, "no anecdotal scoring").
        intelligence.fill(address.offender.intelligence) {
            $0.isGraded && Self.isVisible($0.date, asOf: asOf, windowStart: windowStart)
        }
        arrests.fill(address.offender.arrests) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
        drugTests.fill(address.offender.drugTests) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
        assessments.fill(address.offender.assessments) { Self.isVisible($0.date, asOf: asOf, windowStart: windowStart) }
    }
}
