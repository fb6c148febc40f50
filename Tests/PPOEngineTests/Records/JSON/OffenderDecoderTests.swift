import Testing
@testable import PPOEngine

@Suite struct OffenderDecoderTests {
    private static let rich = """
    {"id": "NT-0042", "name": "Jay Fictional", "dob": "1998-04-17", "pnc": "98/123456X", "cro": "12345/98A", \
    "aliases": ["J Fict", "Jaybird"], "area": "Northtown", "ethnicity": "W1", "gender": "M", "religion": "none", \
    "ppo": {"status": "adopted", "since": "2025-06-01"}, "impact": "serious", \
    "flags": ["crime_dependent", "cdrp_priority"], "unknown_key": {"kept": [1, 2]}, \
    "offences": [{"id": "OF-1", "category": "burglary_dwelling", "code": "28/1", "date": "2026-09-14", \
    "evidence": "convicted", "convicted_on": "2026-10-20", "area": "Northtown", "series": true, "finalised": true, \
    "aggravating": ["elderly_victim"]}, {"code": "34", "date": "2026-10-02", "evidence": "suspected"}, \
    {"category": "shoplifting", "code": "99", "finalised": false, "series": null}], \
    "intelligence": [{"id": "INT-7", "date": "2026-10-30", "source": 1, "assessment": "B", "handling": "P"}, \
    {"date": "2026-11-01", "source": 3}], \
    "arrests": [{"id": "AR-1", "date": "2026-10-03", "code": "34"}], \
    "drug_tests": [{"id": "DT-1", "date": "2026-10-03", "result": "positive", "substance": "opiates"}, \
    {"date": "2026-11-03", "result": "negative"}], \
    "assessments": [{"id": "AS-1", "tool": "ogrs", "date": "2026-08-01", "score": 72.5, "band": "high"}, \
    {"tool": "oasys", "score": 4.5e1}], \
    "custody": [{"id": "CU-1", "establishment": "HMP Example", "received": "2026-01-05", \
    "hdc_eligibility": "2026-12-01", "release": "2027-01-10"}, {"received": "2024-02-29", "released": true}], \
    "bail": [{"id": "BA-1", "granted": "2026-10-04", "report_on": "2026-11-25", "conditions": ["curfew", "residence"]}], \
    "court": [{"id": "CT-1", "date": "2026-12-02", "court": "Northtown Magistrates", "kind": "trial", "attended": false}, \
    {"date": "2026-12-09"}], \
    "warrants": [{"id": "WA-1", "issued": "2026-11-10", "executed": "2026-11-12"}, {"issued": "2026-11-20"}], \
    "cases": [{"id": "CA-1", "offences": ["OF-1"], "officer": "DC Example", "events": [\
    {"id": "EV-1", "type": "charge", "date": "2026-10-21", "agency": "police", "note": "charged at custody suite"}, \
    {"type": "trial", "date": "2027-02-01", "agency": "court", "scheduled": true}]}, {}]}
    """

    @Test func decodesEveryField() throws {
        let batch = RecordFixtures.read("\n" + Self.rich + "\n")
        #expect(batch.rejected.map(\.rendered) == [])
        let o = try #require(batch.offenders.first)
        let table = RecordFixtures.categories
        func day(_ text: String) -> Day? { Day(iso: text) }

        #expect(o.id == "NT-0042")
        #expect(o.line == 2)
        #expect(o.name == "Jay Fictional")
        #expect(o.dob == day("1998-04-17"))
        #expect(o.pnc == "98/123456X")
        #expect(o.cro == "12345/98A")
        #expect(o.aliases == ["J Fict", "Jaybird"])
        #expect(o.area == "Northtown")
        #expect(o.ppo == PPOMembership(status: .adopted, since: day("2025-06-01")))
        #expect(o.impact == .serious)
        #expect(o.flags == ["crime_dependent", "cdrp_priority"])

        var first = Offence(id: "OF-1", category: try #require(table.index(of: "burglary_dwelling")))
        first.code = "28/1"
        first.date = day("2026-09-14")
        first.evidence = .convicted
        first.convictedOn = day("2026-10-20")
        first.area = "Northtown"
        first.series = true
        first.finalised = true
        first.aggravating = ["elderly_victim"]
        var second = Offence(id: "offences[2]", category: try #require(table.index(of: "robbery")))
        second.code = "34"
        second.date = day("2026-10-02")
        second.evidence = .suspected
        // An explicit category wins over the code, even one that maps to nothing.
        var third = Offence(id: "offences[3]", category: try #require(table.index(of: "shoplifting")))
        third.code = "99"
        third.finalised = false
        #expect(o.offences == [first, second, third])

        var graded = Intelligence(id: "INT-7")
        graded.date = day("2026-10-30")
        graded.source = 1
        graded.assessment = .B
        graded.handling = .P
        var ungraded = Intelligence(id: "intelligence[2]")
        ungraded.date = day("2026-11-01")
        ungraded.source = 3
        #expect(o.intelligence == [graded, ungraded])
        #expect(o.intelligence.map(\.isGraded) == [true, false])

        var arrest = Arrest(id: "AR-1")
        arrest.date = day("2026-10-03")
        arrest.code = "34"
        #expect(o.arrests == [arrest])

        var positive = DrugTest(id: "DT-1")
        positive.date = day("2026-10-03")
        positive.result = .positive
        positive.substance = "opiates"
        var negative = DrugTest(id: "drug_tests[2]")
        negative.date = day("2026-11-03")
        negative.result = .negative
        #expect(o.drugTests == [positive, negative])

        var ogrs = Assessment(id: "AS-1")
        ogrs.tool = "ogrs"
        ogrs.date = day("2026-08-01")
        ogrs.score = ExactDecimal(parsing: "72.5")
        ogrs.band = "high"
        var oasys = Assessment(id: "assessments[2]")
        oasys.tool = "oasys"
        oasys.score = ExactDecimal(45)
        #expect(o.assessments == [ogrs, oasys])

        var current = Custody(id: "CU-1")
        current.establishment = "HMP Example"
        current.received = day("2026-01-05")
        current.hdcEligibility = day("2026-12-01")
        current.release = day("2027-01-10")
        var earlier = Custody(id: "custody[2]")
        earlier.received = day("2024-02-29")
        earlier.released = true
        #expect(o.custody == [current, earlier])
        #expect(!o.custody[0].released)

        var bail = Bail(id: "BA-1")
        bail.granted = day("2026-10-04")
        bail.reportOn = day("2026-11-25")
        bail.conditions = ["curfew", "residence"]
        #expect(o.bail == [bail])

        var trial = CourtAppearance(id: "CT-1")
        trial.date = day("2026-12-02")
        trial.court = "Northtown Magistrates"
        trial.kind = "trial"
        trial.attended = false
        var listed = CourtAppearance(id: "court[2]")
        listed.date = day("2026-12-09")
        #expect(o.court == [trial, listed])
        #expect(o.court[1].attended == nil)

        var executed = Warrant(id: "WA-1")
        executed.issued = day("2026-11-10")
        executed.executed = day("2026-11-12")
        var outstanding = Warrant(id: "warrants[2]")
        outstanding.issued = day("2026-11-20")
        #expect(o.warrants == [executed, outstanding])

        var charge = CaseEvent(id: "EV-1")
        charge.type = "charge"
        charge.date = day("2026-10-21")
        charge.agency = "police"
        charge.note = "charged at custody suite"
        var trialDate = CaseEvent(id: "cases[1].events[2]")
        trialDate.type = "trial"
        trialDate.date = day("2027-02-01")
        trialDate.agency = "court"
        trialDate.scheduled = true
        var file = Case(id: "CA-1")
        file.offences = ["OF-1"]
        file.officer = "DC Example"
        file.events = [charge, trialDate]
        #expect(o.cases == [file, Case(id: "cases[2]")])
    }

    @Test func nullCountsAsAbsentAndUnknownOrMonitoringKeysAreIgnored() throws {
        let line = #"{"id": "NT-1", "dob": null, "ppo": null, "offences": null, "court": [{"attended": null}], "#
            + #""ethnicity": 7, "gender": ["x"], "religion": {}, "notes": "anything", "id_extra": 1}"#
        let batch = RecordFixtures.read(line)
        #expect(batch.rejected.map(\.rendered) == [])
        var expected = Offender(id: "NT-1", line: 1)
        expected.court = [CourtAppearance(id: "court[1]")]
        #expect(batch.offenders == [expected])
    }

    @Test(arguments: [
        ("4", "4"), ("-0", "0"), ("72.50", "72.5"), ("1e0", "1"), ("4.5e1", "45"), ("45E-1", "4.5"),
        ("1.5e+2", "150"), ("-2.5e-3", "-0.0025"), ("0.0000005", "0.0000005"), ("0.0000015", "0.0000015"),
        ("1e-7", "0.0000001"), ("15e-7", "0.0000015"), ("0e999999", "0"), ("0.00012e4", "1.2"),
        ("1e12", "1000000000000"), ("1e30", "1000000000000000000000000000000"), ("-1e19", "-10000000000000000000"),
        ("123456789.123456789123456789", "123456789.123456789123456789"), ("1e-38", "0.00000000000000000000000000000000000001"),
    ])
    func convertsJSONNumbersExactly(literal: String, expected: String) {
        #expect(RecordFields.decimal(fromJSONNumber: literal)?.description == expected)
    }

    /// Numbers are kept exactly, so one that needs more than 38 digits either side of the point
    /// has no value: the record is rejected rather than the number rounded.
    @Test(arguments: ["1e39", "1e999999999", "1e-999999999", "1e-39", "1234567890123456789012345678901234567890.5"])
    func numbersOutOfRangeHaveNoDecimal(literal: String) {
        #expect(RecordFields.decimal(fromJSONNumber: literal) == nil)
    }
}
