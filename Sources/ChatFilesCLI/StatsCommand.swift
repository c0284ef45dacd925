import ChatFiles

/// `chatfiles stats`: prints the store's totals.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "stats",
        abstract: "Show how many files the store contains and how well it deduplicates and compresses.",
        discussion: """
            Prints the number of files, chats and blobs (distinct contents); the logical size (the sum of \
            all file sizes), the unique size (each distinct content counted once) and the stored size (the \
            compressed blobs on disk), in MB of 1,000,000 bytes; the deduplication ratio (logical / unique) \
            and the compression ratio (unique / stored); and the garbage waiting for collection: blobs that \
            no file uses any more, with their stored size.

            --json prints one JSON object with the exact byte counts, documented in the README.
            """,
        examples: ["chatfiles stats", "chatfiles stats --json"])

    @Flag(name: "--json", help: "Print a JSON object instead of text.")
    var json: Bool

    func run(in context: CommandContext) throws {
        let statistics = try context.openExistingStore().statistics()
        if json {
            context.output.write(try JSONOutput.render(JSONOutput.object(for: statistics)))
            return
        }
        let lines = alignedLines([
            ("files", Formatting.count(statistics.files)),
            ("chats", Formatting.count(statistics.chats)),
            ("blobs", Formatting.count(statistics.blobs)),
            ("logical size", Formatting.megabytes(statistics.logicalBytes)),
            ("unique size", Formatting.megabytes(statistics.uniqueBytes)),
            ("stored size", Formatting.megabytes(statistics.storedBytes)),
            ("dedup ratio", Formatting.ratio(statistics.deduplicationRatio) + " (logical / unique)"),
            ("compression ratio", Formatting.ratio(statistics.compressionRatio) + " (unique / stored)"),
            (
                "garbage waiting",
                "\(Formatting.count(statistics.garbageBlobs, "blob", "blobs")), \(Formatting.megabytes(statistics.garbageBytes))"
            ),
        ])
        lines.forEach(context.print)
    }
}
