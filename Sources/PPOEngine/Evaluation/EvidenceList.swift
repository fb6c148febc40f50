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
struct EvidenceList: Sendable {
    /// A record of the offender, or (`text >= 0`) the id at that index of `texts`.
    private struct Entry: Equatable {
        var ref: RecordRef
        var text: Int32
    }

    /// Entries beyond `count` are left from earlier use: emptying the list keeps its storage
    /// without the cost of `removeAll(keepingCapacity:)` on every factor of every offender.
    private var entries: [Entry] = []
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
    mutating func note(_ ref: RecordRef, at address: UnsafePointer<Offender>) {
        guard Self.exists(ref, at: address) else { return }
        let entry = Entry(ref: ref, text: -1)
        let bit = UInt64(1) << UInt64((Int(ref.index) &+ Int(ref.parent) &* 5) & 63)
        if seen & bit != 0 {
            var position = 0
            while position < count {
                if entries[position] == entry { return }
                position += 1
            }
        }
        if !texts.isEmpty, let id = Self.id(of: ref, at: address), texts.contains(id) { return }
        seen |= bit
        append(entry)
    }

    /// Notes an id given as text, unless that id is noted already.
    mutating func note(id: String, at address: UnsafePointer<Offender>) {
        for position in 0..<count where self.id(at: position, of: address) == id { return }
        texts.append(id)
        append(Entry(ref: .offender, text: Int32(truncatingIfNeeded: texts.count - 1)))
    }

    private mutating func append(_ entry: Entry) {
        if count < entries.count {
            entries[count] = entry
        } else {
            entries.append(entry)
        }
        count += 1
    }

    /// The id of the entry at `position` (`0..<count`), read from the offender at `address`.
    func id(at position: Int, of address: UnsafePointer<Offender>) -> String {
        guard position >= 0, position < count else { return "" }
        let entry = entries[position]
        if entry.text >= 0 { return texts.indices.contains(Int(entry.text)) ? texts[Int(entry.text)] : "" }
        // `note` admits only records that exist, so every record entry has an id.
        return Self.id(of: entry.ref, at: address) ?? ""
    }

    /// The index in the offender's offences of the entry at `position`, when it is an offence.
    func offenceIndex(at position: Int) -> Int? {
        guard position >= 0, position < count else { return nil }
        let entry = entries[position]
        return entry.text < 0 && entry.ref.kind == .offence ? Int(entry.ref.index) : nil
    }

    /// The ids, in the order noted.
    func ids(of address: UnsafePointer<Offender>) -> [String] {
        (0..<count).map { id(at: $0, of: address) }
    }

    /// Whether `ref` names a record with an id: everything but the `ppo` membership, within range.
    private static func exists(_ ref: RecordRef, at address: UnsafePointer<Offender>) -> Bool {
        let i = Int(ref.index)
        guard i >= 0 else { return false }
        switch ref.kind {
        case .offender: return true
        case .ppo: return false
        case .offence: return i < address.pointee.offences.count
        case .intelligence: return i < address.pointee.intelligence.count
        case .arrest: return i < address.pointee.arrests.count
        case .drugTest: return i < address.pointee.drugTests.count
        case .assessment: return i < address.pointee.assessments.count
        case .custody: return i < address.pointee.custody.count
        case .bail: return i < address.pointee.bail.count
        case .court: return i < address.pointee.court.count
        case .warrant: return i < address.pointee.warrants.count
        case .case: return i < address.pointee.cases.count
        case .event:
            let c = Int(ref.parent)
            return address.pointee.cases.indices.contains(c) && i < address.pointee.cases[c].events.count
        }
    }

    /// The id of a referenced record.
    static func id(of ref: RecordRef, at address: UnsafePointer<Offender>) -> String? {
        let i = Int(ref.index)
        // Each collection read through `address.pointee`, in place: a local copy would be retained.
        switch ref.kind {
        case .offender: return address.pointee.id
        case .ppo: return nil
        case .offence: return address.pointee.offences.indices.contains(i) ? address.pointee.offences[i].id : nil
        case .intelligence:
            return address.pointee.intelligence.indices.contains(i) ? address.pointee.intelligence[i].id : nil
        case .arrest: return address.pointee.arrests.indices.contains(i) ? address.pointee.arrests[i].id : nil
        case .drugTest: return address.pointee.drugTests.indices.contains(i) ? address.pointee.drugTests[i].id : nil
        case .assessment:
            return address.pointee.assessments.indices.contains(i) ? address.pointee.assessments[i].id : nil
        case .custody: return address.pointee.custody.indices.contains(i) ? address.pointee.custody[i].id : nil
        case .bail: return address.pointee.bail.indices.contains(i) ? address.pointee.bail[i].id : nil
        case .court: return address.pointee.court.indices.contains(i) ? address.pointee.court[i].id : nil
        case .warrant: return address.pointee.warrants.indices.contains(i) ? address.pointee.warrants[i].id : nil
        case .case: return address.pointee.cases.indices.contains(i) ? address.pointee.cases[i].id : nil
        case .event:
            let c = Int(ref.parent)
            guard address.pointee.cases.indices.contains(c), address.pointee.cases[c].events.indices.contains(i) else {
                return nil
            }
            return address.pointee.cases[c].events[i].id
        }
    }
}
