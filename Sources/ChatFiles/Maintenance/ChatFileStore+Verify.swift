extension ChatFileStore {
    /// Checks the whole store and reports every problem with the chats and filenames it affects.
    ///
    /// It runs SQLite's `PRAGMA integrity_check` and checks that every `chat_files` row has its `blobs`
    /// row and that every referenced blob has its file with the recorded size. A sample of blobs (all by
    /// default) is inflated, and the content's size and SHA-256 are compared with the index. The check goes on past every error, so one
    /// run lists all damage. Blob files without a row and files in `tmp/` are reported as reclaimable
    /// space, not as problems, because crashed writes leave them and a full collection removes them.
    ///
    /// Verification reads one snapshot of the index while writers go on; a blob that a concurrent
    /// write adds is checked by the next run.
    public func verify(_ options: VerifyOptions = VerifyOptions()) throws -> VerifyReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = VerifyReport()
        do {
            try withReader { connection in
                try checkIntegrity(connection, into: &report)
                try connection.readTransaction {
                    try checkRows(connection, into: &report)
                    try checkBlobs(connection, options: options, into: &report)
                }
            }
            try findLeftovers(into: &report)
        } catch {
            throw ChatFilesError.wrapping(error)
        }
        report.elapsed = clock.now - start
        return report
    }

    private func checkIntegrity(_ connection: Connection, into report: inout VerifyReport) throws {
        let lines = try connection.query("PRAGMA integrity_check") { $0.text(0) }
        if lines != ["ok"] {
            report.problems.append(
                VerifyProblem(
                    kind: .databaseIntegrity, blob: nil, files: [],
                    message: "the index database is damaged: " + lines.prefix(5).joined(separator: "; ")))
        }
    }

    private func checkRows(_ connection: Connection, into report: inout VerifyReport) throws {
        report.filesChecked = Int(try connection.queryFirst("SELECT count(*) FROM chat_files") { $0.int64(0) } ?? 0)
        let dangling = try connection.query(
            """
            SELECT f.blob, f.chat_id, f.filename FROM chat_files f
            WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.hash = f.blob) ORDER BY f.blob, f.chat_id, f.filename
            """
        ) { row in
            (SHA256Digest(bytes: row.blob(0)), VerifyProblem.AffectedFile(chatID: row.text(1), filename: row.text(2)))
        }
        for (digest, group) in Dictionary(grouping: dangling, by: \.0).sorted(by: { $0.key < $1.key }) {
            let files = group.map(\.1)
            report.problems.append(
                VerifyProblem(
                    kind: .missingBlobRow, blob: digest, files: files,
                    message: "blob \(digest) has no row in the index; \(Self.describe(files)) cannot be read"))
        }
    }

    private func checkBlobs(_ connection: Connection, options: VerifyOptions, into report: inout VerifyReport)
        throws
    {
        // Unreferenced blobs are garbage: a missing file there is a collection that was interrupted.
        let blobRows = try connection.query(
            "SELECT hash, size_bytes, stored_bytes FROM blobs WHERE unreferenced_since IS NULL ORDER BY hash"
        ) { row in (digest: SHA256Digest(bytes: row.blob(0)), size: row.int64(1), storedSize: row.int64(2)) }
        var generator = SystemRandomNumberGenerator()
        let share = min(max(options.samplePercent, 0), 100) / 100

        for (index, blob) in blobRows.enumerated() {
            report.blobsChecked += 1
            let shouldRehash = share >= 1 || Double.random(in: 0..<1, using: &generator) < share
            let problem = try checkBlob(blob.digest, size: blob.size, storedSize: blob.storedSize, rehash: shouldRehash)
            if let problem {
                let files = try affectedFiles(of: blob.digest, in: connection)
                report.problems.append(
                    VerifyProblem(
                        kind: problem.kind, blob: blob.digest, files: files,
                        message: problem.message + "; affects " + Self.describe(files)))
            }
            let wasRead = problem.map { $0.kind == .corruptBlob || $0.kind == .unreadableBlob } ?? true
            if shouldRehash && wasRead { report.blobsRehashed += 1 }
            options.progress?(index + 1, blobRows.count)
        }
    }

    /// Checks one blob file; returns the problem, or `nil` when the file is sound.
    private func checkBlob(_ digest: SHA256Digest, size: Int64, storedSize: Int64, rehash: Bool) throws
        -> (kind: VerifyProblem.Kind, message: String)?
    {
        guard let status = try? blobs.status(of: digest), status.isRegularFile else {
            return (.missingBlobFile, "blob \(digest) is missing: no file at '\(blobs.path(for: digest))'")
        }
        if status.size != storedSize {
            return (
                .storedSizeMismatch,
                "blob \(digest) has \(status.size) bytes on disk, but the index recorded \(storedSize)"
            )
        }
        guard rehash else { return nil }
        do {
            try withCodec { codec in
                try blobs.read(digest, expectedSize: size, codec: codec) { _ in }
            }
            return nil
        } catch let error as BlobStoreError {
            switch error.code {
            case .corruptBlob: return (.corruptBlob, error.message)
            case .missingBlob: return (.missingBlobFile, error.message)
            default: return (.unreadableBlob, error.message)
            }
        }
    }

    private func affectedFiles(of digest: SHA256Digest, in connection: Connection) throws -> [VerifyProblem
        .AffectedFile]
    {
        try connection.query(
            "SELECT chat_id, filename FROM chat_files WHERE blob = ? ORDER BY chat_id, filename", [.blob(digest.bytes)]
        ) { row in VerifyProblem.AffectedFile(chatID: row.text(0), filename: row.text(1)) }
    }

    static func describe(_ files: [VerifyProblem.AffectedFile]) -> String {
        let names = files.prefix(5).map { "'\($0.filename)' in chat '\($0.chatID)'" }
        let more = files.count > 5 ? " and \(files.count - 5) more files" : ""
        return names.isEmpty ? "no file" : names.joined(separator: ", ") + more
    }

    /// Lists blob files without a `blobs` row, and files in `tmp/`.
    private func findLeftovers(into report: inout VerifyReport) throws {
        let fileSystem = blobs.fileSystem
        let known = try withReader { connection in
            Set(try connection.query("SELECT hash FROM blobs") { SHA256Digest(bytes: $0.blob(0)) })
        }
        for blob in try blobs.listBlobFiles() where !known.contains(blob.digest) {
            let hex = blob.digest.hex
            report.orphanFiles.append("objects/\(hex.prefix(2))/\(hex.dropFirst(2))")
            report.orphanBytes += blob.status.size
        }
        for name in try fileSystem.contentsOfDirectory(blobs.temporaryPath) {
            if let status = try fileSystem.linkStatus(blobs.temporaryPath + "/" + name), status.isRegularFile {
                report.temporaryFiles += 1
                report.temporaryBytes += status.size
            }
        }
    }
}
