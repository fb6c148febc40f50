/// The state of evaluating rules for one offender: the data, the date, the `where` bindings and the
/// evidence collected so far.
///
/// The frame borrows the offender rather than holding a copy: copying an `Offender` retains each of
/// its strings and collections (about twenty reference counts), once per offender scored. Frames are
/// therefore only made by `EvaluationFrame.with`, which keeps the offender alive and in place for
/// exactly as long as the frame exists, or by `reusable`, for a scoring loop that rebinds one
/// frame to each offender in turn and evaluates nothing with it between offenders.
struct EvaluationFrame {
    /// The offender being evaluated, read in place: `offenderAddress.offender.cases`.
    private(set) var offenderAddress: OffenderAddress
    var view: OffenderView
    private(set) var asOf: Day
    let categories: CategoryTable
    /// Elements bound by `where`, innermost last.
    var bound = Bindings()
    /// Set when arithmetic on numbers went beyond what an `ExactDecimal` holds: the value then
    /// reads as missing, and whoever evaluates a score reports it instead of scoring it.
    var overflowed = false
    /// The records behind the value being computed.
    var evidence = EvidenceList()
    /// Records an aggregate has selected so far, as a stack: each aggregate works above the mark it
    /// started at and cuts back to it, so nested aggregates share one buffer and none allocates.
    var selection: [RecordRef] = []
    /// The same offender in the previous snapshot, for `changed()`; `nil` when there is none.
    var previous: Offender? = nil { didSet { hasContext = true } }
    /// Other blocks' results for this offender, for `score("…")`, `next_due("…")` and the like.
    var standing: OffenderStanding? = nil { didSet { hasContext = true } }
    /// Where the offender stands with the panel on `asOf` (`is_ppo`, `cohort.*`); `nil` when no
    /// decisions are loaded or none about this offender is in effect.
    var cohort: CohortStanding? = nil { didSet { hasContext = true } }
    /// Whether `previous`, `standing` or `cohort` was ever set: `rebind` then clears them. (Testing either
    /// against nil copies the whole optional first.)
    private var hasContext = false

    private init(offender: OffenderAddress, asOf: Day, categories: CategoryTable) {
        offenderAddress = offender; view = OffenderView(); self.asOf = asOf; self.categories = categories
    }

    /// Runs `body` with a frame for `offender` that sees `view` (moved into the frame and back, so
    /// its storage can be reused); the frame must not outlive the call.
    static func with<Result>(_ offender: borrowing Offender, view: inout OffenderView, asOf: Day,
                             categories: CategoryTable, _ body: (inout EvaluationFrame) -> Result) -> Result {
        OffenderAddress.with(offender) { address in
            var frame = EvaluationFrame(offender: address, asOf: asOf, categories: categories)
            swap(&frame.view, &view)
            defer { swap(&frame.view, &view) }
            return body(&frame)
        }
    }

    /// A frame for the offender at `address`, to be kept by a scoring loop and `rebind`-ed to each
    /// offender after: setting a frame up and tearing it down cost some 600 instructions per
    /// offender. The caller keeps each offender valid and unchanged while the frame is bound to
    /// it, and evaluates nothing with the frame once that offender is gone.
    static func reusable(at address: OffenderAddress, asOf: Day, categories: CategoryTable) -> EvaluationFrame {
        EvaluationFrame(offender: address, asOf: asOf, categories: categories)
    }

    /// Binds a `reusable` frame to the offender at `address`, emptied of the last one's bindings,
    /// evidence, selection and snapshots. The view is the caller's to refill.
    mutating func rebind(to address: OffenderAddress, asOf: Day) {
        offenderAddress = address
        self.asOf = asOf
        if bound.count != 0 { bound = Bindings() }
        evidence.removeAll()
        if !selection.isEmpty { selection.removeAll(keepingCapacity: true) }
        if hasContext {
            previous = nil
            standing = nil
            cohort = nil
            hasContext = false
        }
    }

    /// The id of a referenced record, for evidence.
    func id(of ref: RecordRef) -> String? { EvidenceList.id(of: ref, at: offenderAddress) }

    /// Notes the record `ref` as evidence of the value being computed.
    @inline(__always)
    mutating func addEvidence(_ ref: RecordRef) {
        evidence.note(ref, at: offenderAddress)
    }

    /// Notes an id given as text (another block's evidence).
    mutating func addEvidence(id: String) {
        evidence.note(id: id, at: offenderAddress)
    }

    /// The evidence noted so far, as ids.
    var evidenceIDs: [String] { evidence.ids(of: offenderAddress) }
}
