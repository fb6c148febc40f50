import Foundation

/// The pieces every record reader of `DirectOffenderDecoder` is built from: objects, lists, ids,
/// strings, dates, enumerations and numbers read from the scanner, and case files checked without
/// being built.
extension DirectOffenderDecoder {
    // MARK: Case files checked, not built

    // Each mirrors the reader above it, accepting exactly what it accepts, without making a value.

    func checkCaseFile(_ s: inout ByteScanner) -> Bool {
        var seen = KeySet()
        return object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.checkElementID(&s) }
            if s.equals(key, "offences") { return seen.insert(1) && self.checkStrings(&s) }
            if s.equals(key, "officer") { return seen.insert(2) && self.checkString(&s) }
            if s.equals(key, "events") { return seen.insert(3) && self.checkList(&s, self.checkCaseEvent) }
            return s.skipValue()
        })
    }

    func checkCaseEvent(_ s: inout ByteScanner) -> Bool {
        var seen = KeySet()
        return object(&s, { s, key in
            if s.equals(key, "id") { return seen.insert(0) && self.checkElementID(&s) }
            if s.equals(key, "type") { return seen.insert(1) && self.checkString(&s) }
            if s.equals(key, "date") { return seen.insert(2) && self.checkDay(&s) }
            if s.equals(key, "agency") { return seen.insert(3) && self.checkString(&s) }
            if s.equals(key, "note") { return seen.insert(4) && self.checkString(&s) }
            if s.equals(key, "scheduled") { return seen.insert(5) && (s.null() || s.bool() != nil) }
            return s.skipValue()
        })
    }

    /// `list`, checking each element.
    func checkList(_ s: inout ByteScanner, _ element: (inout ByteScanner) -> Bool) -> Bool {
        if s.null() { return true }
        guard s.openList() else { return false }
        if s.closesEmpty(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&s) else { return false }
            switch s.next(closing: UInt8(ascii: "]")) {
            case .more: continue
            case .done: return true
            case .invalid: return false
            }
        }
    }

    /// `string` then `elementID`: null, or a non-empty string.
    func checkElementID(_ s: inout ByteScanner) -> Bool {
        if s.null() { return true }
        guard let range = s.plainString() else { return false }
        return !range.isEmpty
    }

    func checkString(_ s: inout ByteScanner) -> Bool {
        s.null() || s.plainString() != nil
    }

    func checkStrings(_ s: inout ByteScanner) -> Bool {
        if s.null() { return true }
        guard s.openList() else { return false }
        if s.closesEmpty(UInt8(ascii: "]")) { return true }
        while true {
            guard s.plainString() != nil else { return false }
            switch s.next(closing: UInt8(ascii: "]")) {
            case .more: continue
            case .done: return true
            case .invalid: return false
            }
        }
    }

    func checkDay(_ s: inout ByteScanner) -> Bool {
        if s.null() { return true }
        guard let range = s.plainString() else { return false }
        return Day(isoBytes: s.bytes(range)) != nil
    }

    // MARK: Structure

    /// Reads one object's members, handing each key to `member` (which reads or skips the value).
    @inline(__always)
    func object(_ s: inout ByteScanner, _ member: (inout ByteScanner, Range<Int>) -> Bool) -> Bool {
        guard s.openObject() else { return false }
        if s.closesEmpty(UInt8(ascii: "}")) { return true }
        while true {
            guard let key = s.key(), member(&s, key) else { return false }
            switch s.next(closing: UInt8(ascii: "}")) {
            case .more: continue
            case .done: return true
            case .invalid: return false
            }
        }
    }

    /// A list of objects; `element` gets the element's position-based path for elements without an id.
    func list<T>(
        _ s: inout ByteScanner, _ key: String, within parent: ElementPath? = nil, into result: inout [T],
        _ element: (inout ByteScanner, ElementPath) -> T?
    ) -> Bool {
        if s.null() { return true }
        guard s.openList() else { return false }
        if s.closesEmpty(UInt8(ascii: "]")) { return true }
        var items: [T] = []
        items.reserveCapacity(8)
        while true {
            let position = items.count + 1
            let path = ElementPath(key: key, position: position, parentKey: parent?.key, parentPosition: parent?.position ?? 0)
            guard let item = element(&s, path) else { return false }
            items.append(item)
            switch s.next(closing: UInt8(ascii: "]")) {
            case .more: continue
            case .done:
                result = items
                return true
            case .invalid: return false
            }
        }
    }

    /// An element's id as given, or its path when absent; `nil` for an empty id (an error).
    @inline(__always)
    func elementID(_ id: String?, _ path: ElementPath) -> String? {
        guard let id else { return path.text }
        return id.isEmpty ? nil : id
    }

    // MARK: Values (each accepts `null` as absent)

    func readID(_ s: inout ByteScanner, into id: inout String) -> Bool {
        guard let range = s.plainString(), !range.isEmpty else { return false }
        id = s.string(range)
        // A bad id goes the careful way, which gives the reason.
        return OffenderIDRule.isPlain(id.utf8) || OffenderIDRule.problem(id) == nil
    }

    func string(_ s: inout ByteScanner, into value: inout String?) -> Bool {
        if s.null() { value = nil; return true }
        guard let range = s.plainString() else { return false }
        value = s.string(range)
        return true
    }

    /// The bytes of a string value, left unconverted (categories and codes are looked up by bytes).
    func range(_ s: inout ByteScanner, into value: inout Range<Int>?) -> Bool {
        if s.null() { value = nil; return true }
        guard let range = s.plainString() else { return false }
        value = range
        return true
    }

    func strings(_ s: inout ByteScanner, into value: inout [String]) -> Bool {
        if s.null() { value = []; return true }
        guard s.openList() else { return false }
        if s.closesEmpty(UInt8(ascii: "]")) { value = []; return true }
        var items: [String] = []
        while true {
            guard let range = s.plainString() else { return false }
            items.append(s.string(range))
            switch s.next(closing: UInt8(ascii: "]")) {
            case .more: continue
            case .done:
                value = items
                return true
            case .invalid: return false
            }
        }
    }

    func day(_ s: inout ByteScanner, into value: inout Day?) -> Bool {
        if s.null() { value = nil; return true }
        guard let range = s.plainString(), let day = Day(isoBytes: s.bytes(range)) else { return false }
        value = day
        return true
    }

    func bool(_ s: inout ByteScanner, into value: inout Bool?) -> Bool {
        if s.null() { value = nil; return true }
        guard let flag = s.bool() else { return false }
        value = flag
        return true
    }

    func enumeration<E: ByteNamed>(_ s: inout ByteScanner, into value: inout E?) -> Bool {
        if s.null() { value = nil; return true }
        guard let range = s.plainString(), let known = E(bytes: s.bytes(range)) else { return false }
        value = known
        return true
    }

    func membership(_ s: inout ByteScanner, into value: inout PPOMembership?) -> Bool {
        if s.null() { value = nil; return true }
        var status: PPOMembership.Status? = nil, since: Day? = nil
        var seen = KeySet()
        guard object(&s, { s, key in
            if s.equals(key, "status") { return seen.insert(0) && self.enumeration(&s, into: &status) }
            if s.equals(key, "since") { return seen.insert(1) && self.day(&s, into: &since) }
            return s.skipValue()
        }) else { return false }
        value = PPOMembership(status: status, since: since)
        return true
    }

    /// Intelligence source grading: a plain `1`, `2` or `3` (other spellings go the careful way).
    func source(_ s: inout ByteScanner, into value: inout Int?) -> Bool {
        if s.null() { value = nil; return true }
        guard let range = s.number(), range.count == 1 else { return false }
        let digit = Int(s.bytes(range)[0]) - 0x30
        guard (1...3).contains(digit) else { return false }
        value = digit
        return true
    }

    /// A plain decimal such as `112` or `-0.5` (exponents go the careful way).
    func decimal(_ s: inout ByteScanner, into value: inout ExactDecimal?) -> Bool {
        if s.null() { value = nil; return true }
        guard let range = s.number() else { return false }
        let bytes = s.bytes(range)
        guard !bytes.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let decimal = ExactDecimal(parsing: Substring(s.string(range))) else { return false }
        value = decimal
        return true
    }
}
