/// Where an offender being evaluated lives: scoring reads each field in place through this address.
///
/// Copying an `Offender` retains each of its strings and collections (about twenty reference
/// counts), once per offender scored; reading `address.offender.offences` loads one field and
/// copies nothing. The address is only ever made by `with(_:_:)` or `forEach(in:_:)`, which keep
/// the offender alive and in place for the whole of the call that uses it, or is the shared
/// `placeholder`, which nothing reads.
///
/// Invariant: an `OffenderAddress` is used only inside the call that made it (or, for a reusable
/// frame, only until it is rebound to the next offender); the offender is not mutated meanwhile.
/// Tested by `ParallelRankerTests` (every form of the parallel, in-place path equals the simple
/// path's) and `ConditionPlannerTests`.
struct OffenderAddress {
    // Valid while the `with`/`forEach` call that made it runs: see the type's invariant.
    private let pointer: UnsafePointer<Offender>

    @inline(__always)
    private init(_ pointer: UnsafePointer<Offender>) { self.pointer = pointer }

    /// The offender, read in place: `address.offender.cases` loads that field alone, as
    /// `UnsafePointer.pointee` does; binding `address.offender` to a variable would copy it.
    var offender: Offender {
        @inline(__always) unsafeAddress { pointer }
    }

    /// Runs `body` with the address of `offender`, valid for the call only.
    @inline(__always)
    static func with<Result>(_ offender: borrowing Offender, _ body: (OffenderAddress) throws -> Result) rethrows -> Result {
        // The pointer lives exactly as long as this call: `body` must not keep the address.
        try withUnsafePointer(to: offender) { try body(OffenderAddress($0)) }
    }

    /// Runs `body` with the address of `offender`, a variable of the caller's, valid for the call only.
    @inline(__always)
    static func with<Result>(_ offender: inout Offender, _ body: (OffenderAddress) throws -> Result) rethrows -> Result {
        // As above; `inout` takes the variable's own address, with no temporary copy.
        try withUnsafePointer(to: &offender) { try body(OffenderAddress($0)) }
    }

    /// Calls `body` with the address and index of each offender of `offenders` in `range` (clamped
    /// to the array), reading them where the array holds them: `for offender in` would copy each.
    @inline(__always)
    static func forEach(in offenders: [Offender], _ range: Range<Int>, _ body: (OffenderAddress, Int) -> Void) {
        // The array's storage is pinned for the closure; every index is clamped to it.
        offenders.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for i in range.clamped(to: all.indices) { body(OffenderAddress(base + i), i) }
        }
    }

    /// What a reusable frame points at before its first offender; never read.
    // Allocated once, initialised and never changed or freed, so any thread may hold it.
    nonisolated(unsafe) static let placeholder: OffenderAddress = {
        let nobody = UnsafeMutablePointer<Offender>.allocate(capacity: 1)
        nobody.initialize(to: Offender(id: "", line: 0))
        return OffenderAddress(UnsafePointer(nobody))
    }()
}

/// An offender's fields read through its address, each collection loaded from the offender in
/// place, where binding `address.offender` to a variable would copy it.
struct OffenderFields {
    let address: OffenderAddress
    init(_ address: OffenderAddress) { self.address = address }
    var id: String { address.offender.id }
    var name: String? { address.offender.name }
    var dob: Day? { address.offender.dob }
    var pnc: String? { address.offender.pnc }
    var cro: String? { address.offender.cro }
    var aliases: [String] { address.offender.aliases }
    var area: String? { address.offender.area }
    var ppo: PPOMembership? { address.offender.ppo }
    var impact: Impact? { address.offender.impact }
    var flags: [String] { address.offender.flags }
    var offences: [Offence] { address.offender.offences }
    var intelligence: [Intelligence] { address.offender.intelligence }
    var arrests: [Arrest] { address.offender.arrests }
    var drugTests: [DrugTest] { address.offender.drugTests }
    var assessments: [Assessment] { address.offender.assessments }
    var custody: [Custody] { address.offender.custody }
    var bail: [Bail] { address.offender.bail }
    var court: [CourtAppearance] { address.offender.court }
    var warrants: [Warrant] { address.offender.warrants }
    var cases: [Case] { address.offender.cases }
}
