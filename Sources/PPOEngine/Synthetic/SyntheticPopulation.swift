/// A deterministic population of invented offenders, written as JSON Lines records (SPEC §3), for
/// benchmarks, load tests and demonstrations.
///
/// Each offender is drawn from its own generator seeded by the population's seed and the offender's
/// index, so the same seed gives byte-identical output, and any offender can be produced alone. The
/// mix follows the brief: about 10 offences, 3 intelligence items, 2 arrests and one case of
/// about 8 events per offender; 5% in custody; a few % on the scheme; categories spread roughly as in
/// police recorded crime. Every name is made up from syllables; no record describes a real person.
public struct SyntheticPopulation: Sendable {
    public let seed: UInt64
    /// Dates are spread over the years before this day, and custody releases after it.
    public let referenceDate: Day

    /// The day the shipped tests and examples evaluate at.
    public static let defaultReferenceDate = Day(ordinal: 20_779)   // 2026-11-22

    public init(seed: UInt64, referenceDate: Day = SyntheticPopulation.defaultReferenceDate) {
        self.seed = seed
        self.referenceDate = referenceDate
    }

    /// An offence category the generator uses: its relative frequency and Home Office code, if any.
    public struct Category: Sendable {
        public let name: String
        public let weight: Int
        public let code: String?
    }

    /// The categories of `matrices/categories.ppo` with rough shares of police recorded crime among
    /// known offenders (theft, violence and criminal damage dominate; arson and sexual offences are rare).
    public static let categories: [Category] = [
        Category(name: "shoplifting", weight: 16, code: "46"),
        Category(name: "assault", weight: 16, code: "105A"),
        Category(name: "theft_other", weight: 12, code: "49"),
        Category(name: "criminal_damage", weight: 10, code: "58A"),
        Category(name: "public_order", weight: 8, code: nil),
        Category(name: "drugs_possession", weight: 7, code: "92D"),
        Category(name: "burglary_dwelling", weight: 6, code: "28"),
        Category(name: "theft_from_vehicle", weight: 5, code: "45"),
        Category(name: "burglary_other", weight: 4, code: "30"),
        Category(name: "theft_of_vehicle", weight: 3, code: "48"),
        Category(name: "twoc", weight: 2, code: nil),
        Category(name: "handling_stolen_goods", weight: 2, code: "54"),
        Category(name: "robbery", weight: 2, code: "34"),
        Category(name: "card_cheque_fraud", weight: 2, code: nil),
        Category(name: "drunkenness", weight: 2, code: nil),
        Category(name: "arson", weight: 1, code: "56"),
        Category(name: "sexual_offences", weight: 1, code: nil),
        Category(name: "begging", weight: 1, code: nil),
    ]
    fileprivate static let categoryWeights = categories.map(\.weight)

    /// The offender's id: `S-` and the 1-based index, seven digits at least.
    public static func id(_ index: Int) -> String {
        let digits = String(index + 1)
        return "S-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// Appends offender `index`'s record (0-based) as one line of JSON, newline included.
    public func appendRecord(_ index: Int, to out: inout [UInt8]) {
        var rng = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        rng = SplitMix64(seed: rng.next())
        var record = RecordText(out: [])
        swap(&record.out, &out)
        var draw = OffenderDraw(id: Self.id(index), today: referenceDate, rng: rng)
        draw.write(into: &record)
        swap(&record.out, &out)
        out.append(0x0A)
    }

    /// Records `range` as JSON Lines.
    public func records(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count * 1_200)
        for index in range { appendRecord(index, to: &out) }
        return out
    }

    fileprivate static let firstNames = [
        "Alfie", "Bella", "Callum", "Dara", "Ellis", "Fern", "Gideon", "Hollis", "Ines", "Jory", "Kit", "Lowen",
        "Marlo", "Nell", "Orrin", "Pia", "Quill", "Rowan", "Sable", "Tamsin", "Ulric", "Vesna", "Wren", "Yoric",
    ]
    fileprivate static let surnameStarts = ["Ash", "Brim", "Cor", "Dun", "Fen", "Garr", "Hol", "Kest", "Lind", "Mor",
                                            "Pell", "Quarn", "Rost", "Tam", "Vell", "Wick"]
    fileprivate static let surnameEnds = ["abble", "erton", "ivar", "ocombe", "udge", "enthorp", "isk", "orrow"]
    fileprivate static let areas = ["Northtown", "Southmere", "Eastholm", "Westcombe", "Midvale"]
    fileprivate static let flags: [(String, Double)] = [
        ("crime_dependent", 30), ("drug_self_reported", 25), ("alcohol_dependent", 15), ("cdrp_priority", 5),
        ("employed", 20), ("settled_relationship", 15),
    ]
    fileprivate static let substances = ["opiates", "cocaine", "cannabis", "amphetamine"]
    fileprivate static let establishments = ["HMP Northtown", "HMP Southmere", "HMP Fenwick Moor", "HMYOI Eastholm"]
    fileprivate static let agencies = ["police", "cps", "court", "probation"]
}

/// Draws one offender's facts from its generator and writes them as it goes.
private struct OffenderDraw {
    let id: String
    let today: Day
    var rng: SplitMix64

    typealias Population = SyntheticPopulation

    mutating func daysAgo(_ maximum: Int) -> Day { today.adding(days: -rng.within(0...maximum)) }

    /// A day in the last `maximum` days, twice as likely to be recent: the later of two draws.
    mutating func recentDay(_ maximum: Int) -> Day {
        let a = rng.within(0...maximum), b = rng.within(0...maximum)
        return today.adding(days: -min(a, b))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[rng.below(items.count)] }

    func childID(_ letter: String, _ n: Int) -> String {
        id + "-" + letter + (n < 9 ? "0" : "") + String(n + 1)
    }

    mutating func write(into r: inout RecordText) {
        r.open()
        r.string("id", id)
        let name = pick(Population.firstNames) + " " + pick(Population.surnameStarts) + pick(Population.surnameEnds)
        r.string("name", name)
        if !rng.chance(0.2) {   // a missing date of birth makes the offender ineligible (age unknown)
            r.day("dob", today.adding(days: -(365 * rng.within(14...55) + rng.within(0...364))))
        }
        r.string("pnc", String(rng.within(0...24) + 100).dropFirst() + "/" + String(rng.within(100_000...999_999))
                 + String(UnicodeScalar(UInt8(65 + rng.below(26)))))
        let area = pick(Population.areas)
        r.string("area", area)
        let membership = rng.below(1000)
        if membership < 50 {
            r.key("ppo")
            r.open()
            r.string("status", membership < 30 ? "adopted" : membership < 45 ? "candidate" : "removed")
            r.day("since", daysAgo(1500))
            r.close()
        }
        switch rng.below(100) {
        case 0..<15: r.string("impact", "serious")
        case 15..<50: r.string("impact", "moderate")
        case 50..<80: r.string("impact", "slight")
        default: break
        }
        var flags: [String] = []
        for (flag, percent) in Population.flags where rng.chance(percent) { flags.append(flag) }
        if !flags.isEmpty { r.strings("flags", flags) }

        let offences = offences(into: &r)
        intelligence(into: &r)
        arrests(into: &r)
        drugTestsAndAssessments(into: &r)
        custody(into: &r)
        courtBailAndWarrants(into: &r)
        caseFile(into: &r, offences: offences)
        r.close()
    }

    /// Writes the offences; returns (id, date) of each, for the case file.
    mutating func offences(into r: inout RecordText) -> [(String, Day)] {
        let count = 1 + rng.around(9)
        var written: [(String, Day)] = []
        r.key("offences")
        r.openList()
        for n in 0..<count {
            let category = Population.categories[rng.pick(weights: Population.categoryWeights)]
            let offenceID = childID("O", n)
            let date = daysAgo(4 * 365)
            written.append((offenceID, date))
            r.element()
            r.open()
            r.string("id", offenceID)
            // A few records carry only the Home Office code, which the categories block maps.
            let codeOnly = category.code != nil && rng.chance(5)
            if !codeOnly { r.string("category", category.name) }
            if let code = category.code, codeOnly || rng.chance(50) { r.string("code", code) }
            r.day("date", date)
            let evidence = rng.below(100)
            let level = evidence < 60 ? "convicted" : evidence < 75 ? "admitted" : "suspected"
            r.string("evidence", level)
            if level == "convicted" {
                let convicted = date.adding(days: rng.within(20...150))
                if convicted <= today { r.day("convicted_on", convicted) }
            }
            // Like most exports, fields at their usual value are left out: the offender's own area,
            // `series: false`, `finalised: true`.
            if rng.chance(10) { r.string("area", pick(Population.areas)) }
            if rng.chance(12) { r.bool("series", true) }
            if level == "suspected" { r.bool("finalised", false) }
            if rng.chance(4) {
                r.strings("aggravating", rng.chance(75) ? ["elderly_victim"] : ["racially_aggravated"])
            }
            r.close()
        }
        r.closeList()
        return written
    }

    mutating func intelligence(into r: inout RecordText) {
        let count = rng.around(3)
        guard count > 0 else { return }
        r.key("intelligence")
        r.openList()
        for n in 0..<count {
            r.element()
            r.open()
            r.string("id", childID("I", n))
            r.day("date", recentDay(730))
            if rng.chance(95) {   // the rest are ungraded: kept, never scored
                r.number("source", [1, 1, 2, 2, 3][rng.below(5)])
                r.string("assessment", ["A", "B", "B", "C", "C", "D", "E"][rng.below(7)])
            }
            r.string("handling", rng.chance(90) ? "P" : "C")
            r.close()
        }
        r.closeList()
    }

    mutating func arrests(into r: inout RecordText) {
        let count = rng.around(2)
        guard count > 0 else { return }
        r.key("arrests")
        r.openList()
        for n in 0..<count {
            r.element()
            r.open()
            r.string("id", childID("A", n))
            r.day("date", recentDay(730))
            if let code = Population.categories[rng.pick(weights: Population.categoryWeights)].code {
                r.string("code", code)
            }
            r.close()
        }
        r.closeList()
    }

    mutating func drugTestsAndAssessments(into r: inout RecordText) {
        let tests = rng.around(1)
        if tests > 0 {
            r.key("drug_tests")
            r.openList()
            for n in 0..<tests {
                r.element()
                r.open()
                r.string("id", childID("D", n))
                r.day("date", recentDay(900))
                r.string("result", rng.chance(40) ? "positive" : "negative")
                r.string("substance", pick(Population.substances))
                r.close()
            }
            r.closeList()
        }
        guard rng.chance(60) else { return }
        r.key("assessments")
        r.openList()
        r.element()
        r.open()
        r.string("id", childID("S", 0))
        let oasys = rng.chance(70)
        r.string("tool", oasys ? "oasys" : "ogrs")
        r.day("date", daysAgo(1000))
        let score = oasys ? rng.within(0...168) : rng.within(0...99)
        r.number("score", score)
        r.string("band", score >= (oasys ? 100 : 75) ? "high" : score >= 50 ? "medium" : "low")
        r.close()
        r.closeList()
    }

    mutating func custody(into r: inout RecordText) {
        let current = rng.chance(5)
        let past = rng.chance(12)
        guard current || past else { return }
        r.key("custody")
        r.openList()
        var n = 0
        if past {
            let received = today.adding(days: -rng.within(500...1400))
            let release = received.adding(days: rng.within(60...400))
            r.element()
            r.open()
            r.string("id", childID("C", n))
            r.string("establishment", pick(Population.establishments))
            r.day("received", received)
            r.day("hdc_eligibility", release.adding(days: -rng.within(30...90)))
            r.day("release", release)
            r.bool("released", true)
            r.close()
            n += 1
        }
        if current {
            let release = today.adding(days: rng.within(1...500))
            r.element()
            r.open()
            r.string("id", childID("C", n))
            r.string("establishment", pick(Population.establishments))
            r.day("received", today.adding(days: -rng.within(7...400)))
            r.day("hdc_eligibility", release.adding(days: -rng.within(30...90)))
            r.day("release", release)
            r.bool("released", false)
            r.close()
        }
        r.closeList()
    }

    mutating func courtBailAndWarrants(into r: inout RecordText) {
        if rng.chance(20) {
            r.key("court")
            r.openList()
            r.element()
            r.open()
            r.string("id", childID("H", 0))
            let upcoming = rng.chance(60)
            r.day("date", upcoming ? today.adding(days: rng.within(1...90)) : daysAgo(300))
            r.string("court", pick(SyntheticPopulation.areas) + " Magistrates' Court")
            r.string("kind", ["first_hearing", "trial", "sentence"][rng.below(3)])
            if !upcoming { r.bool("attended", rng.chance(85)) }
            r.close()
            r.closeList()
        }
        if rng.chance(10) {
            r.key("bail")
            r.openList()
            r.element()
            r.open()
            r.string("id", childID("B", 0))
            r.day("granted", daysAgo(60))
            r.day("report_on", today.adding(days: rng.within(1...28)))
            r.strings("conditions", rng.chance(50) ? ["curfew 19:00-07:00"] : ["reside at approved address"])
            r.close()
            r.closeList()
        }
        if rng.chance(5) {
            r.key("warrants")
            r.openList()
            r.element()
            r.open()
            r.string("id", childID("W", 0))
            let issued = daysAgo(400)
            r.day("issued", issued)
            if rng.chance(70) { r.day("executed", min(today, issued.adding(days: rng.within(1...60)))) }
            r.close()
            r.closeList()
        }
    }

    /// One Premium Service case for the most recent offence: advice, charge, file, review, trial….
    mutating func caseFile(into r: inout RecordText, offences: [(String, Day)]) {
        guard let latest = offences.max(by: { $0.1 < $1.1 }) else { return }
        r.key("cases")
        r.openList()
        r.element()
        r.open()
        r.string("id", id + "-K1")
        r.strings("offences", [latest.0])
        r.string("officer", "DC " + String(rng.within(1000...9999)) + " "
                 + pick(SyntheticPopulation.surnameStarts) + pick(SyntheticPopulation.surnameEnds))
        r.key("events")
        r.openList()
        let types = ["cps_advice", "charged", "mg6_sent", "cps_consulted", "readiness_review", "trial"]
        var day = latest.1.adding(days: rng.within(0...3))
        var events: [(String, Day)] = []
        for type in types {
            events.append((type, day))
            day = day.adding(days: rng.within(1...21))
        }
        // Extra events, so a case averages eight: warrants, a reduced charge, a second file or consultation.
        let extras = ["warrant_issued", "warrant_executed", "charge_reduced", "exceptional_reason", "mg6_sent",
                      "cps_consulted"]
        for _ in 0..<rng.around(2) {
            events.append((extras[rng.below(extras.count)], latest.1.adding(days: rng.within(1...60))))
        }
        for (n, event) in events.enumerated() {
            r.element()
            r.open()
            r.string("id", id + "-K1E" + String(n + 1))
            r.string("type", event.0)
            let scheduled = event.1 > today
            r.day("date", event.1)
            r.string("agency", pick(SyntheticPopulation.agencies))
            if scheduled { r.bool("scheduled", true) }
            r.close()
        }
        r.closeList()
        r.close()
        r.closeList()
    }
}

/// Writes one JSON object compactly, `{"key":value,…}`, as most exporters do.
private struct RecordText {
    var out: [UInt8]
    /// Whether the container being written already has a member or element.
    private var started: [Bool] = []

    init(out: [UInt8]) { self.out = out }

    mutating func open() { out.append(UInt8(ascii: "{")); started.append(false) }
    mutating func close() { out.append(UInt8(ascii: "}")); started.removeLast() }
    mutating func openList() { out.append(UInt8(ascii: "[")); started.append(false) }
    mutating func closeList() { out.append(UInt8(ascii: "]")); started.removeLast() }

    /// Separates a list element from the one before it.
    mutating func element() {
        if started[started.count - 1] { out.append(UInt8(ascii: ",")) }
        started[started.count - 1] = true
    }

    mutating func key(_ key: String) {
        element()
        quoted(key)
        out.append(UInt8(ascii: ":"))
    }

    /// Every generated string is plain text; quotes and backslashes are escaped all the same.
    mutating func quoted(_ text: String) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func string(_ key: String, _ value: String) { self.key(key); quoted(value) }

    mutating func strings(_ key: String, _ values: [String]) {
        self.key(key)
        openList()
        for value in values { element(); quoted(value) }
        closeList()
    }

    mutating func number(_ key: String, _ value: Int) { self.key(key); out.append(contentsOf: String(value).utf8) }

    mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func day(_ key: String, _ value: Day) {
        self.key(key)
        let p = value.parts
        out.append(UInt8(ascii: "\""))
        digits(p.year, 4)
        out.append(UInt8(ascii: "-"))
        digits(p.month, 2)
        out.append(UInt8(ascii: "-"))
        digits(p.day, 2)
        out.append(UInt8(ascii: "\""))
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(48 + (rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
