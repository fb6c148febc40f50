import Foundation
import GRDB
import PPOEngine

extension OffenderStore {
    /// The monitoring fields of the scope's records, in store order, for the equality figures: each
    /// stored line read by the engine's `MonitoringRecord` (the only reader of those fields) as it
    /// is fetched, so only the fields are kept, never the records.
    func monitoring(_ scope: DataScope) async throws -> [MonitoringRecord] {
        try await pool.read { db in
            var records: [MonitoringRecord] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT body FROM offender \(Self.filter(scope)) ORDER BY seq",
                                           arguments: Self.arguments(scope))
            while let row = try rows.next() {
                let body: Data = row["body"]
                records += MonitoringRecord.read(bytes: Array(body))
            }
            return records
        }
    }
}
