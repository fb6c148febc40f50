/// The examples of SPEC.md sections 5.1–5.6, verbatim. They must always parse without a diagnostic.
enum SpecExamples {
    static let categories = """
        categories
          group burglary   = burglary_dwelling, burglary_other, handling_stolen_goods
          group auto_crime = theft_of_vehicle, theft_from_vehicle, twoc
          code "28" -> burglary_dwelling      # map an offence code when a record has no category
        end
        """

    static let matrix = """
        matrix "Prolific Offender Prioritisation"
          version "2026-11"                              # recorded in every result
          window 3 years                                 # past events older than this are invisible to it
          evidence convicted 1, admitted 1, suspected 0.5  # default 1 each
          intelligence counts when source in [1, 2] and assessment in [A, B, C]  # default: graded items only
          eligible when age >= 10                        # default: everyone

          offences "Crime categories"                    # points for each offence in the window
            burglary_dwelling  4  series 5               # `series N`: points when the offence is in a series
            shoplifting        2
          end

          factor "Current intelligence" = band days_since(latest(intelligence).date)
            <= 28 -> 5
            <= 56 -> 3
            else  -> 1
            missing -> 0
          end
          factor "Serial offender" = band count(offences)
            >= 7 -> 5
            >= 2 -> 3
          end
          factor "Impact on public" = match impact
            serious -> 5
            moderate -> 3
            slight -> 1
          end
          factor "Arrests in previous 12 months" = 3 * count(arrests within 12 months)
          factor "Drug dependant (MDT)" = 5 when any(drug_tests where result = positive)

          weighting "Priority crime category" on main category   # or: on each category
            burglary_dwelling 6
            auto_crime        4
          end

          tiers
            "High"   >= 150
            "Medium" >= 75
            "Low"    otherwise
          end
          capacity 20
        end
        """

    static let calendar = """
        calendar england_and_wales
          weekend saturday, sunday
          holiday 2026-12-25 "Christmas Day"
        end
        """

    static let checklist = """
        checklist "CJS Premium Service"
          for ppo                                  # ppo (default), all, or candidates
          calendar england_and_wales
          events cps_advice, charged, mg6_sent, nfa, cps_consulted, charge_reduced, exceptional_reason,
                 warrant_issued, warrant_executed, trial, readiness_review

          rule "Police seek CPS advice pre-charge"
            owner police
            require cps_advice before charged
          end
          rule "MG6 case file in all PPO cases"
            owner police
            require mg6_sent within 5 working days after charged
          end
          rule "Trial readiness reviewed"
            owner cps
            require readiness_review at least 14 days before trial
          end
          rule "Charge reduction only in exceptional circumstances"
            owner cps
            forbid charge_reduced unless exceptional_reason
          end
        end
        """

    static let alerts = """
        alerts "Daily tasking"
          alert "Release from prison within 28 days"
            severity high                          # high, medium (default), low
            for ppo                                # ppo (default), all, candidates
            when current_custody.release within next 28 days
            message "{name}: release from {current_custody.establishment} on {current_custody.release}"
            notify offender_manager
          end
          alert "Prison details changed since last run"
            when changed(current_custody.establishment) or changed(current_custody.release)
                 or changed(current_custody.hdc_eligibility)
          end
          alert "Candidate for adoption"
            for candidates
            when score("Prolific Offender Prioritisation") >= 150
          end
        end
        """

    static let test = """
        test "Figure 3 worked example"
          matrix "Prolific Offender Prioritisation"      # or: checklist "…", alerts "…"
          as of 2026-11-22
          data "samples/figure3.jsonl"
          expect "NT-0001" score 142
          expect "NT-0001" tier "High"
          expect "NT-0002" rank 1
          expect "NT-0003" recommended
          expect "NT-0004" alert "Release from prison within 28 days"
          expect "NT-0005" breach "MG6 case file in all PPO cases"
        end
        """

    static let all = [categories, matrix, calendar, checklist, alerts, test]

    /// Every example in one file, as a rules directory would hold them.
    static let combined = all.joined(separator: "\n\n") + "\n"
}
