import CSQLite

/// SQLite's `SQLITE_TRANSIENT`, a macro Swift does not import: bound bytes are copied before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A minimal SQLite connection for the inline baseline. Not `Sendable`: each thread opens its own.
final class SQLiteDatabase {
    let handle: OpaquePointer

    init(path: String, busyTimeoutMilliseconds: Int32 = 10_000) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            throw BenchmarkError("cannot open SQLite database '\(path)': code \(result)")
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        if result != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "code \(result)"
            sqlite3_free(message)
            throw BenchmarkError("SQLite: \(text) in \"\(sql.prefix(80))\"")
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard result == SQLITE_OK, let statement else {
            throw BenchmarkError("SQLite cannot prepare \"\(sql.prefix(80))\": \(errorMessage)")
        }
        return SQLiteStatement(handle: statement, database: self)
    }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The largest string or blob this connection accepts (`SQLITE_LIMIT_LENGTH`).
    var maximumLength: Int64 { Int64(sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, -1)) }
}

/// A prepared statement, reused across calls: bind, step, read columns, reset.
final class SQLiteStatement {
    let handle: OpaquePointer
    private let database: SQLiteDatabase

    init(handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value {
            sqlite3_bind_text(handle, index, value, -1, transient)
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    func bind(_ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob64(
                handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(raw.count), transient)
        }
    }

    func bindZeroBlob(_ index: Int32, size: Int64) throws {
        let result = sqlite3_bind_zeroblob64(handle, index, UInt64(size))
        guard result == SQLITE_OK else {
            throw BenchmarkError("SQLite cannot bind a \(size)-byte blob: \(String(cString: sqlite3_errstr(result)))")
        }
    }

    /// Advances to the next row; returns `false` when the statement is done.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw BenchmarkError("SQLite step failed: \(database.errorMessage)")
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
