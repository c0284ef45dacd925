internal import CSQLite

extension Connection {
    /// Runs `body` inside a `BEGIN IMMEDIATE` transaction and commits it, retrying the whole
    /// transaction while another process holds the database locked.
    ///
    /// Why this shape:
    /// - `BEGIN IMMEDIATE` takes the write lock before the first read. A deferred `BEGIN` that reads
    ///   and then writes gets `SQLITE_BUSY` at once when another connection wrote in between, because
    ///   SQLite cannot upgrade a stale read snapshot. No busy timeout helps there.
    /// - While waiting for the lock, SQLite's busy handler sleeps up to the connection's busy timeout.
    ///   If the lock is still held after that, or any statement inside reports busy, the transaction
    ///   is rolled back and run again from the start, up to `attempts` times, so that "database is
    ///   locked" reaches the caller only after minutes of contention.
    /// - `body` may therefore run more than once: it must not have effects outside the transaction
    ///   that a second run would duplicate.
    ///
    /// - Throws: ``ChatFilesError`` with code ``ChatFilesError/Code/busy`` when every attempt found the
    ///   database locked; whatever `body` throws, after rolling back.
    ///
    /// - Parameter beforeCommit: Runs after `body`, right before `COMMIT`; an error it throws rolls back.
    func writeTransaction<T>(attempts: Int = 20, beforeCommit: () throws -> Void = {}, _ body: () throws -> T)
        throws -> T
    {
        var attempt = 0
        while true {
            attempt += 1
            if try !begin(isLastAttempt: attempt >= attempts) {
                continue
            }
            do {
                let result = try body()
                try beforeCommit()
                try execute("COMMIT")
                return result
            } catch {
                rollback()
                if let error = error as? ChatFilesError, error.code == .busy, attempt < attempts {
                    continue
                }
                throw error
            }
        }
    }

    /// Starts a write transaction; returns `false` when the database stayed locked and another
    /// attempt may follow.
    private func begin(isLastAttempt: Bool) throws -> Bool {
        do {
            try execute("BEGIN IMMEDIATE")
            return true
        } catch {
            if error.code == .busy && !isLastAttempt {
                return false
            }
            throw error
        }
    }

    /// Runs `body` inside a read transaction, so that all its queries see one snapshot of the index.
    func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        defer { rollback() }
        return try body()
    }

    /// Copies the write-ahead log into the database and truncates it to zero bytes, ignoring errors.
    ///
    /// The log grows until a checkpoint, by a few pages per transaction. Truncating it returns that
    /// space to the file system.
    func truncateLog() {
        sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
    }

    /// Ends the open transaction, if any, without saving it.
    func rollback() {
        if sqlite3_get_autocommit(handle) == 0 {
            sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
        }
    }
}
