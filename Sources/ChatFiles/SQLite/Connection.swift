internal import CSQLite

/// A bound or column value of a SQLite statement.
enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    case blob([UInt8])
    case null
}

/// The underlying error of a ``ChatFilesError`` for `SQLITE_FULL`: the index, not a blob, needed space.
struct IndexFullError: Error, Sendable {}

/// One SQLite connection and its cache of prepared statements.
///
/// `@unchecked Sendable` because a connection is only ever used by one thread at a time: the store
/// keeps its write connection behind a `Mutex` and lends read connections from a pool, and nothing else
/// holds a reference. The handle is closed in `deinit`, after the cached statements are finalized.
final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    let path: String
    private var statements: [String: Statement] = [:]

    /// Opens (and creates, if needed) the database at `path`.
    ///
    /// - Parameter busyTimeout: How long SQLite waits for a lock held by another connection before it
    ///   returns `SQLITE_BUSY`, in milliseconds.
    init(path: String, busyTimeout: Int32) throws(ChatFilesError) {
        var handle: OpaquePointer?
        // NOMUTEX: each connection is confined to one thread at a time, so SQLite's own mutex is not needed.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let result = sqlite3_open_v2(path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw ChatFilesError(.database, "cannot open the index database '\(path)': \(message)")
        }
        self.handle = handle
        self.path = path
        sqlite3_busy_timeout(handle, busyTimeout)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that return no rows.
    func execute(_ sql: String) throws(ChatFilesError) {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        if result != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
            sqlite3_free(message)
            throw Self.error(code: result, message: text, sql: sql)
        }
    }

    /// Returns the cached prepared statement for `sql`, preparing it on first use.
    func statement(_ sql: String) throws(ChatFilesError) -> Statement {
        if let cached = statements[sql] {
            return cached
        }
        var pointer: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard result == SQLITE_OK, let pointer else {
            throw Self.error(code: result, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        let statement = Statement(handle: pointer, connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs a statement that returns no rows, with `values` bound to its parameters in order.
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws(ChatFilesError) {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs a query and maps each row with `body`.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [], _ body: (Statement) throws -> T) throws -> [T] {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        var rows: [T] = []
        while try statement.step() {
            rows.append(try body(statement))
        }
        return rows
    }

    /// Runs a query and returns its first row mapped by `body`, or `nil` when there is none.
    func queryFirst<T>(_ sql: String, _ values: [SQLiteValue] = [], _ body: (Statement) throws -> T) throws -> T? {
        let statement = try statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try statement.step() ? body(statement) : nil
    }

    /// The number of rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int {
        Int(sqlite3_changes64(handle))
    }

    /// Turns a SQLite result code into an error; busy and locked become ``ChatFilesError/Code/busy``.
    static func error(code: Int32, message: String, sql: String?) -> ChatFilesError {
        let primary = code & 0xff
        let statement = sql.map { " in \"\($0.prefix(120))\"" } ?? ""
        if primary == SQLITE_BUSY || primary == SQLITE_LOCKED {
            return ChatFilesError(
                .busy,
                "the index database stayed locked by another connection (SQLite \(code): \(message))\(statement); "
                    + "retry later, or raise the busy timeout")
        }
        if primary == SQLITE_FULL {
            return ChatFilesError(
                .outOfSpace, "the index database cannot grow: the disk is full (SQLite \(code))",
                underlying: IndexFullError())
        }
        return ChatFilesError(.database, "SQLite error \(code) (\(message))\(statement)")
    }
}
