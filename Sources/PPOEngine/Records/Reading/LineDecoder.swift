/// What one line of a JSON Lines file holds, before its id is compared with the lines before it.
enum LineContent {
    /// Only whitespace: skipped, but still counted.
    case blank
    /// Rejected before an id could be read (not JSON, not an object, no usable `id`): claims no id.
    case unclaimed(reason: String)
    /// A usable record; it claims its id.
    case offender(Offender)
    /// The record has an id, which it claims, but a field makes it unusable.
    case invalid(id: String, reason: String)
}

/// Decodes one line: the fast byte-level path first, the careful JSON tree when that declines.
///
/// Shared by the sequential `RecordReader` and the parallel reader of `ParallelRanker`, so both
/// trim, skip and reject lines identically.
struct LineDecoder: Sendable {
    let careful: OffenderDecoder
    let direct: DirectOffenderDecoder

    /// `buildsCases: false` leaves case files out of the offenders (checked, not built) on the fast
    /// path: for a matrix that never reads them (`CheckedMatrix.readsCases`).
    init(categories: CategoryTable, buildsCases: Bool = true) {
        careful = OffenderDecoder(categories: categories)
        direct = DirectOffenderDecoder(categories: categories, buildsCases: buildsCases)
    }

    /// The line without its `\r` (and, on the first line of a file, without a UTF-8 byte order mark).
    // Borrowed bytes: the result is a sub-range of `raw`, valid exactly as long as `raw` is.
    static func trimmed(_ raw: UnsafeBufferPointer<UInt8>, isFirstLine: Bool) -> UnsafeBufferPointer<UInt8> {
        var line = raw
        if let last = line.last, last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if isFirstLine, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line.dropFirst(3))
        }
        return line
    }

    /// What the trimmed `line` (numbered `number`) holds.
    // `line` is read only during the call; nothing decoded keeps a pointer into it.
    func decode(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> LineContent {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return .blank }
        if let offender = direct.decode(line, line: number) { return .offender(offender) }
        let value: JSONValue
        switch JSONParser.parse(Array(line)[...]) {
        case .success(let parsed): value = parsed
        case .failure(let error): return .unclaimed(reason: "not valid JSON: \(error)")
        }
        let fields: RecordFields, id: String
        do throws(RecordProblem) {
            (fields, id) = try careful.header(of: value)
        } catch {
            return .unclaimed(reason: error.reason)
        }
        do throws(RecordProblem) {
            return .offender(try careful.decode(fields, id: id, line: number))
        } catch {
            return .invalid(id: id, reason: error.reason)
        }
    }

    /// What a whole line held in an array holds (its carriage return and, on a file's first line,
    /// its byte order mark still in it): a line read back on its own (`PreviousSnapshot`).
    func decode(wholeLine bytes: [UInt8], isFirstLine: Bool, number: Int) -> LineContent {
        // Scoped borrow: the line is trimmed and decoded within the closure; nothing decoded keeps it.
        bytes.withUnsafeBufferPointer { decode(Self.trimmed($0, isFirstLine: isFirstLine), number: number) }
    }

    /// `duplicate id "X" (first seen on line N)`, the id escaped (`SafeText`).
    static func duplicateReason(_ id: String, firstSeen line: Int) -> String {
        "duplicate id \"\(SafeText.escaped(id))\" (first seen on line \(line))"
    }
}
