import ChatFiles

/// How many walked entries an import skipped, by kind.
struct SkipCounts {
    /// Symbolic links, special files and the store folder, which are skipped by design.
    private(set) var skippedByDesign = 0
    /// Entries that could not be read or whose names the store rejects.
    private(set) var errors = 0

    mutating func record(isError: Bool) {
        if isError {
            errors += 1
        } else {
            skippedByDesign += 1
        }
    }
}

/// The numbers that `import` reports when it ends.
struct ImportSummary {
    let files: Int
    let bytes: Int64
    /// Blob rows added, referenced or not. A replaced file's old blob moves to garbage but stays a row,
    /// so the count of new contents is the growth of both together.
    let newBlobs: Int
    /// The compressed size of the new blobs, from the same totals.
    let newStoredBytes: Int64
    let elapsed: Duration
    let skips: SkipCounts

    init(
        files: Int, bytes: Int64, before: StoreStatistics, after: StoreStatistics, elapsed: Duration, skips: SkipCounts
    ) {
        self.files = files
        self.bytes = bytes
        // NOTE: a garbage collection or another writer running during the import skews both deltas.
        // They are clamped at zero, so a collection cannot make them negative.
        newBlobs = max(0, (after.blobs + after.garbageBlobs) - (before.blobs + before.garbageBlobs))
        newStoredBytes = max(0, (after.storedBytes + after.garbageBytes) - (before.storedBytes + before.garbageBytes))
        self.elapsed = elapsed
        self.skips = skips
    }

    func lines() -> [String] {
        let seconds = max(Formatting.secondsValue(elapsed), 0.001)
        let rate = Formatting.megabytes(Int64(Double(bytes) / seconds)) + "/s"
        return alignedLines([
            ("files", Formatting.count(files)),
            ("logical size", Formatting.megabytes(bytes)),
            ("new blobs", Formatting.count(newBlobs)),
            ("deduplicated files", Formatting.count(max(0, files - newBlobs))),
            ("stored size", Formatting.megabytes(newStoredBytes) + " (new blobs, compressed)"),
            ("elapsed", Formatting.seconds(elapsed) + " (\(rate))"),
            (
                "skipped",
                Formatting.count(skips.skippedByDesign, "link or special file", "links and special files") + ", "
                    + Formatting.count(skips.errors, "error", "errors")
            ),
        ]).map { "  " + $0 }
    }
}
