extension ChatFileStore {
    /// Removes crash leftovers older than the grace period: blob files without a `blobs` row, and
    /// temporary files of writes that never finished.
    ///
    /// A blob file without a row is either left by a crashed write or just published by a write that
    /// has not committed yet. Both are safe to remove under the write lock: a pending write checks that
    /// its file is present inside its own transaction and publishes it again from its temporary file.
    /// A temporary file is removed only when its writer process is gone, or when it is a day old, since
    /// a running writer still needs its file until its transaction commits.
    func sweepLeftovers(_ options: CollectionOptions, cutoff: Int64, into report: inout CollectionReport) throws {
        // A blob file without a row is a leftover only once it is older than the grace period.
        let candidates = try blobs.listBlobFiles()
            .filter { $0.status.modificationTime * 1_000_000 <= cutoff }
            .map { (digest: $0.digest, size: $0.status.size) }

        let batchSize = max(1, options.batchSize)
        for start in stride(from: 0, to: candidates.count, by: batchSize) {
            let batch = Array(candidates[start..<min(start + batchSize, candidates.count)])
            let removed = try removeOrphans(batch, isDryRun: options.isDryRun)
            report.removedOrphans += removed.count
            report.removedOrphanBytes += removed.reduce(0, +)
            options.progress?(report)
        }

        try sweepTemporaryFiles(options, cutoff: cutoff, into: &report)
    }

    /// Removes the files of `batch` that have no `blobs` row, under the write lock; returns their sizes.
    private func removeOrphans(_ batch: [(digest: SHA256Digest, size: Int64)], isDryRun: Bool) throws -> [Int64] {
        let check = { (connection: Connection) throws -> [Int64] in
            var removed: [Int64] = []
            for candidate in batch {
                let hasRow = try connection.queryFirst(
                    "SELECT 1 FROM blobs WHERE hash = ?", [.blob(candidate.digest.bytes)]
                ) { _ in true }
                if hasRow == true { continue }
                if isDryRun {
                    removed.append(candidate.size)
                } else if try self.blobs.remove(candidate.digest) {
                    removed.append(candidate.size)
                }
            }
            return removed
        }
        return isDryRun ? try withReader(check) : try withWriteTransaction(usingReserve: true, check)
    }

    private func sweepTemporaryFiles(_ options: CollectionOptions, cutoff: Int64, into report: inout CollectionReport)
        throws
    {
        let fileSystem = blobs.fileSystem
        let dayAgo = Timestamp.now() - 86_400 * 1_000_000
        for name in try fileSystem.contentsOfDirectory(blobs.temporaryPath) {
            let path = blobs.temporaryPath + "/" + name
            guard let status = try fileSystem.linkStatus(path), !status.isDirectory else { continue }
            let modified = status.modificationTime * 1_000_000
            guard modified <= cutoff else { continue }
            // Temporary names start with the writer's process id: "<pid>-<random>.tmp".
            let owner = Int32(name.prefix { $0 != "-" }) ?? 0
            if fileSystem.isProcessRunning(owner) && owner != FileSystem.processID && modified > dayAgo {
                continue
            }
            if owner == FileSystem.processID && modified > dayAgo && options.gracePeriod < .seconds(86_400) {
                // This process's own writes may be in flight on other threads.
                continue
            }
            if !options.isDryRun, try !removeIfPresent(path) {
                continue
            }
            report.removedTemporaryFiles += 1
            report.removedTemporaryBytes += status.size
        }
    }

    /// Unlinks `path`; returns `false` when it was already gone.
    private func removeIfPresent(_ path: String) throws -> Bool {
        do {
            try blobs.fileSystem.unlink(path)
            return true
        } catch {
            if error.isNotFound { return false }
            throw error
        }
    }
}
