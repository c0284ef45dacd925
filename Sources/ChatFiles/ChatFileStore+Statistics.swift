/// Totals that describe how much a store holds and how well it deduplicates and compresses.
public struct StoreStatistics: Sendable, Equatable {
    /// Number of `chat_files` rows.
    public var files: Int
    /// Number of distinct chats.
    public var chats: Int
    /// Sum of the files' uncompressed sizes: what a content-inline table would hold.
    public var logicalBytes: Int64
    /// Number of blobs that at least one file references.
    public var blobs: Int
    /// Sum of the uncompressed sizes of referenced blobs: the content after deduplication.
    public var uniqueBytes: Int64
    /// Sum of the compressed sizes of referenced blobs: what the content takes on disk.
    public var storedBytes: Int64
    /// Number of unreferenced blobs waiting for garbage collection.
    public var garbageBlobs: Int
    /// Compressed size of the unreferenced blobs.
    public var garbageBytes: Int64

    /// `logicalBytes / uniqueBytes`: 2.0 means each content is stored once for two files.
    public var deduplicationRatio: Double {
        uniqueBytes == 0 ? 1 : Double(logicalBytes) / Double(uniqueBytes)
    }

    /// `uniqueBytes / storedBytes`: 4.0 means zlib shrank the content to a quarter.
    public var compressionRatio: Double {
        storedBytes == 0 ? 1 : Double(uniqueBytes) / Double(storedBytes)
    }
}

extension ChatFileStore {
    /// Computes the store's totals from the index in one consistent snapshot.
    ///
    /// Cost grows with the number of rows (it scans `chat_files` and `blobs`), so call it for reports,
    /// not on every request.
    public func statistics() throws -> StoreStatistics {
        try withReader { connection in
            try connection.readTransaction {
                let files = try connection.queryFirst(
                    "SELECT count(*), count(DISTINCT chat_id), coalesce(sum(size_bytes), 0) FROM chat_files"
                ) { row in (row.int64(0), row.int64(1), row.int64(2)) }!
                let live = try connection.queryFirst(
                    """
                    SELECT count(*), coalesce(sum(size_bytes), 0), coalesce(sum(stored_bytes), 0)
                    FROM blobs WHERE unreferenced_since IS NULL
                    """
                ) { row in (row.int64(0), row.int64(1), row.int64(2)) }!
                let garbage = try connection.queryFirst(
                    "SELECT count(*), coalesce(sum(stored_bytes), 0) FROM blobs WHERE unreferenced_since IS NOT NULL"
                ) { row in (row.int64(0), row.int64(1)) }!
                return StoreStatistics(
                    files: Int(files.0), chats: Int(files.1), logicalBytes: files.2, blobs: Int(live.0),
                    uniqueBytes: live.1, storedBytes: live.2, garbageBlobs: Int(garbage.0), garbageBytes: garbage.1)
            }
        }
    }
}
