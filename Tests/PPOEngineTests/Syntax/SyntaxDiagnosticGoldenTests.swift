import Foundation
import Testing
@testable import PPOEngine

/// One golden file per kind of syntax diagnostic: the source below, rendered as
/// `path:line:col: error: message [id]`, must match `Golden/Syntax/<case>.txt`.
/// Run with `PPO_UPDATE_GOLDEN=1` to rewrite the files after a deliberate change, then review the diff.
@Suite struct SyntaxDiagnosticGoldenTests {
    static let cases: [(name: String, source: String)] = [
        ("unexpected-character", """
            matrix "Northtown"
              capacity 20 @
              window 3 years; 
            end
            """),
        ("unterminated-string", """
            test "Release alert
              as of 2026-11-22
            end
            """),
        ("invalid-escape", """
            matrix "North\\town"
            end
            """),
        ("invalid-number", """
            matrix "Northtown"
              capacity 20.5
              offences
                shoplifting 99999999999999999999
              end
            end
            test "T"
              expect "NT-0002" rank 1.5
            end
            """),
        ("unknown-limit", """
            checklist "CJS Premium Service"
              calendar england_and_wales
              events mg6_sent, charged
              limit mg6_deadline = 5 working days   # local agreement with the CPS
              rule "MG6 case file in all PPO cases"
                owner police
                require mg6_sent within mg6_deadlin after charged
              end
            end
            """),
        ("invalid-date", """
            calendar england_and_wales
              holiday 2025-02-29 "Not a leap year"
              holiday 26-12-25 "Short year"
            end
            """),
        ("expected-token", """
            matrix "Northtown"
              offences
                burglary_dwelling "Burglary (dwelling)"
                shoplifting 2 series
              end
              factor "Serial offender" = band count(offences)
                >= 7 5
                else -> 1
              end
              factor "Arrests" = 3 * 
              weighting "Priority" on every category
                burglary 6
              end
              tiers
                "High" > 150
                Low otherwise
              end
              eligible when age >= 10 and
            end
            """),
        ("unknown-clause", """
            matrix "Northtown"
              windw 3 years
              capacity 20
            end
            checklist "CJS Premium Service"
              event charged, cps_advice
              rule "Advice"
                requires cps_advice before charged
              end
            end
            test "T"
              expect "NT-0001" scroe 142
            end
            """),
        ("unknown-block", """
            matirx "Northtown"
              capacity 20
            end
            calendar england_and_wales
            end
            end
            calendar scotland
            end
            "stray"
            calendar wales
            end
            """),
        ("missing-end", """
            matrix "Northtown"
              offences
                shoplifting 2
              factor "Impact" = match impact
                serious -> 5
              capacity 20

            checklist "CJS"
              rule "Advice"
                require cps_advice before charged
              rule "File"
                require mg6_sent within 5 working days after charged
            end

            alerts "Daily"
              alert "Release"
                when in_custody
            """),
        ("invalid-duration", """
            matrix "Northtown"
              window 1.5 years
              factor "Recent" = count(arrests within 2000000 days)
            end
            """),
        ("duplicate-clause", """
            matrix "Northtown"
              version "1"
              version "2"
              window 3 years
              window 2 years
              offences
              end
              offences
              end
              weighting "A" on main category
              end
              weighting "B" on each category
              end
              tiers
              end
              tiers
              end
              capacity 20
              capacity 30
            end
            """),
        ("invalid-interpolation", """
            alerts "Daily"
              alert "Release"
                message "{name: release on {current_custody.release}"
                notify offender_manager
              end
              alert "Braces"
                message "{} and } and {{literal}} and {name +} and {a b}"
              end
            end
            """),
    ]

    @Test(arguments: cases.map(\.name))
    func golden(name: String) throws {
        let source = try #require(Self.cases.first { $0.name == name }?.source)
        let (_, diagnostics, file) = SyntaxTestSupport.parse(source, path: "\(name).ppo")
        #expect(diagnostics.contains { $0.id.rawValue == name },
                "no [\(name)] diagnostic:\n\(SyntaxTestSupport.render(diagnostics, in: file))")
        // Rendered the way `ppo check` shows them: the caret form of SPEC §6.
        var sources = SourceSet()
        sources.add(file)
        Golden.check(DiagnosticRenderer(sources: sources).text(diagnostics), "\(name).txt", area: "Syntax")
    }
}
