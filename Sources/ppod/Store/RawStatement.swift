import Foundation
import GRDB
import GRDBSQLite

/// A statement on one connection, stepped through SQLite's C API: an ingest binds each record's
/// bytes straight from the block of the body that holds them, with no copy into a `Data` and none
/// into SQLite's own memory before the row is written.
///
/// Used only inside the closure of a `DatabasePool` write that prepared it (one thread, one
/// connection), and finalized when released.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the connection is closed", sql: sql)
        }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds with `bind`, steps to the end, then resets and clears the bindings.
    ///
    /// Bytes bound through `Binder.bytes` are not copied: SQLite reads them during this call only
    /// (the statement is reset and its bindings cleared before it returns), so they must stay valid
    /// for the call, which the caller's scoped borrow around it guarantees.
    func execute(_ bind: (Binder) -> Void) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        bind(Binder(handle: handle))
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Binds with `bind` and calls `row` for each row; the values a row reader gives are valid
    /// during that call only.
    func forEachRow(_ bind: (Binder) -> Void = { _ in }, _ row: (RowReader) throws -> Void) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        bind(Binder(handle: handle))
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try row(RowReader(handle: handle))
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    /// Sets the parameters (numbered from 1) of one execution.
    struct Binder {
        fileprivate let handle: OpaquePointer

        func integer(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

        func null(_ index: Int32) { sqlite3_bind_null(handle, index) }

        /// A BLOB of `bytes`, empty but not NULL when there are none (a null pointer would bind
        /// NULL; see `StoredText`). Not copied: valid for the `execute` call that binds it.
        func bytes(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                sqlite3_bind_zeroblob(handle, index, 0)
                return
            }
            // A null destructor is SQLITE_STATIC: SQLite uses the bytes in place until the reset.
            sqlite3_bind_blob(handle, index, base, Int32(bytes.count), nil)
        }

        /// A BLOB of `bytes`, copied by SQLite before this returns (for bytes borrowed only for the
        /// call, like a digest's).
        func copying(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                sqlite3_bind_zeroblob(handle, index, 0)
                return
            }
            sqlite3_bind_blob(handle, index, base, Int32(bytes.count), Self.transient)
        }

        /// SQLITE_TRANSIENT (-1): SQLite copies the value before the bind returns.
        private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

        /// An identifier as its exact UTF-8 bytes (`StoredText`), copied by SQLite.
        func text(_ index: Int32, _ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                guard let base = utf8.baseAddress, !utf8.isEmpty else {
                    sqlite3_bind_zeroblob(handle, index, 0)
                    return
                }
                sqlite3_bind_blob(handle, index, base, Int32(utf8.count), Self.transient)
            }
        }

        /// An optional identifier: NULL when there is none.
        func optionalText(_ index: Int32, _ text: String?) {
            if let text { self.text(index, text) } else { null(index) }
        }
    }

    /// The columns (numbered from 0) of the current row.
    struct RowReader {
        fileprivate let handle: OpaquePointer

        func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

        /// The column's bytes, valid during the row's callback only.
        func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
            let base = sqlite3_column_blob(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : count)
        }

        /// The column as text of its bytes (an identifier), nil when NULL.
        func text(_ column: Int32) -> String? {
            isNull(column) ? nil : String(decoding: bytes(column), as: UTF8.self)
        }
    }
}
