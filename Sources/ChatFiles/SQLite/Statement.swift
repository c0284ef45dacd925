internal import CSQLite

/// SQLite's SQLITE_TRANSIENT destructor, which Swift cannot import because it is a macro casting -1:
/// it makes SQLite copy bound text and blobs before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement, cached and reused by its ``Connection`` and finalized in `deinit`.
///
/// Not `Sendable`: it belongs to its connection's thread. Callers bind, step and read columns, then
/// ``reset()`` so that the next use starts clean.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let connection: Connection

    init(handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to the parameters `?1`, `?2`, … in order.
    func bind(_ values: [SQLiteValue]) throws(ChatFilesError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32
            switch value {
            case .integer(let number):
                result = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                result = sqlite3_bind_text(handle, index, text, -1, transient)
            case .blob(let bytes):
                result = bytes.withUnsafeBytes { raw in
                    // A zero-length blob needs a non-null pointer or SQLite binds NULL.
                    sqlite3_bind_blob(
                        handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), transient)
                }
            case .null:
                result = sqlite3_bind_null(handle, index)
            }
            guard result == SQLITE_OK else {
                throw Connection.error(
                    code: result, message: String(cString: sqlite3_errmsg(connection.handle)), sql: sql)
            }
        }
    }

    /// Advances to the next row; returns `false` when the statement is done.
    func step() throws(ChatFilesError) -> Bool {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            throw Connection.error(code: result, message: String(cString: sqlite3_errmsg(connection.handle)), sql: sql)
        }
    }

    /// Resets the statement and clears its bindings so the connection's cache can hand it out again.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Columns of the current row

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// Reads a 32-byte blob column as a digest, without copying it into an array first.
    ///
    /// - Precondition: The column contains exactly 32 bytes, which the schema's `CHECK` constraints ensure.
    func digest(_ column: Int32) -> SHA256Digest {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return SHA256Digest(rawBytes: UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func blob(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
