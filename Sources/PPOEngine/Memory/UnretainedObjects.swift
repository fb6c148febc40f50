/// A fixed list of objects that the scoring loop calls without counting references.
///
/// Calling a method of an object held in an array retains and releases it, an atomic operation
/// each, once per factor per offender. This list keeps every object alive itself (`objects`, the
/// strong references, for as long as the list exists) and hands each one out as a guaranteed
/// reference, so a call costs no reference count.
///
/// Invariant: `references[i]` is `objects[i]` unretained; both arrays are set once, in `init`,
/// and never change, so each unretained reference is valid for the list's whole life. Exercised
/// on every factor of every offender by the matrix tests and `ParallelRankerTests`.
struct UnretainedObjects<Object: AnyObject>: @unchecked Sendable {
    private let objects: [Object]
    private let references: [Unmanaged<Object>]

    init(_ objects: [Object]) {
        self.objects = objects
        // Unretained: `objects` holds the strong references for as long as this list exists.
        references = objects.map { Unmanaged.passUnretained($0) }
    }

    var count: Int { references.count }

    /// Calls `body` with object `index` (bounds-checked), borrowed without a reference count.
    @inline(__always)
    func withObject<Result>(at index: Int, _ body: (Object) throws -> Result) rethrows -> Result {
        // Guaranteed alive: `objects[index]` is the same object, held strongly by this list.
        try references[index]._withUnsafeGuaranteedRef(body)
    }
}
