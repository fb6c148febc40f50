import Foundation

/// Decodes a JSON Lines record straight from its bytes into an `Offender`: no `JSONValue` tree, no
/// dictionary of members, no `String` for a key, a date or an enumerated value.
///
/// This is the reader's fast path. It accepts only records that `JSONParser` and `OffenderDecoder`
/// accept, and gives exactly the `Offender` they give; for anything else — any error, but also rare
/// forms it does not handle, such as escapes in strings or exponents in numbers — it returns `nil` and
/// the reader decodes the line again the careful way, which finds the reason or accepts it after all.
/// `DirectOffenderDecoderTests` hold the two paths to that promise.
struct DirectOffenderDecoder: Sendable {
    private let categoryNames: ByteKeyedTable
    private let codes: ByteKeyedTable

    /// When false, case files are checked exactly as they would be read, and left out of the offender.
    let buildsCases: Bool

    init(categories: CategoryTable, buildsCases: Bool = true) {
        self.buildsCases = buildsCases
        categoryNames = ByteKeyedTable(categories.names.enumerated().map { ($0.element, $0.offset) })
        codes = ByteKeyedTable(categories.codeList)
    }

    /// The offender on `line`, or `nil` when the careful path has to look at it.
    // `bytes` is read during the call only: the scanner reads below `bytes.count` and every value
    // decoded is copied into the `Offender` (strings, days, numbers) before returning.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> Offender? {
        var s = ByteScanner(bytes)
        guard let offender = record(&s, line: line), s.atEndAfterWhitespace() else { return nil }
        return offender
    }

    // MARK: The record

    private func record(_ s: inout ByteScanner, line: Int) -> Offender? {
        var o = Offender(id: "", line: line)
        var seen = KeySet()
        guard object(&s, { s, key in
            switch key.count {
            case 2: if s.equals(key, "id") { return seen.insert(0) && self.readID(&s, into: &o.id) }
            case 3:
                if s.equals(key, "dob") { return seen.insert(2) && self.day(&s, into: &o.dob) }
                if s.equals(key, "pnc") { return seen.insert(3) && self.string(&s, into: &o.pnc) }
                if s.equals(key, "cro") { return seen.insert(4) && self.string(&s, into: &o.cro) }
                if s.equals(key, "ppo") { return seen.insert(7) && self.membership(&s, into: &o.ppo) }
            case 4:
                if s.equals(key, "name") { return seen.insert(1) && self.string(&s, into: &o.name) }
                if s.equals(key, "area") { return seen.insert(6) && self.string(&s, into: &o.area) }
                if s.equals(key, "bail") { return seen.insert(16) && self.list(&s, "bail", into: &o.bail, self.bail) }
            case 5:
                if s.equals(key, "flags") { return seen.insert(9) && self.strings(&s, into: &o.flags) }
                if s.equals(key, "court") {
                    return seen.insert(17) && self.list(&s, "court", into: &o.court, self.courtAppearance)
                }
                if s.equals(key, "cases") {
                    guard seen.insert(19) else { return false }
                    return self.buildsCases ? self.list(&s, "cases", into: &o.cases, self.caseFile)
                        : self.checkList(&s, self.checkCaseFile)
                }
            case 6: if s.equals(key, "impact") { return seen.insert(8) && self.enumeration(&s, into: &o.impact) }
            case 7:
                if s.equals(key, "aliases") { return seen.insert(5) && self.strings(&s, into: &o.aliases) }
                if s.equals(key, "arrests") { return seen.insert(12) && self.list(&s, "arrests", into: &o.arrests, self.arrest) }
                if s.equals(key, "custody") { return seen.insert(15) && self.list(&s, "custody", into: &o.custody, self.custody) }
            case 8:
                if s.equals(key, "offences") {
                    return seen.insert(10) && self.list(&s, "offences", into: &o.offences, self.offence)
                }
                if s.equals(key, "warrants") {
                    return seen.insert(18) && self.list(&s, "warrants", into: &o.warrants, self.warrant)
                }
            case 10:
                if s.equals(key, "drug_tests") {
                    return seen.insert(13) && self.list(&s, "drug_tests", into: &o.drugTests, self.drugTest)
                }
            case 11:
                if s.equals(key, "assessments") {
                    return seen.insert(14) && self.list(&s, "assessments", into: &o.assessments, self.assessment)
                }
            case 12:
                if s.equals(key, "intelligence") {
                    return seen.insert(11) && self.list(&s, "intelligence", into: &o.intelligence, self.intelligence)
                }
            default: break
            }
            return s.skipValue()   // unknown keys, the monitoring-only fields among them
        }) else { return nil }
        return o.id.isEmpty ? nil : o
    }

    // MARK: Elements of the collections

    private func offence(_ s: inout ByteScanner, _ path: ElementPath) -> Offence? {
        var categoryName: Range<Int>? = nil, code: String? = nil, codeRange: Range<Int>? = nil
        var offence = Offence(id: "", category: 0)
        var evidence: EvidenceLevel? = nil
        var seen = KeySet()
        var ok = true
        var oid: String? = nil
        guard object(&s, { s, key in
            if s.equals(key, "id") { ok = seen.insert(0) && self.string(&s, into: &oid) }
            else if s.equals(key, "category") { ok = seen.insert(1) && self.range(&s, into: &categoryName) }
            else if s.equals(key, "code") {
                ok = seen.insert(2) && self.range(&s, into: &codeRange)
                if let codeRange { code = s.string(codeRange) }
            }
            else if s.equals(key, "date") { ok = seen.insert(3) && self.day(&s, into: &offence.date) }
            else if s.equals(key, "evidence") { ok = seen.insert(4) && self.enumeration(&s, into: &evidence) }
            else if s.equals(key, "convicted_on") { ok = seen.insert(5) && self.day(&s, into: &offence.convictedOn) }
            else if s.equals(key, "area") { ok = seen.insert(6) && self.string(&s, into: &offence.area) }
            else if s.equals(key, "series") {
                var flag: Bool? = nil
                ok = seen.insert(7) && self.bool(&s, into: &flag)
                offence.series = flag ?? false
            }
            else if s.equals(key, "finalised") { ok = seen.insert(8) && self.bool(&s, into: &offence.finalised) }
            else if s.equals(key, "aggravating") { ok = seen.insert(9) && self.strings(&s, into: &offence.aggravating) }
            else { ok = s.skipValue() }
            return ok
        }) else { return nil }
        if let name = categoryName {
            guard let index = categoryNames.lookup(s.bytes(name)) else { return nil }
            offence.category = index
        } else if let codeRange {
            guard let index = codes.lookup(s.bytes(codeRange)) else { return nil }
            offence.category = index
        } else {
            return nil
        }
        guard let resolved = elementID(oid, path) else { return nil }
        offence.id = resolved
        offence.code = code
        offence.evidence = evidence
        return offence
    }

    private func intelligence(_ s: inout ByteScanner, _ path: ElementPath) -> Intelligence? {
        var item = Intelligence(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "date") { return seen.insert(1) && self.day(&s, into: &item.date) }
            if s.equals(key, "source") { return seen.insert(2) && self.source(&s, into: &item.source) }
            if s.equals(key, "assessment") { return seen.insert(3) && self.enumeration(&s, into: &item.assessment) }
            if s.equals(key, "handling") { return seen.insert(4) && self.enumeration(&s, into: &item.handling) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func arrest(_ s: inout ByteScanner, _ path: ElementPath) -> Arrest? {
        var item = Arrest(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "date") { return seen.insert(1) && self.day(&s, into: &item.date) }
            if s.equals(key, "code") { return seen.insert(2) && self.string(&s, into: &item.code) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func drugTest(_ s: inout ByteScanner, _ path: ElementPath) -> DrugTest? {
        var item = DrugTest(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "date") { return seen.insert(1) && self.day(&s, into: &item.date) }
            if s.equals(key, "result") { return seen.insert(2) && self.enumeration(&s, into: &item.result) }
            if s.equals(key, "substance") { return seen.insert(3) && self.string(&s, into: &item.substance) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func assessment(_ s: inout ByteScanner, _ path: ElementPath) -> Assessment? {
        var item = Assessment(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "tool") { return seen.insert(1) && self.string(&s, into: &item.tool) }
            if s.equals(key, "date") { return seen.insert(2) && self.day(&s, into: &item.date) }
            if s.equals(key, "score") { return seen.insert(3) && self.decimal(&s, into: &item.score) }
            if s.equals(key, "band") { return seen.insert(4) && self.string(&s, into: &item.band) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func custody(_ s: inout ByteScanner, _ path: ElementPath) -> Custody? {
        var item = Custody(id: "")
        var oid: String? = nil
        var released: Bool? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "establishment") { return seen.insert(1) && self.string(&s, into: &item.establishment) }
            if s.equals(key, "received") { return seen.insert(2) && self.day(&s, into: &item.received) }
            if s.equals(key, "hdc_eligibility") { return seen.insert(3) && self.day(&s, into: &item.hdcEligibility) }
            if s.equals(key, "release") { return seen.insert(4) && self.day(&s, into: &item.release) }
            if s.equals(key, "released") { return seen.insert(5) && self.bool(&s, into: &released) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        item.released = released ?? false
        return item
    }

    private func bail(_ s: inout ByteScanner, _ path: ElementPath) -> Bail? {
        var item = Bail(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "granted") { return seen.insert(1) && self.day(&s, into: &item.granted) }
            if s.equals(key, "report_on") { return seen.insert(2) && self.day(&s, into: &item.reportOn) }
            if s.equals(key, "conditions") { return seen.insert(3) && self.strings(&s, into: &item.conditions) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func courtAppearance(_ s: inout ByteScanner, _ path: ElementPath) -> CourtAppearance? {
        var item = CourtAppearance(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "date") { return seen.insert(1) && self.day(&s, into: &item.date) }
            if s.equals(key, "court") { return seen.insert(2) && self.string(&s, into: &item.court) }
            if s.equals(key, "kind") { return seen.insert(3) && self.string(&s, into: &item.kind) }
            if s.equals(key, "attended") { return seen.insert(4) && self.bool(&s, into: &item.attended) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func warrant(_ s: inout ByteScanner, _ path: ElementPath) -> Warrant? {
        var item = Warrant(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "issued") { return seen.insert(1) && self.day(&s, into: &item.issued) }
            if s.equals(key, "executed") { return seen.insert(2) && self.day(&s, into: &item.executed) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func caseFile(_ s: inout ByteScanner, _ path: ElementPath) -> Case? {
        var item = Case(id: "")
        var oid: String? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "offences") { return seen.insert(1) && self.strings(&s, into: &item.offences) }
            if s.equals(key, "officer") { return seen.insert(2) && self.string(&s, into: &item.officer) }
            if s.equals(key, "events") {
                return seen.insert(3) && self.list(&s, "events", within: path, into: &item.events, self.caseEvent)
            }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        return item
    }

    private func caseEvent(_ s: inout ByteScanner, _ path: ElementPath) -> CaseEvent? {
        var item = CaseEvent(id: "")
        var oid: String? = nil
        var scheduled: Bool? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.string(&s, into: &oid) }
            if s.equals(key, "type") { return seen.insert(1) && self.string(&s, into: &item.type) }
            if s.equals(key, "date") { return seen.insert(2) && self.day(&s, into: &item.date) }
            if s.equals(key, "agency") { return seen.insert(3) && self.string(&s, into: &item.agency) }
            if s.equals(key, "note") { return seen.insert(4) && self.string(&s, into: &item.note) }
            if s.equals(key, "scheduled") { return seen.insert(5) && self.bool(&s, into: &scheduled) }
            return s.skipValue()
        }), let resolved = elementID(oid, path) else { return nil }
        item.id = resolved
        item.scheduled = scheduled ?? false
        return item
    }
}
