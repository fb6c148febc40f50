/// Why a record cannot be used, worded for the analyst who has to fix it.
struct RecordProblem: Error, Sendable, Hashable {
    let reason: String

    init(_ reason: String) { self.reason = reason }

    /// `path: message`, or just the message for the record itself.
    init(at path: String, _ message: String) {
        self.reason = path.isEmpty ? message : "\(path): \(message)"
    }
}

/// Turns one parsed JSON Lines record into an `Offender`, or says which field makes it unusable.
///
/// Strict on purpose: a field of the wrong type or an unknown enumerated value rejects the record
/// rather than quietly scoring it as if the field were absent. `null` counts as absent; keys it does
/// not know (including the monitoring-only `ethnicity`, `gender`, `religion`) are ignored unread.
struct OffenderDecoder: Sendable {
    let categories: CategoryTable

    /// The record's members and its `id`, read first so the reader can catch a repeated id before
    /// anything else is reported about the record.
    func header(of record: JSONValue) throws(RecordProblem) -> (fields: RecordFields, id: String) {
        guard case .object = record else {
            throw RecordProblem("not a JSON object: found \(record.kindDescription)")
        }
        let fields = try RecordFields(record, path: "", known: Keys.offender)
        guard let idValue = fields.value("id") else { throw RecordProblem("record has no \"id\"") }
        guard case .string(let id) = idValue else {
            throw RecordProblem("\"id\" must be a non-empty string, found \(idValue.kindDescription)")
        }
        guard !id.isEmpty else { throw RecordProblem("\"id\" must be a non-empty string, found an empty string") }
        if let problem = OffenderIDRule.problem(id) { throw RecordProblem(problem) }
        return (fields, id)
    }

    /// Decodes every field the rules may see.
    func decode(_ fields: RecordFields, id: String, line: Int) throws(RecordProblem) -> Offender {
        var offender = Offender(id: id, line: line)
        offender.name = try fields.string("name")
        offender.dob = try fields.day("dob")
        offender.pnc = try fields.string("pnc")
        offender.cro = try fields.string("cro")
        offender.aliases = try fields.strings("aliases")
        offender.area = try fields.string("area")
        if let ppo = try fields.object("ppo", known: Keys.ppo) {
            offender.ppo = PPOMembership(
                status: try ppo.enumeration("status", PPOMembership.Status.self),
                since: try ppo.day("since"))
        }
        offender.impact = try fields.enumeration("impact", Impact.self)
        offender.flags = try fields.strings("flags")
        offender.offences = try fields.collection("offences", known: Keys.offence) { f, id throws(RecordProblem) in
            try offence(f, id: id)
        }
        offender.intelligence = try fields.collection("intelligence", known: Keys.intelligence) { f, id throws(RecordProblem) in
            var item = Intelligence(id: id)
            item.date = try f.day("date")
            item.source = try f.source("source")
            item.assessment = try f.enumeration("assessment", Intelligence.Assessment.self)
            item.handling = try f.enumeration("handling", Intelligence.Handling.self)
            return item
        }
        offender.arrests = try fields.collection("arrests", known: Keys.arrest) { f, id throws(RecordProblem) in
            var arrest = Arrest(id: id)
            arrest.date = try f.day("date")
            arrest.code = try f.string("code")
            return arrest
        }
        offender.drugTests = try fields.collection("drug_tests", known: Keys.drugTest) { f, id throws(RecordProblem) in
            var test = DrugTest(id: id)
            test.date = try f.day("date")
            test.result = try f.enumeration("result", DrugTest.Result.self)
            test.substance = try f.string("substance")
            return test
        }
        offender.assessments = try fields.collection("assessments", known: Keys.assessment) { f, id throws(RecordProblem) in
            var assessment = Assessment(id: id)
            assessment.tool = try f.string("tool")
            assessment.date = try f.day("date")
            assessment.score = try f.decimal("score")
            assessment.band = try f.string("band")
            return assessment
        }
        offender.custody = try fields.collection("custody", known: Keys.custody) { f, id throws(RecordProblem) in
            var custody = Custody(id: id)
            custody.establishment = try f.string("establishment")
            custody.received = try f.day("received")
            custody.hdcEligibility = try f.day("hdc_eligibility")
            custody.release = try f.day("release")
            custody.released = try f.bool("released") ?? false
            return custody
        }
        offender.bail = try fields.collection("bail", known: Keys.bail) { f, id throws(RecordProblem) in
            var bail = Bail(id: id)
            bail.granted = try f.day("granted")
            bail.reportOn = try f.day("report_on")
            bail.conditions = try f.strings("conditions")
            return bail
        }
        offender.court = try fields.collection("court", known: Keys.court) { f, id throws(RecordProblem) in
            var appearance = CourtAppearance(id: id)
            appearance.date = try f.day("date")
            appearance.court = try f.string("court")
            appearance.kind = try f.string("kind")
            appearance.attended = try f.bool("attended")
            return appearance
        }
        offender.warrants = try fields.collection("warrants", known: Keys.warrant) { f, id throws(RecordProblem) in
            var warrant = Warrant(id: id)
            warrant.issued = try f.day("issued")
            warrant.executed = try f.day("executed")
            return warrant
        }
        offender.cases = try fields.collection("cases", known: Keys.caseFile) { f, id throws(RecordProblem) in
            var file = Case(id: id)
            file.offences = try f.strings("offences")
            file.officer = try f.string("officer")
            file.events = try f.collection("events", known: Keys.event) { e, id throws(RecordProblem) in
                var event = CaseEvent(id: id)
                event.type = try e.string("type")
                event.date = try e.day("date")
                event.agency = try e.string("agency")
                event.note = try e.string("note")
                event.scheduled = try e.bool("scheduled") ?? false
                return event
            }
            return file
        }
        return offender
    }

    private func offence(_ f: RecordFields, id: String) throws(RecordProblem) -> Offence {
        let categoryName = try f.string("category")
        let code = try f.string("code")
        let category: Int
        if let name = categoryName {
            guard let index = categories.index(of: name) else {
                var message = "unknown offence category \"\(SafeText.escaped(name))\""
                if let near = Suggestion.closest(to: name, in: categories.names) {
                    message += " (did you mean \"\(near)\"?)"
                }
                throw RecordProblem(at: f.path, message)
            }
            category = index
        } else if let code {
            guard let index = categories.category(forCode: code) else {
                throw RecordProblem(at: f.path, "no category, and code \"\(SafeText.escaped(code))\" maps to none")
            }
            category = index
        } else {
            throw RecordProblem(at: f.path, "no category and no code")
        }
        var offence = Offence(id: id, category: category)
        offence.code = code
        offence.date = try f.day("date")
        offence.evidence = try f.enumeration("evidence", EvidenceLevel.self)
        offence.convictedOn = try f.day("convicted_on")
        offence.area = try f.string("area")
        offence.series = try f.bool("series") ?? false
        offence.finalised = try f.bool("finalised")
        offence.aggravating = try f.strings("aggravating")
        return offence
    }

    /// The keys each kind of object is read for; repeats of these are errors, other keys are ignored.
    /// A key missing here is never read, so these sets are the reader's field list:
    /// `schema/offender.schema.json` and docs/records.md are held to them by `RecordSchemaTests`.
    /// Keys match by their exact bytes, as every name from data does.
    enum Keys {
        static let offender: Set<ExactText> = exact([
            "id", "name", "dob", "pnc", "cro", "aliases", "area", "ppo", "impact", "flags", "offences",
            "intelligence", "arrests", "drug_tests", "assessments", "custody", "bail", "court", "warrants", "cases",
        ])
        static let ppo: Set<ExactText> = exact(["status", "since"])
        static let offence: Set<ExactText> = exact([
            "id", "category", "code", "date", "evidence", "convicted_on", "area", "series", "finalised", "aggravating",
        ])
        static let intelligence: Set<ExactText> = exact(["id", "date", "source", "assessment", "handling"])
        static let arrest: Set<ExactText> = exact(["id", "date", "code"])
        static let drugTest: Set<ExactText> = exact(["id", "date", "result", "substance"])
        static let assessment: Set<ExactText> = exact(["id", "tool", "date", "score", "band"])
        static let custody: Set<ExactText> = exact(["id", "establishment", "received", "hdc_eligibility", "release", "released"])
        static let bail: Set<ExactText> = exact(["id", "granted", "report_on", "conditions"])
        static let court: Set<ExactText> = exact(["id", "date", "court", "kind", "attended"])
        static let warrant: Set<ExactText> = exact(["id", "issued", "executed"])
        static let caseFile: Set<ExactText> = exact(["id", "offences", "officer", "events"])
        static let event: Set<ExactText> = exact(["id", "type", "date", "agency", "note", "scheduled"])

        private static func exact(_ names: [String]) -> Set<ExactText> { Set(names.map(ExactText.init)) }
    }
}

/// The known members of one JSON object in a record, read with type checks that name the path.
struct RecordFields {
    /// Where this object sits in the record: `""`, `ppo`, `offences[2]`, `cases[1].events[3]`.
    let path: String
    private let values: [ExactText: JSONValue]

    init(_ value: JSONValue, path: String, known: Set<ExactText>) throws(RecordProblem) {
        guard case .object(let members) = value else {
            throw RecordProblem(at: path, "expected an object, found \(value.kindDescription)")
        }
        self.path = path
        var values: [ExactText: JSONValue] = [:]
        for member in members {
            let key = ExactText(member.key)
            guard known.contains(key) else { continue }
            if values[key] != nil {
                throw RecordProblem(at: path, "key \"\(member.key)\" appears more than once")
            }
            values[key] = member.value
        }
        self.values = values
    }

    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member's value; `nil` when absent or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = values[ExactText(key)] else { return nil }
        if case .null = value { return nil }
        return value
    }

    func wrongType(_ key: String, expected: String, found: JSONValue) -> RecordProblem {
        RecordProblem(at: path(of: key), "expected \(expected), found \(found.kindDescription)")
    }

    func string(_ key: String) throws(RecordProblem) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, expected: "a string", found: value) }
        return text
    }

    func bool(_ key: String) throws(RecordProblem) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw wrongType(key, expected: "true or false", found: value) }
        return flag
    }

    /// A list of strings; absent is empty.
    func strings(_ key: String) throws(RecordProblem) -> [String] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value else { throw wrongType(key, expected: "a list", found: value) }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for (n, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw RecordProblem(at: "\(path(of: key))[\(n + 1)]", "expected a string, found \(element.kindDescription)")
            }
            result.append(text)
        }
        return result
    }

    /// A `YYYY-MM-DD` date; malformed or impossible dates are errors.
    func day(_ key: String) throws(RecordProblem) -> Day? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw wrongType(key, expected: "a date \"YYYY-MM-DD\"", found: value)
        }
        if let day = Day(iso: text) { return day }
        let shaped = text.utf8.count == 10 && text.utf8.enumerated().allSatisfy { i, b in
            i == 4 || i == 7 ? b == UInt8(ascii: "-") : (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        }
        let shown = SafeText.escaped(text)
        let message = shaped ? "impossible date \"\(shown)\"" : "malformed date \"\(shown)\" (expected YYYY-MM-DD)"
        throw RecordProblem(at: path(of: key), message)
    }

    /// One of an enumeration's raw values.
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(RecordProblem) -> E?
    where E.RawValue == String {
        guard let text = try string(key) else { return nil }
        // By the value's bytes, as the fast path reads it (`E(rawValue:)` would compare canonically).
        if let known = E.allCases.first(where: { ExactText.same($0.rawValue, text) }) { return known }
        let names = E.allCases.map(\.rawValue)
        // One-letter domains (assessment A–E) are better listed than guessed at.
        if text.count > 2, let near = Suggestion.closest(to: text, in: names) {
            throw RecordProblem(at: path(of: key), "unknown value \"\(SafeText.escaped(text))\" (did you mean \"\(near)\"?)")
        }
        throw RecordProblem(at: path(of: key), "unknown value \"\(SafeText.escaped(text))\" (expected \(RecordFields.list(names)))")
    }

    /// Intelligence source grading: the number 1, 2 or 3.
    func source(_ key: String) throws(RecordProblem) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let text) = value else { throw wrongType(key, expected: "a number", found: value) }
        guard let whole = RecordFields.decimal(fromJSONNumber: text)?.wholeValue, (1...3).contains(whole) else {
            throw RecordProblem(at: path(of: key), "unknown value \(text) (expected 1, 2 or 3)")
        }
        return whole
    }

    /// An exact decimal from the number's literal text.
    func decimal(_ key: String) throws(RecordProblem) -> ExactDecimal? {
        guard let value = value(key) else { return nil }
        guard case .number(let text) = value else { throw wrongType(key, expected: "a number", found: value) }
        guard let decimal = RecordFields.decimal(fromJSONNumber: text) else {
            throw RecordProblem(at: path(of: key), "number \(text) is out of range")
        }
        return decimal
    }

    /// A nested object such as `ppo`.
    func object(_ key: String, known: Set<ExactText>) throws(RecordProblem) -> RecordFields? {
        guard let value = value(key) else { return nil }
        return try RecordFields(value, path: path(of: key), known: known)
    }

    /// A list of objects; an element without an `id` is named by its path, e.g. `offences[3]`.
    func collection<T>(
        _ key: String, known: Set<ExactText>,
        _ make: (RecordFields, String) throws(RecordProblem) -> T
    ) throws(RecordProblem) -> [T] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value else { throw wrongType(key, expected: "a list", found: value) }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (n, element) in elements.enumerated() {
            let elementPath = "\(path(of: key))[\(n + 1)]"
            let fields = try RecordFields(element, path: elementPath, known: known)
            let id = try fields.string("id") ?? elementPath
            if id.isEmpty { throw RecordProblem(at: fields.path(of: "id"), "must not be empty") }
            result.append(try make(fields, id))
        }
        return result
    }

    /// `a, b or c`
    static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        let head = names.dropLast()
        return head.isEmpty ? last : head.joined(separator: ", ") + " or " + last
    }

    /// Converts a JSON number's literal text to `ExactDecimal`, exponent included; `nil` when it does not fit.
    ///
    /// The text has already passed the JSON number grammar.
    static func decimal(fromJSONNumber text: String) -> ExactDecimal? {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var digits = mantissa[mantissa.index(after: e)...]
            var negative = false
            if digits.first == "-" || digits.first == "+" {
                negative = digits.first == "-"
                digits = digits.dropFirst()
            }
            // Beyond a million the value is out of range or rounds to zero either way.
            for ch in digits {
                guard let d = ch.wholeNumberValue else { return nil }
                exponent = min(exponent * 10 + d, 1_000_000)
            }
            if negative { exponent = -exponent }
            mantissa = mantissa[..<e]
        }
        if exponent == 0 { return ExactDecimal(parsing: mantissa) }
        var negative = false
        if mantissa.first == "-" { negative = true; mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first ?? ""
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Substring(whole + fraction)
        var point = whole.count + exponent
        while digits.first == "0" { digits = digits.dropFirst(); point -= 1 }
        while digits.last == "0" { digits = digits.dropLast() }
        if digits.isEmpty { return .zero }
        // Beyond 38 digits either side of the point the value cannot be held exactly.
        if point > 38 || point < -38 { return nil }
        let plain: String
        if point <= 0 {
            plain = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            plain = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: point)
            plain = digits[..<split] + "." + digits[split...]
        }
        return ExactDecimal(parsing: Substring((negative ? "-" : "") + plain))
    }
}
