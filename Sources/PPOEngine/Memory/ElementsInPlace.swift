/// An array's elements read where the array holds them, for the length of one call.
///
/// Reading `array[i].id` through the array checks uniqueness and bounds and may copy the element,
/// retaining each of its strings and lists; the offence lines read several fields of every visible
/// offence for every offender. Here a read is a load from the element's own storage.
///
/// Invariant: made only by `with(_:_:)`, which pins the array's storage for the call; `body` must
/// not keep the value. Reads are at indices the caller has checked with `indices.contains`.
/// Exercised by every matrix test (`MatrixSemanticsTests`, `ParallelRankerTests`).
struct ElementsInPlace<Element> {
    // Valid for the `with` call that made it: see the type's invariant.
    private let buffer: UnsafeBufferPointer<Element>

    @inline(__always)
    private init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = buffer }

    /// Runs `body` with the elements of `array`, valid for the call only.
    @inline(__always)
    static func with<Result>(_ array: [Element], _ body: (ElementsInPlace) throws -> Result) rethrows -> Result {
        try array.withUnsafeBufferPointer { try body(ElementsInPlace($0)) }
    }

    var indices: Range<Int> {
        @inline(__always) get { buffer.indices }
    }

    /// The element at `index`, which must be in `indices`; `self[i].field` loads that field alone.
    subscript(index: Int) -> Element {
        @inline(__always) unsafeAddress { UnsafePointer(buffer.baseAddress.unsafelyUnwrapped + index) }
    }
}
