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
        // Plain loops over each collection: a generic helper taking key paths copied every element.
        let offender = OffenderCollections(address)
        offences.removeAll(keepingCapacity: true)
        for i in offender.offences.indices
        where OffenderView.isVisible(offender.offences[i].date, asOf: asOf, windowStart: windowStart) {
            offences.append(Int32(truncatingIfNeeded: i))
        }
        // Only graded intelligence can ever be scored (SPEC §1, "no anecdotal scoring").
        intelligence.removeAll(keepingCapacity: true)
        for i in offender.intelligence.indices
        where offender.intelligence[i].isGraded
            && OffenderView.isVisible(offender.intelligence[i].date, asOf: asOf, windowStart: windowStart) {
            intelligence.append(Int32(truncatingIfNeeded: i))
        }
        arrests.removeAll(keepingCapacity: true)
        for i in offender.arrests.indices
        where OffenderView.isVisible(offender.arrests[i].date, asOf: asOf, windowStart: windowStart) {
            arrests.append(Int32(truncatingIfNeeded: i))
        }
        drugTests.removeAll(keepingCapacity: true)
        for i in offender.drugTests.indices
        where OffenderView.isVisible(offender.drugTests[i].date, asOf: asOf, windowStart: windowStart) {
            drugTests.append(Int32(truncatingIfNeeded: i))
        }
        assessments.removeAll(keepingCapacity: true)
        for i in offender.assessments.indices
        where OffenderView.isVisible(offender.assessments[i].date, asOf: asOf, windowStart: windowStart) {
            assessments.append(Int32(truncatingIfNeeded: i))
        }
    }
}

/// The five collections a view filters, taken from an offender in place.
private struct OffenderCollections {
    let offences: [Offence]
    let intelligence: [Intelligence]
    let arrests: [Arrest]
    let drugTests: [DrugTest]
    let assessments: [Assessment]

    init(_ address: UnsafePointer<Offender>) {
        offences = address.pointee.offences
        intelligence = address.pointee.intelligence
        arrests = address.pointee.arrests
        drugTests = address.pointee.drugTests
        assessments = address.pointee.assessments
    }
}
