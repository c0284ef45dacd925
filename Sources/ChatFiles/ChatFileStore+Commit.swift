extension ChatFileStore {
    /// Records one prepared write in the index, inside the caller's write transaction.
    ///
    /// The steps, all under the index's write lock, which garbage collection also takes to remove blobs:
    /// 1. Check that the blob file is present. A collection may have removed it since the write checked
    ///    outside the lock (invariant: a blob that is about to be referenced is never lost). If it is
    ///    gone, publish it again from the kept temporary file or bytes. Because collection unlinks only
    ///    under this same lock, the file cannot disappear again before this transaction commits.
    /// 2. Insert the `blobs` row, or clear its unreferenced mark so collection no longer considers it.
    /// 3. Insert the `chat_files` row, or update it in place, keeping `id` and `created_at`.
    /// 4. If the row pointed to another blob that nothing references now, mark that blob unreferenced;
    ///    a collection removes it once the grace period has passed.
    func commit(
        _ item: inout PreparedWrite, in connection: Connection, now: Int64, owners: inout [String: String]
    ) throws -> ChatFile {
        let request = item.request
        let blob: (storedSize: Int64, isMarked: Bool, hasRow: Bool)
        do {
            blob = try ensureBlobFile(&item, in: connection)
        } catch let error as BlobStoreError {
            throw ChatFilesError(error, chatID: request.chatID, filename: request.filename.value)
        }
        // Content already stored and referenced needs no change to its blobs row.
        if !blob.hasRow || blob.isMarked {
            try connection.run(
                """
                INSERT INTO blobs (hash, size_bytes, stored_bytes, created_at, unreferenced_since)
                VALUES (?, ?, ?, ?, NULL)
                ON CONFLICT (hash) DO UPDATE SET unreferenced_since = NULL
                """,
                [.blob(item.digest.bytes), .integer(item.size), .integer(blob.storedSize), .integer(now)])
        }

        if owners[request.chatID] != request.userID {
            try checkOwner(of: request.chatID, is: request.userID, in: connection)
            owners[request.chatID] = request.userID
        }
        let existing = try connection.queryFirst(
            "SELECT id, blob, created_at, updated_at FROM chat_files WHERE chat_id = ? AND filename = ?",
            [.text(request.chatID), .text(request.filename.value)]
        ) { row in
            (id: row.text(0), blob: row.digest(1), createdAt: row.int64(2), updatedAt: row.int64(3))
        }

        let id: String
        let createdAt: Int64
        var updatedAt = now
        var fields: [SQLiteValue] = [
            .text(request.userID), .text(request.fileType.rawValue), .blob(item.digest.bytes), .integer(item.size),
            request.description.map(SQLiteValue.text) ?? .null, request.metadata.map(SQLiteValue.text) ?? .null,
        ]
        if let existing {
            id = existing.id
            createdAt = existing.createdAt
            // updated_at moves forward on every update, even two within one clock tick.
            updatedAt = max(now, existing.updatedAt + 1)
            try connection.run(
                """
                UPDATE chat_files SET user_id = ?, file_type = ?, blob = ?, size_bytes = ?, description = ?,
                    metadata = ?, updated_at = ?
                WHERE chat_id = ? AND filename = ?
                """,
                fields + [.integer(updatedAt), .text(request.chatID), .text(request.filename.value)])
            if existing.blob != item.digest {
                try markIfUnreferenced(existing.blob, in: connection, now: now)
            }
        } else {
            id = UUIDv7.make(milliseconds: UInt64(now / 1000))
            createdAt = now
            fields = [.text(id), .text(request.chatID), .text(request.filename.value)] + fields
            try connection.run(
                """
                INSERT INTO chat_files (id, chat_id, filename, user_id, file_type, blob, size_bytes, description,
                    metadata, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                fields + [.integer(createdAt), .integer(updatedAt)])
        }

        return ChatFile(
            id: id, chatID: request.chatID, userID: request.userID, filename: request.filename.value,
            fileType: request.fileType, blob: item.digest, size: item.size, description: request.description,
            metadata: request.metadata, createdAt: Timestamp.date(createdAt), updatedAt: Timestamp.date(updatedAt))
    }

    /// Makes sure the blob file exists and is sound, publishing it again if needed; returns its stored size.
    ///
    /// The file is trusted when it is a regular file whose size matches the size the index recorded.
    /// Otherwise it is missing (removed by a collection or lost), damaged (truncated, emptied, or set
    /// aside by a read that found it corrupt), or not a file at all, and this write's content replaces
    /// it. Content-addressing makes that always right: the name is the hash of exactly this content.
    ///
    /// - Returns: The stored size, whether the blob's row carries an unreferenced mark, and whether it
    ///   has a row at all.
    private func ensureBlobFile(_ item: inout PreparedWrite, in connection: Connection) throws -> (
        storedSize: Int64, isMarked: Bool, hasRow: Bool
    ) {
        let row = try connection.queryFirst(
            "SELECT stored_bytes, unreferenced_since IS NOT NULL FROM blobs WHERE hash = ?", [.blob(item.digest.bytes)]
        ) { (storedSize: $0.int64(0), isMarked: $0.int64(1) == 1) }
        let recorded = row?.storedSize
        let isMarked = row?.isMarked ?? false
        if options.skipsBlobPresenceCheck, !item.isPublishedHere {
            return (recorded ?? item.staged?.storedSize ?? 0, isMarked, row != nil)
        }
        let status = try blobs.status(of: item.digest)
        if let status, status.isRegularFile, status.size > 0 {
            if let recorded, recorded == status.size {
                return (status.size, isMarked, true)
            }
            // A new blob: the file is this write's own link, or one published by a crashed or concurrent
            // write of the same content, which this write replaces below with its own fsynced copy.
            if recorded == nil, item.isPublishedHere {
                return (status.size, isMarked, false)
            }
        }

        if item.staged == nil, let bytes = item.bytes {
            item.staged = try withCodec { codec in
                try bytes.withUnsafeBytes { try blobs.stage($0, codec: codec) }
            }
        }
        guard let staged = item.staged else {
            preconditionFailure("a write keeps its bytes or its staged file until it commits")
        }
        if status == nil {
            try blobs.publish(staged)
        } else {
            try blobs.replace(with: staged)
        }
        item.isPublishedHere = true
        if recorded != nil {
            try connection.run(
                "UPDATE blobs SET stored_bytes = ? WHERE hash = ?",
                [.integer(staged.storedSize), .blob(item.digest.bytes)])
        }
        return (staged.storedSize, isMarked, row != nil)
    }

    /// Rejects a write into a chat whose files belong to another user.
    func checkOwner(of chatID: String, is userID: String, in connection: Connection) throws {
        let owner = try connection.queryFirst(
            "SELECT user_id FROM chat_files WHERE chat_id = ? LIMIT 1", [.text(chatID)]
        ) { $0.text(0) }
        if let owner, owner != userID {
            throw ChatFilesError(
                .permissionDenied,
                "chat '\(chatID)' belongs to another user than '\(userID)'; write with the chat's user id or use a new chat id"
            )
        }
    }

    /// Marks a blob unreferenced when no row points to it any more.
    func markIfUnreferenced(_ digest: SHA256Digest, in connection: Connection, now: Int64) throws {
        try connection.run(
            """
            UPDATE blobs SET unreferenced_since = ?1
            WHERE hash = ?2 AND unreferenced_since IS NULL
                AND NOT EXISTS (SELECT 1 FROM chat_files WHERE blob = ?2)
            """,
            [.integer(now), .blob(digest.bytes)])
    }

    /// After a failed write, removes the blob files it published that no `blobs` row references.
    ///
    /// The check and the unlink happen under the write lock, where every writer also checks that its
    /// blob file is present before it commits. A concurrent writer of the same content therefore
    /// either already has its row, and the file stays, or finds the file gone and publishes it again.
    /// Failures are ignored: the file is then an orphan, which a full collection removes.
    func removeUnreferencedFiles(of items: [PreparedWrite]) {
        let published = items.filter(\.isPublishedHere).map(\.digest)
        guard !published.isEmpty else { return }
        _ = try? withWriteTransaction { connection in
            for digest in published {
                let hasRow = try connection.queryFirst(
                    "SELECT 1 FROM blobs WHERE hash = ?", [.blob(digest.bytes)]
                ) { _ in true }
                if hasRow == nil {
                    try blobs.remove(digest)
                }
            }
        }
    }
}
