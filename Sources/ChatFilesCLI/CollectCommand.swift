import ChatFiles

/// `chatfiles gc`: removes blobs that no file has used for the grace period.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "gc",
        abstract: "Remove blobs that no file has used for the grace period, while other programs keep working.",
        discussion: """
            Deleting or rewriting a file leaves its old content (a blob) on disk. gc removes the blobs that \
            have been unused for longer than the grace period, one hour by default, so that a reader that \
            looked a file up just before it changed can still read it. Other processes may read and write \
            the store meanwhile; a blob that a writer is about to use again is never removed.

            An ordinary run looks only at blobs marked unused, so it takes time in proportion to the \
            garbage, not to the size of the store. --full also lists the blob folders and tmp/ to remove \
            what crashed writes left behind (blob files without an index row, unfinished temporary files), \
            once they are older than the grace period.

            Sizes are in MB of 1,000,000 bytes. --json prints one JSON object with exact byte counts, \
            documented in the README.
            """,
        examples: ["chatfiles gc", "chatfiles gc --grace 0 --dry-run", "chatfiles gc --full --grace 7d --json"])

    @Option(
        name: "--grace", valueName: "duration",
        help:
            "How long a blob must have been unused before it is removed: 0, or a number with s, m, h or d. Default 1h.")
    var grace: DurationArgument?

    @Flag(name: "--dry-run", help: "Report what would be removed, and remove nothing.")
    var dryRun: Bool

    @Flag(name: "--full", help: "Also remove crash leftovers in objects/ and tmp/ older than the grace period.")
    var full: Bool

    @Flag(name: "--json", help: "Print a JSON object instead of text.")
    var json: Bool

    func run(in context: CommandContext) throws {
        let store = try context.openExistingStore()
        var options = CollectionOptions(
            gracePeriod: grace?.duration ?? .seconds(3600), isDryRun: dryRun, isFullSweep: full)
        let progress =
            context.showsProgress && !json
            ? CallbackProgress(ProgressBar(output: context.errorOutput, label: dryRun ? "checking" : "removing")) : nil
        if let progress {
            options.progress = { report in
                progress.bar.update(
                    count: report.removedBlobs + report.removedOrphans, unit: "blobs", bytes: report.removedBytes)
            }
        }
        let report = try store.collectGarbage(options)
        progress?.bar.clear()

        if json {
            context.output.write(try JSONOutput.render(JSONOutput.object(for: report)))
            return
        }
        let verb = report.isDryRun ? "to remove" : "removed"
        let lines = alignedLines([
            (
                "unused blobs \(verb)",
                "\(Formatting.count(report.removedBlobs)), \(Formatting.megabytes(report.removedBytes))"
            ),
            (
                "kept by grace period",
                "\(Formatting.count(report.keptBlobs)), \(Formatting.megabytes(report.keptBytes))"
            ),
            (
                "orphan files \(verb)",
                full
                    ? "\(Formatting.count(report.removedOrphans)), \(Formatting.megabytes(report.removedOrphanBytes))"
                    : "not checked (use --full)"
            ),
            (
                "temporary files \(verb)",
                full
                    ? "\(Formatting.count(report.removedTemporaryFiles)), \(Formatting.megabytes(report.removedTemporaryBytes))"
                    : "not checked (use --full)"
            ),
            ("elapsed", Formatting.seconds(report.elapsed)),
        ])
        lines.forEach(context.print)
    }
}
