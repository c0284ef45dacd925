/// Settings of a ``ChatFileStore``, fixed when it opens.
public struct StoreOptions: Sendable {
    /// The zlib level for new blobs, 0 (store only) to 9 (smallest).
    ///
    /// The default, 2, is the measured best trade-off on generated-file-like text (code, Markdown,
    /// CSV, JSON): it compresses to about 25% of the content at about 100 MB/s per core, while level 6
    /// saves only a further 3% of the content and runs at a third of the speed. See BENCHMARKS.md.
    public var compressionLevel: Int = 2

    /// Whether writes are fsynced before they are acknowledged; ``Durability/full`` unless asked otherwise.
    public var durability: Durability = .full

    /// How long one attempt waits for another process's lock on the index, in milliseconds. A write
    /// transaction is retried up to 20 times, so callers see ``ChatFilesError/Code/busy`` only after
    /// the lock was held for about 20 times this long.
    public var busyTimeoutMilliseconds: Int = 5_000

    /// Free space, in bytes, that writes of new content leave on the store's file system; 0 (the
    /// default) turns the check off.
    ///
    /// With a floor, a write that would go below it fails early with ``ChatFilesError/Code/outOfSpace``
    /// before the disk is full, which keeps room for deletes, collections and SQLite's journal. A
    /// streamed write checks again every 16 MiB. Content that is already stored needs no space and is
    /// never rejected.
    public var minimumFreeBytes: Int64 = 0

    /// The file-system seam; tests pass hooks here to observe or fail system calls.
    public var fileSystem: FileSystem = .live

    /// Skips the check, under the write lock, that a blob file is still present before a row references
    /// it. Only for the stress test that proves the check is needed: with it skipped, a concurrent
    /// collection can leave rows whose blob file is gone.
    @_spi(Testing) public var skipsBlobPresenceCheck = false

    /// Creates options with the defaults above.
    public init() {}

    /// Creates options with a compression level and durability.
    public init(compressionLevel: Int = 2, durability: Durability = .full) {
        self.compressionLevel = compressionLevel
        self.durability = durability
    }
}
