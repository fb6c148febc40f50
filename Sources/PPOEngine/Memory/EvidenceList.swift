/// The records behind the value being computed, in the order they were noted, each record once.
///
/// Held as record references rather than ids. Noting a record is then a comparison of integers,
/// and no id is retained, compared or released until a line that scores is written: a factor such
/// as `count(offences)` notes a dozen records per offender, and the matrix has a dozen factors.
///
/// Two distinct records that carry the same id (SPEC §3 requires unique ids only of offenders)
/// are both listed, as the offence lines list every offence: the evidence names each record that
/// produced the points. Ids given as text (another block's evidence, through `next_due`) are kept
/// once per id, and not again when a record with that id is noted, or the other way round.
///
/// The entries live in memory the list writes to directly: in an array, each store checked that
/// the storage was unshared and in bounds, some forty instructions per record noted. So the list
/// has reference semantics: a copy shares the entries. To undo what an evaluation noted, take a
/// `mark()` and `restore(_:)` it, rather than keeping a copy.
struct EvidenceList: @unchecked Sendable {
    /// A record of the offender, or (`text >= 0`) the id at that index of `texts`.
    private struct Entry: Equatable {
        var ref: RecordRef
        var text: Int32
    }

    /// Owns the memory `base` points into.
    // Invariant: `base` points at `capacity` entries owned by `storage`, which outlives every use of
    // `base` (they are replaced together in `grow`); entries are read only below `count <= capacity`.
    private final class Storage {
        let base: UnsafeMutablePointer<Entry>
        init(capacity: Int) { base = .allocate(capacity: capacity) }
        deinit { base.deallocate() }
    }

    private var storage: Storage? = nil
    /// Entries `0..<count` are the list; those beyond are left from earlier use, so emptying the
    /// list is setting `count`.
    private var base: UnsafeMutablePointer<Entry>? = nil
    private var capacity = 0
    private(set) var count = 0
    private var texts: [String] = []
    /// One bit per record noted, by index: a record whose bit is clear is not in the list, so the
    /// usual case (a dozen different offences) is decided without comparing entries.
    private var seen: UInt64 = 0

    var isEmpty: Bool { count == 0 }

    /// Empties the list, keeping its storage.
    @inline(__always)
    mutating func removeAll() {
        count = 0
        seen = 0
        if !texts.isEmpty { texts.removeAll(keepingCapacity: true) }
    }

    /// Notes the record `ref` of the offender at `address`, unless it is noted already or has no
    /// id (the `ppo` membership, or an index past the end of its collection).
    mutating func note(_ ref: RecordRef, at address: OffenderAddress) {
        guard Self.exists(ref, at: address) else { return }
        let entry = Entry(ref: ref, text: -1)
        let bit = Self.bit(ref)
        if seen & bit != 0, let base {
            for position in 0..<count where base[position] == entry { return }
        }
        if !texts.isEmpty, let id = Self.id(of: ref, at: address), ExactText.list(texts, contains: id) { return }
        seen |= bit
        append(entry)
    }

    /// The bit of `seen` a record sets.
    @inline(__always)
    private static func bit(_ ref: RecordRef) -> UInt64 {
        UInt64(1) << UInt64((Int(ref.index) &+ Int(ref.parent) &* 5) & 63)
    }

    /// Notes `ref`, a record the caller knows exists and is not in the list (a view aggregate
    /// that started from an empty list notes each element once): no looking among the others.
    @inline(__always)
    mutating func appendDistinct(_ ref: RecordRef) {
        seen |= Self.bit(ref)
        append(Entry(ref: ref, text: -1))
    }

    /// Notes an id given as text, unless that id is noted already.
    mutating func note(id: String, at address: OffenderAddress) {
        for position in 0..<count where ExactText.same(self.id(at: position, of: address), id) { return }
        texts.append(id)
        append(Entry(ref: .offender, text: Int32(truncatingIfNeeded: texts.count - 1)))
    }

    @inline(__always)
    private mutating func append(_ entry: Entry) {
        if count >= capacity { grow() }
        guard let base, count < capacity else { return }
        base[count] = entry
        count += 1
    }

    @inline(never)
    private mutating func grow() {
        let newCapacity = max(16, capacity * 2)
        let grown = Storage(capacity: newCapacity)
        if let base { grown.base.update(from: base, count: count) }
        storage = grown
        base = grown.base
        capacity = newCapacity
    }

    /// The entry at `position` (`0..<count`).
    private func entry(at position: Int) -> Entry? {
        guard let base, position >= 0, position < count else { return nil }
        return base[position]
    }

    /// Where the list stands, to `restore` it to.
    struct Mark {
        fileprivate let count: Int
        fileprivate let texts: Int
        fileprivate let seen: UInt64
    }

    func mark() -> Mark { Mark(count: count, texts: texts.count, seen: seen) }

    /// Forgets what was noted since `mark` was taken.
    mutating func restore(_ mark: Mark) {
        guard mark.count <= count else { return }
        count = mark.count
        seen = mark.seen
        if texts.count > mark.texts { texts.removeLast(texts.count - mark.texts) }
    }

    /// The id of the entry at `position` (`0..<count`), read from the offender at `address`.
    func id(at position: Int, of address: OffenderAddress) -> String {
        guard let entry = entry(at: position) else { return "" }
        if entry.text >= 0 { return texts.indices.contains(Int(entry.text)) ? texts[Int(entry.text)] : "" }
        // `note` admits only records that exist, so every record entry has an id.
        return Self.id(of: entry.ref, at: address) ?? ""
    }

    /// The index in the offender's offences of the entry at `position`, when it is an offence.
    func offenceIndex(at position: Int) -> Int? {
        guard let entry = entry(at: position) else { return nil }
        return entry.text < 0 && entry.ref.kind == .offence ? Int(entry.ref.index) : nil
    }

    /// The ids, in the order noted.
    func ids(of address: OffenderAddress) -> [String] {
        (0..<count).map { id(at: $0, of: address) }
    }

    /// Whether `ref` names a record with an id: everything but the `ppo` membership, within range.
    private static func exists(_ ref: RecordRef, at address: OffenderAddress) -> Bool {
        let i = Int(ref.index)
        guard i >= 0 else { return false }
        switch ref.kind {
        case .offender: return true
        case .ppo, .cohort: return false
        case .offence: return i < address.offender.offences.count
        case .intelligence: return i < address.offender.intelligence.count
        case .arrest: return i < address.offender.arrests.count
        case .drugTest: return i < address.offender.drugTests.count
        case .assessment: return i < address.offender.assessments.count
        case .custody: return i < address.offender.custody.count
        case .bail: return i < address.offender.bail.count
        case .court: return i < address.offender.court.count
        case .warrant: return i < address.offender.warrants.count
        case .case: return i < address.offender.cases.count
        case .event:
            let c = Int(ref.parent)
            return address.offender.cases.indices.contains(c) && i < address.offender.cases[c].events.count
        }
    }

    /// The id of a referenced record.
    static func id(of ref: RecordRef, at address: OffenderAddress) -> String? {
        let i = Int(ref.index)
        // Each collection read through `address.offender`, in place: a local copy would be retained.
        switch ref.kind {
        case .offender: return address.offender.id
        case .ppo, .cohort: return nil
        case .offence: return address.offender.offences.indices.contains(i) ? address.offender.offences[i].id : nil
        case .intelligence:
            return address.offender.intelligence.indices.contains(i) ? address.offender.intelligence[i].id : nil
        case .arrest: return address.offender.arrests.indices.contains(i) ? address.offender.arrests[i].id : nil
        case .drugTest: return address.offender.drugTests.indices.contains(i) ? address.offender.drugTests[i].id : nil
        case .assessment:
            return address.offender.assessments.indices.contains(i) ? address.offender.assessments[i].id : nil
        case .custody: return address.offender.custody.indices.contains(i) ? address.offender.custody[i].id : nil
        case .bail: return address.offender.bail.indices.contains(i) ? address.offender.bail[i].id : nil
        case .court: return address.offender.court.indices.contains(i) ? address.offender.court[i].id : nil
        case .warrant: return address.offender.warrants.indices.contains(i) ? address.offender.warrants[i].id : nil
        case .case: return address.offender.cases.indices.contains(i) ? address.offender.cases[i].id : nil
        case .event:
            let c = Int(ref.parent)
            guard address.offender.cases.indices.contains(c), address.offender.cases[c].events.indices.contains(i) else {
                return nil
            }
            return address.offender.cases[c].events[i].id
        }
    }
}
