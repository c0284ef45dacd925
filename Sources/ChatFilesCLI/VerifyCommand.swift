import ChatFiles

/// `chatfiles verify`: checks every blob and row and reports each problem with the files it affects.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "verify",
        abstract: "Check the store: re-hash blobs, match rows to blobs and files, and report every problem.",
        discussion: """
            verify runs SQLite's integrity check, checks that every file's row has its blob row and blob \
            file with the recorded size, and decompresses and re-hashes the blobs (all of them, or the \
            share given by --sample). It keeps going past errors and prints each problem with the chats \
            and filenames it affects. Rewriting a damaged file's content (for example with put) repairs \
            its blob.

            Blob files without an index row and files in tmp/ are what crashed writes leave behind. They \
            are reported as reclaimable space, not as problems; 'chatfiles gc --full' removes them.

            The exit status is 0 when no problem was found and 1 when at least one was. --json prints \
            one JSON object, documented in the README.
            """,
        examples: ["chatfiles verify", "chatfiles verify --sample 5 --json"])

    @Option(
        name: "--sample", valueName: "percent",
        help: "The share of blobs to decompress and re-hash, from 0 to 100. Default 100: every blob.")
    var sample: PercentArgument?

    @Flag(name: "--json", help: "Print a JSON object instead of text.")
    var json: Bool

    func run(in context: CommandContext) throws {
        let store = try context.openExistingStore()
        var options = VerifyOptions(samplePercent: sample?.value ?? 100)
        let progress =
            context.showsProgress && !json
            ? CallbackProgress(ProgressBar(output: context.errorOutput, label: "verifying")) : nil
        if let progress {
            options.progress = { done, total in progress.bar.update(done: done, total: total, unit: "blobs") }
        }
        let report = try store.verify(options)
        progress?.bar.clear()

        if json {
            context.output.write(try JSONOutput.render(JSONOutput.object(for: report)))
        } else {
            for problem in report.problems {
                context.print("problem: \(problem.message)")
            }
            let lines = alignedLines([
                ("files checked", Formatting.count(report.filesChecked)),
                ("blobs checked", Formatting.count(report.blobsChecked)),
                ("blobs re-hashed", Formatting.count(report.blobsRehashed)),
                ("problems", Formatting.count(report.problems.count)),
                (
                    "orphan files",
                    "\(Formatting.count(report.orphanFiles.count)), \(Formatting.megabytes(report.orphanBytes)) reclaimable"
                ),
                (
                    "temporary files",
                    "\(Formatting.count(report.temporaryFiles)), \(Formatting.megabytes(report.temporaryBytes))"
                ),
                ("elapsed", Formatting.seconds(report.elapsed)),
            ])
            lines.forEach(context.print)
        }
        if !report.isHealthy {
            throw CommandFailure(
                "verify found \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); "
                    + "rewrite the affected files' content to repair their blobs")
        }
    }
}
