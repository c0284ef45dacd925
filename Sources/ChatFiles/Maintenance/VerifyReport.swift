/// Settings of one ``ChatFileStore/verify(_:)`` run.
public struct VerifyOptions: Sendable {
    /// The share of blobs to re-hash, from 0 to 100; 100 (the default) checks every blob.
    /// Rows, blob rows, file presence and sizes are always checked for every blob.
    public var samplePercent: Double = 100

    /// Called after each checked blob with the number done and the total, for a progress display.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(samplePercent: Double = 100) {
        self.samplePercent = samplePercent
    }
}

/// One problem that ``ChatFileStore/verify(_:)`` found, with the files it affects.
public struct VerifyProblem: Sendable, Equatable {
    /// The kind of problem.
    public enum Kind: String, Sendable, Equatable {
        /// The blob file's content does not inflate to the content its name and size promise.
        case corruptBlob = "corrupt_blob"
        /// A referenced blob has no file.
        case missingBlobFile = "missing_blob_file"
        /// The blob file's size differs from the size recorded in the index.
        case storedSizeMismatch = "stored_size_mismatch"
        /// A `chat_files` row points to a blob that has no `blobs` row.
        case missingBlobRow = "missing_blob_row"
        /// The blob file could not be read (permission denied, I/O error).
        case unreadableBlob = "unreadable_blob"
        /// SQLite's `PRAGMA integrity_check` reported a damaged database.
        case databaseIntegrity = "database_integrity"
    }

    /// A file affected by a problem.
    public struct AffectedFile: Sendable, Equatable {
        public let chatID: String
        public let filename: String
    }

    public let kind: Kind
    /// The blob concerned, if the problem is about one.
    public let blob: SHA256Digest?
    /// The files whose content is lost or damaged because of it.
    public let files: [AffectedFile]
    /// A sentence describing the problem.
    public let message: String
}

/// The outcome of ``ChatFileStore/verify(_:)``: every problem found and the space that can be reclaimed.
public struct VerifyReport: Sendable, Equatable {
    /// Every problem found; empty for a healthy store.
    public var problems: [VerifyProblem] = []
    /// Number of `chat_files` rows checked.
    public var filesChecked = 0
    /// Number of blobs whose file was checked for presence and size.
    public var blobsChecked = 0
    /// Number of blobs that were decompressed and re-hashed.
    public var blobsRehashed = 0
    /// Blob files that no `blobs` row references: crash leftovers that a full collection reclaims.
    public var orphanFiles: [String] = []
    /// Their total size.
    public var orphanBytes: Int64 = 0
    /// Files in `tmp/`: writes in progress or crash leftovers.
    public var temporaryFiles = 0
    /// Their total size.
    public var temporaryBytes: Int64 = 0
    /// Wall-clock time the check took.
    public var elapsed: Duration = .zero

    /// `true` when no problem was found; orphans and temporary files are not problems.
    public var isHealthy: Bool { problems.isEmpty }
}
