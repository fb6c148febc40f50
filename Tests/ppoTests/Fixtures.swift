import Foundation

/// Small synthetic rules and records for the end-to-end tests (all names invented).
///
/// Scores at 2026-11-22, worked by hand:
/// - A1: burglary_dwelling O1 convicted in a series (5) + O2 suspected (4 × 0.5 = 2) = 7; criminal_damage O3
///   unscored; arrests R1 within 12 months (R2 is older) = 3. Main category `burglary` (weight 2):
///   (7 + 3) × 2 = 20 → High, rank 1, recommended (capacity 1).
/// - A4: an offence with no category but code "28" → burglary_dwelling, 4; its shoplifting O6 is dated
///   after as_of and so does not exist. (4) × 2 = 8 → Low, rank 2.
/// - A2: two shoplifting offences, 2 + 2 = 4, no burglary so weight 1 → Low, rank 3.
/// - A3: born 2018, age 8 → ineligible.
enum Fixtures {
    static let matrix = """
        categories
          group burglary = burglary_dwelling, burglary_other
          shoplifting, criminal_damage
          code "28" -> burglary_dwelling
        end

        matrix "Northtown PPO"
          version "T-1"
          window 3 years
          evidence convicted 1, admitted 1, suspected 0.5
          eligible when age >= 10
          offences "Crime categories"
            burglary_dwelling  4  series 5
            shoplifting        2
          end
          factor "Arrests in previous 12 months" = 3 * count(arrests within 12 months)
          weighting "Priority crime category" on main category
            burglary 2
          end
          tiers
            "High" >= 20
            "Low"  otherwise
          end
          capacity 1
        end

        """

    static let passingTest = """
        test "northtown sample"
          matrix "Northtown PPO"
          as of 2026-11-22
          data "data.jsonl"
          expect "A1" score 20
          expect "A1" tier "High"
          expect "A1" rank 1
          expect "A1" recommended
          expect "A4" rank 2
          expect "A2" score 4
        end

        """

    static let failingTest = """
        test "wrong on purpose"
          matrix "Northtown PPO"
          as of 2026-11-22
          data "data.jsonl"
          expect "A2" score 99
        end

        """

    /// The matrix with a misspelled category on line 14, column 5.
    static let misspelled = matrix.replacingOccurrences(of: "    shoplifting        2", with: "    shoplifitng        2")

    static let data = [
        #"{"id": "A1", "name": "Ann Example", "dob": "1990-01-01", "offences": [{"id": "O1", "category": "burglary_dwelling", "date": "2026-01-10", "evidence": "convicted", "series": true}, {"id": "O2", "category": "burglary_dwelling", "date": "2025-06-01", "evidence": "suspected"}, {"id": "O3", "category": "criminal_damage", "date": "2026-02-01", "evidence": "convicted"}], "arrests": [{"id": "R1", "date": "2026-03-01"}, {"id": "R2", "date": "2024-01-01"}], "ethnicity": "not visible to rules"}"#,
        #"{"id": "A2", "name": "Bob Sample", "dob": "1985-05-05", "offences": [{"id": "O4", "category": "shoplifting", "date": "2026-05-01", "evidence": "convicted"}, {"id": "O5", "category": "shoplifting", "date": "2026-06-01", "evidence": "admitted"}]}"#,
        #"{"id": "A3", "name": "Cy Young", "dob": "2018-01-01", "offences": [{"id": "O8", "category": "shoplifting", "date": "2026-05-01", "evidence": "convicted"}]}"#,
        #"{"id": "A4", "name": "Di Later", "dob": "1980-01-01", "offences": [{"id": "O6", "category": "shoplifting", "date": "2027-01-01", "evidence": "convicted"}, {"id": "O7", "code": "28", "date": "2026-10-01", "evidence": "convicted"}]}"#,
    ].joined(separator: "\n") + "\n"

    /// Line 2 is not JSON, line 3 repeats A1, line 4 has an impossible date.
    static let dataWithRejects = [
        #"{"id": "B1", "name": "Eve Valid", "dob": "1990-01-01"}"#,
        #"{"id": "B2", "name": "#,
        #"{"id": "B1", "name": "Eve Again"}"#,
        #"{"id": "B3", "dob": "2025-02-29"}"#,
    ].joined(separator: "\n") + "\n"

    /// A project directory with the matrix, its test and the data.
    static func project() throws -> Workspace {
        try Workspace([
            "matrices/northtown.ppo": matrix,
            "rules/tests.ppo": passingTest,
            "data.jsonl": data,
        ])
    }
}
