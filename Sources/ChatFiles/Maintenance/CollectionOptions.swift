/// Settings of one garbage collection.
public struct CollectionOptions: Sendable {
    /// How long a blob must have been unreferenced before it is removed; one hour by default.
    ///
    /// A reader that looked a row up just before an update can still open the old blob during this
    /// time. Zero removes every unreferenced blob at once and is meant for tests and maintenance windows.
    public var gracePeriod: Duration = .seconds(3600)

    /// Reports what a real collection would remove, and removes nothing.
    public var isDryRun = false

    /// Also lists `objects/` and `tmp/` to remove crash leftovers older than the grace period: blob
    /// files that no `blobs` row references and temporary files of writes that never finished.
    /// Its cost grows with the size of the store, unlike an ordinary collection.
    public var isFullSweep = false

    /// How many blobs one transaction removes; writers wait at most for one batch.
    public var batchSize = 500

    /// Called after each batch with the running totals, for a progress display.
    public var progress: (@Sendable (CollectionReport) -> Void)?

    public init(gracePeriod: Duration = .seconds(3600), isDryRun: Bool = false, isFullSweep: Bool = false) {
        self.gracePeriod = gracePeriod
        self.isDryRun = isDryRun
        self.isFullSweep = isFullSweep
    }
}

/// The totals of one garbage collection: what it removed, or would remove in a dry run.
public struct CollectionReport: Sendable, Equatable {
    /// `true` when nothing was removed because the collection was a dry run.
    public var isDryRun = false
    /// Unreferenced blobs removed (or, in a dry run, that would be removed).
    public var removedBlobs = 0
    /// Their compressed size on disk.
    public var removedBytes: Int64 = 0
    /// Unreferenced blobs kept because they became unreferenced less than the grace period ago.
    public var keptBlobs = 0
    /// Their compressed size on disk.
    public var keptBytes: Int64 = 0
    /// Blob files without a `blobs` row removed by a full sweep.
    public var removedOrphans = 0
    /// Their size on disk.
    public var removedOrphanBytes: Int64 = 0
    /// Temporary files of unfinished writes removed by a full sweep.
    public var removedTemporaryFiles = 0
    /// Their size on disk.
    public var removedTemporaryBytes: Int64 = 0
    /// Wall-clock time the collection took.
    public var elapsed: Duration = .zero
}
