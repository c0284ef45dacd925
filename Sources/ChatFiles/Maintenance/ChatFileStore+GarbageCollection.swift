extension ChatFileStore {
    /// Removes blobs that no file has referenced for the grace period, while other threads and
    /// processes keep writing and reading.
    ///
    /// An ordinary collection reads only the blobs marked unreferenced (an index on the mark finds them),
    /// so its cost follows the garbage, not the size of the store. ``CollectionOptions/isFullSweep`` adds
    /// a walk over `objects/` and `tmp/` for crash leftovers.
    ///
    /// Each batch is one write transaction that:
    /// 1. takes the candidates whose unreferenced mark is older than the grace period;
    /// 2. re-checks that no row references them, clearing the mark of any that a row uses again;
    /// 3. unlinks their files and deletes their rows, then commits.
    ///
    /// Unlinking under the write lock is what makes writers safe: a writer checks that its blob file is
    /// present inside its own write transaction, so it either commits before the batch (and its row
    /// clears the mark, so the blob is no longer a candidate) or after it (and then finds the file gone
    /// and publishes it again). A crash between unlink and commit leaves rows without files, which
    /// writers repair and the next collection finishes.
    ///
    /// - Throws: ``ChatFilesError`` when the index or a file cannot be changed; batches committed
    ///   before the error stay committed.
    @discardableResult
    public func collectGarbage(_ options: CollectionOptions = CollectionOptions()) throws -> CollectionReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = CollectionReport()
        report.isDryRun = options.isDryRun
        let cutoff = Timestamp.now() - Self.microseconds(options.gracePeriod)

        do {
            if options.isDryRun {
                try countCandidates(before: cutoff, into: &report)
            } else {
                while try removeBatch(before: cutoff, limit: max(1, options.batchSize), into: &report) {
                    options.progress?(report)
                }
            }
            try countKept(after: cutoff, into: &report)
            if options.isFullSweep {
                try sweepLeftovers(options, cutoff: cutoff, into: &report)
            }
        } catch let error as SystemError {
            throw ChatFilesError(error, while: "collecting garbage in '\(path)'")
        } catch {
            throw ChatFilesError.wrapping(error)
        }
        if !options.isDryRun && isReserveReleased.load(ordering: .relaxed) {
            restoreReserve()
        }
        report.elapsed = clock.now - start
        options.progress?(report)
        return report
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Removes up to `limit` expired blobs in one transaction; returns `true` when more may remain.
    private func removeBatch(before cutoff: Int64, limit: Int, into report: inout CollectionReport) throws -> Bool {
        let removed = try withWriteTransaction(usingReserve: true) { connection in
            let candidates = try connection.query(
                """
                SELECT hash, stored_bytes FROM blobs
                WHERE unreferenced_since IS NOT NULL AND unreferenced_since <= ?
                ORDER BY unreferenced_since LIMIT ?
                """,
                [.integer(cutoff), .integer(Int64(limit))]
            ) { row in (digest: SHA256Digest(bytes: row.blob(0)), storedBytes: row.int64(1)) }

            var removed: [(SHA256Digest, Int64)] = []
            for candidate in candidates {
                let key = SQLiteValue.blob(candidate.digest.bytes)
                let isReferenced = try connection.queryFirst(
                    "SELECT 1 FROM chat_files WHERE blob = ? LIMIT 1", [key]
                ) { _ in true }
                if isReferenced == true {
                    // A mark that outlived a new reference; clearing it keeps the blob.
                    try connection.run("UPDATE blobs SET unreferenced_since = NULL WHERE hash = ?", [key])
                    continue
                }
                try blobs.remove(candidate.digest)
                try connection.run("DELETE FROM blobs WHERE hash = ?", [key])
                removed.append((candidate.digest, candidate.storedBytes))
            }
            return Removal(count: candidates.count, removed: removed.map { $0.1 })
        }
        report.removedBlobs += removed.removed.count
        report.removedBytes += removed.removed.reduce(0, +)
        return removed.count == limit
    }

    private struct Removal: Sendable {
        let count: Int
        let removed: [Int64]
    }

    private func countCandidates(before cutoff: Int64, into report: inout CollectionReport) throws {
        let totals = try withReader { connection in
            try connection.queryFirst(
                """
                SELECT count(*), coalesce(sum(stored_bytes), 0) FROM blobs
                WHERE unreferenced_since IS NOT NULL AND unreferenced_since <= ?
                    AND NOT EXISTS (SELECT 1 FROM chat_files WHERE blob = blobs.hash)
                """,
                [.integer(cutoff)]
            ) { row in (Int(row.int64(0)), row.int64(1)) }!
        }
        report.removedBlobs = totals.0
        report.removedBytes = totals.1
    }

    private func countKept(after cutoff: Int64, into report: inout CollectionReport) throws {
        let totals = try withReader { connection in
            try connection.queryFirst(
                """
                SELECT count(*), coalesce(sum(stored_bytes), 0) FROM blobs
                WHERE unreferenced_since IS NOT NULL AND unreferenced_since > ?
                """,
                [.integer(cutoff)]
            ) { row in (Int(row.int64(0)), row.int64(1)) }!
        }
        report.keptBlobs = totals.0
        report.keptBytes = totals.1
    }
}
