/// The elements bound by enclosing `where`s, innermost last: a stack that is pushed and popped
/// for every element an aggregate visits.
///
/// Rules rarely nest `where` more than two deep, so the first four bindings live inline and
/// pushing them touches no array (an array's append checks uniqueness and may allocate); deeper
/// ones go to `overflow`.
struct Bindings: ExpressibleByArrayLiteral {
    private var b0 = RecordRef.offender, b1 = RecordRef.offender, b2 = RecordRef.offender, b3 = RecordRef.offender
    private var overflow: [RecordRef] = []
    private(set) var count = 0

    init(arrayLiteral elements: RecordRef...) {
        for element in elements { append(element) }
    }

    /// The binding at `position` from the outermost (0), or nil if there is none.
    subscript(position: Int) -> RecordRef? {
        guard position >= 0, position < count else { return nil }
        switch position {
        case 0: return b0
        case 1: return b1
        case 2: return b2
        case 3: return b3
        default: return overflow.indices.contains(position - 4) ? overflow[position - 4] : nil
        }
    }

    /// The binding pushed last (what `where`'s element is), or nil if there is none.
    var innermost: RecordRef? {
        @inline(__always) get {
            switch count {
            case 0: return nil
            case 1: return b0
            case 2: return b1
            case 3: return b2
            case 4: return b3
            default: return overflow.last
            }
        }
    }

    mutating func append(_ ref: RecordRef) {
        switch count {
        case 0: b0 = ref
        case 1: b1 = ref
        case 2: b2 = ref
        case 3: b3 = ref
        default: overflow.append(ref)
        }
        count += 1
    }

    mutating func removeLast() {
        guard count > 0 else { return }
        count -= 1
        if count >= 4, !overflow.isEmpty { overflow.removeLast() }
    }

    mutating func removeAll() {
        count = 0
        overflow.removeAll(keepingCapacity: true)
    }
}
