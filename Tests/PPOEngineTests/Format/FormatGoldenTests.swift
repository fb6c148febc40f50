import Foundation
import Testing
@testable import PPOEngine

/// Messy files and how `ppo fmt` lays them out: the source below, formatted, must match
/// `Golden/Format/<case>.ppo`. Run with `PPO_UPDATE_GOLDEN=1` to rewrite the files after a deliberate
/// change to the layout, then review the diff (and docs/language.md, "Layout and `ppo fmt`").
@Suite struct FormatGoldenTests {
    static let cases: [(name: String, source: String)] = [
        // Indentation from scratch, tables of points, band and match arms, spacing of operators and
        // calls, trailing comments, blank lines at a section's start and end, a runaway blank run.
        ("matrix", """
            # The Northtown matrix.   \t
            matrix   "Northtown"
                    version "2026-11"      # edition
            window 3 years # recent events only
              evidence convicted 1,admitted 1 , suspected 0.5



                eligible when age>=10 and(impact=serious or impact!=slight)
            offences "Crime categories"

            burglary_dwelling "Burglary dwelling" 4 series 5 # the form's line
              shoplifting 2
                 card_cheque_fraud "Credit card / cheque fraud" 0 series 2
            theft_other 1    # no label
            end
            factor "Current intelligence"=band days_since( latest(intelligence).date )
            <=28->5
                else -> 1 # older
            missing->0

            end
            factor "Impact" = match impact
              serious -> 5
              -1 -> 0
            end
            factor "Arrests" = 3*count(arrests within 12 months)- 1
            factor "OASys" =
                 5 when any(assessments where(tool="oasys" and score>=100))
            weighting "Priority crime category" on main category
            burglary_dwelling 6   # x6
            auto_crime 4
            end
            tiers
            "Priority" >= 120
            "Watch" >= 60
            "Other" otherwise
            end
            capacity 12
            end
            """),
        // Continuation lines hang under the first argument; comments that continue a trailing comment
        // stay under it; CRLF line ends and tabs.
        ("checklist", """
            calendar england_and_wales\r
            \tweekend saturday,sunday\r
            \tholiday 2026-12-25 "Christmas Day"\r
            \tholiday 2026-12-28 "Boxing Day (substitute day)"\r
            end\r
            \r
            checklist "CJS Premium Service"
            for ppo
            calendar england_and_wales
              events cps_advice, charged, # charging
                mg6_sent, charge_reduced,    # case file
                    exceptional_reason
            limit mg6_deadline = 5 working days # local agreement: the MG6 form
                                               # reaches the CPS in 5 working days
            limit ppo_flag_deadline = 1 working day   # and the flag in one
              rule "MG6 case file"
            # principle: an MG6 in every case.
            owner police
            when not any(events where type = charge_reduced)
                 and offender.juvenile = false
            require mg6_sent within mg6_deadline after charged
            end

            rule "Charge reduction"
            owner cps
            forbid charge_reduced unless exceptional_reason
            # the last word
            end
            end
            """),
        // Alerts with a long condition broken over lines, a test block with aligned comments by
        // paragraph, and categories with aligned groups and codes.
        ("alerts-categories-test", """
            categories
            group burglary = burglary_dwelling, burglary_other
                group auto_crime = theft_of_vehicle, theft_from_vehicle,
                  twoc
              shoplifting, arson
            code "28" -> burglary_dwelling # dwelling
            code "105A" -> assault
            end
            alerts "Daily tasking"

              alert "Release"
                severity high
                  when current_custody.release within next 28 days or
                changed(current_custody.release)
                message "{name}: release on {current_custody.release}"
                notify offender_manager
              end

            end
            test "Daily"
              alerts "Daily tasking"
              as of 2026-11-23
              data "samples/offenders.jsonl"
              # Release.
              expect "NT-0002" alert "Release" # 2026-12-21
              expect "NT-0028" no alert "Release" # one day outside
              expect "NT-0001" no alert "Release"
              expect "NT-0013" no alert "Release"    # not a PPO

              expect "NT-0006" alert "Release"   # changed
            end
            """),
    ]

    @Test(arguments: cases.map(\.name))
    func formatsAsTheGoldenFileShows(name: String) throws {
        let source = try #require(Self.cases.first { $0.name == name }?.source)
        switch RuleFormatter.format(SourceFile(path: "\(name).ppo", text: source)) {
        case .formatted(let text):
            Golden.check(text, "\(name).ppo", area: "Format")
        case .syntaxErrors(let diagnostics):
            Issue.record("\(name) does not parse: \(diagnostics.map(\.message))")
        case .unsafe(let reason):
            Issue.record("\(name) was refused: \(reason)")
        }
    }
}
