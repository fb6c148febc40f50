/// The tables the offence lines of one form are worked out in, reused from one offender to the
/// next: per visible offence its row, part and the next offence of its row; per row its subtotal,
/// count, part counts and first and last offence.
///
/// Raw memory owned by this noncopyable value. Held in arrays, every store checked that the array
/// was uniquely referenced and in bounds, some 170 instructions per offence scored; here a store
/// is a store. Every index is checked against the tables' sizes before use, so a caller's mistake
/// reads zeros or is ignored, never touches memory outside them.
struct OffenceTables: ~Copyable {
    static let noRow: Int32 = -2
    static let noEvidence: Int32 = -3
    private static let written: Int32 = -1
    /// Int32 slots per row: count, first offence, last offence, then 8 part counts.
    private static let rowSlots = 11
    /// Int32 slots per offence: row (or `noRow`, `noEvidence`, `written`), part, next of its row.
    private static let offenceSlots = 3

    // Invariant: the four tables are owned by this value (allocated in `init`/`reset`, freed in
    // `reset` and `deinit`); `rowTable` holds `rows * rowSlots`, `subtotals` `rows`, `offenceTable`
    // `offences * offenceSlots`, `idOffsets` `records` initialised slots, and every accessor checks
    // its index against those counts first.
    private var rowTable: UnsafeMutablePointer<Int32>
    private var subtotals: UnsafeMutablePointer<ExactDecimal>
    private var rowCapacity = 0
    private(set) var rows = 0
    private var offenceTable: UnsafeMutablePointer<Int32>
    private var offenceCapacity = 0
    private(set) var offences = 0
    /// Per offence of the offender (by index in `offences`, not in the view): where its id was
    /// written in the form, or -1.
    private var idOffsets: UnsafeMutablePointer<Int>
    private var recordCapacity = 0
    private var records = 0
    /// Whether a row's subtotal went beyond what an `ExactDecimal` holds; the form is then not scored.
    private(set) var overflowed = false

    init() {
        rowTable = .allocate(capacity: 1)
        subtotals = .allocate(capacity: 1)
        offenceTable = .allocate(capacity: 1)
        idOffsets = .allocate(capacity: 1)
    }

    deinit {
        rowTable.deallocate()
        subtotals.deallocate()
        offenceTable.deallocate()
        idOffsets.deallocate()
    }

    /// Empties the tables for an offender with `records` offences, `offences` of them visible, and
    /// a matrix of `rows` rows.
    mutating func reset(rows newRows: Int, offences newOffences: Int, records newRecords: Int) {
        let rowCount = max(0, newRows), offenceCount = max(0, newOffences)
        overflowed = false
        if rowCount > rowCapacity {
            rowTable.deallocate()
            subtotals.deallocate()
            rowCapacity = rowCount
            rowTable = .allocate(capacity: rowCount * Self.rowSlots)
            subtotals = .allocate(capacity: rowCount)
            rows = 0
        }
        if rowCount != rows {
            (rowTable).initialize(repeating: 0, count: rowCount * Self.rowSlots)
            for r in 0..<rowCount { rowTable[r * Self.rowSlots + 1] = -1; rowTable[r * Self.rowSlots + 2] = -1 }
            subtotals.initialize(repeating: .zero, count: rowCount)
            rows = rowCount
        } else {
            // Only rows the previous offender touched hold anything.
            for r in 0..<rows where rowTable[r * Self.rowSlots] != 0 {
                let row = rowTable + r * Self.rowSlots
                row.initialize(repeating: 0, count: Self.rowSlots)
                row[1] = -1
                row[2] = -1
                subtotals[r] = .zero
            }
        }
        if offenceCount > offenceCapacity {
            offenceTable.deallocate()
            offenceCapacity = offenceCount
            offenceTable = .allocate(capacity: offenceCount * Self.offenceSlots)
            offenceTable.initialize(repeating: 0, count: offenceCount * Self.offenceSlots)
        }
        offences = offenceCount
        // Left as it is: the offence lines note every visible offence, scored or not, before
        // reading any back.
        let recordCount = max(0, newRecords)
        if recordCount > recordCapacity {
            idOffsets.deallocate()
            recordCapacity = recordCount
            idOffsets = .allocate(capacity: recordCount)
        }
        records = recordCount
        for i in 0..<recordCount { idOffsets[i] = -1 }
    }

    /// Offence `index` (in the offender's offences) had its id written at `offset` in the form.
    mutating func noteID(ofOffence index: Int, at offset: Int) {
        guard index >= 0, index < records else { return }
        idOffsets[index] = offset
    }

    /// Where offence `index`'s id was written in the form, if it was.
    func idOffset(ofOffence index: Int) -> Int? {
        guard index >= 0, index < records, idOffsets[index] >= 0 else { return nil }
        return idOffsets[index]
    }

    /// Offence `position` scores `points` on row `r` with detail part `part`.
    @inline(__always)
    mutating func noteScored(_ position: Int, row r: Int, part: UInt8, points: ExactDecimal) {
        guard position >= 0, position < offences, r >= 0, r < rows else { return }
        let offence = offenceTable + position * Self.offenceSlots
        let row = rowTable + r * Self.rowSlots
        offence[0] = Int32(truncatingIfNeeded: r)
        offence[1] = Int32(part & 7)
        offence[2] = -1
        if let sum = subtotals[r].adding(points) { subtotals[r] = sum } else { overflowed = true }
        row[0] &+= 1
        row[3 + Int(part & 7)] &+= 1
        let here = Int32(truncatingIfNeeded: position)
        if row[2] >= 0, Int(row[2]) < offences {
            offenceTable[Int(row[2]) * Self.offenceSlots + 2] = here
        } else {
            row[1] = here
        }
        row[2] = here
    }

    /// Offence `position` scores nothing: its category has no row (`reason` 0) or it has no evidence level.
    mutating func noteUnscored(_ position: Int, reason: UInt8) {
        guard position >= 0, position < offences else { return }
        let offence = offenceTable + position * Self.offenceSlots
        offence[0] = reason == 0 ? Self.noRow : Self.noEvidence
        offence[1] = 0
        offence[2] = -1
    }

    mutating func markUnscoredWritten(_ position: Int) {
        guard position >= 0, position < offences else { return }
        offenceTable[position * Self.offenceSlots] = Self.written
    }

    /// The row of offence `position`, or `noRow`, `noEvidence` or `written`.
    func row(at position: Int) -> Int32 {
        guard position >= 0, position < offences else { return Self.written }
        return offenceTable[position * Self.offenceSlots]
    }

    func part(at position: Int) -> UInt8 {
        guard position >= 0, position < offences else { return 0 }
        return UInt8(truncatingIfNeeded: offenceTable[position * Self.offenceSlots + 1] & 7)
    }

    /// The position of the next offence of the same row, or -1.
    func next(after position: Int) -> Int {
        guard position >= 0, position < offences else { return -1 }
        return Int(offenceTable[position * Self.offenceSlots + 2])
    }

    func offenceCount(row r: Int) -> Int {
        guard r >= 0, r < rows else { return 0 }
        return Int(rowTable[r * Self.rowSlots])
    }

    /// The position of row `r`'s first offence, or -1.
    func first(ofRow r: Int) -> Int {
        guard r >= 0, r < rows else { return -1 }
        return Int(rowTable[r * Self.rowSlots + 1])
    }

    func partCount(row r: Int, part: UInt8) -> Int32 {
        guard r >= 0, r < rows else { return 0 }
        return rowTable[r * Self.rowSlots + 3 + Int(part & 7)]
    }

    /// The subtotal of a row's offences (zero when it scored none), for the main-category weighting.
    func subtotal(row r: Int) -> ExactDecimal {
        guard r >= 0, r < rows else { return .zero }
        return subtotals[r]
    }
}
