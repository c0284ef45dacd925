import ChatFiles
import Foundation

/// `chatfiles import`: stores every regular file under a folder in one chat.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "import",
        abstract: "Store every regular file under a folder in a chat.",
        discussion: """
            Walks <dir> and stores each regular file under its path relative to <dir>, with '/' between \
            folders, such as src/app/main.py. Files are written in batches of up to 256 files or 32 MiB, \
            each in one transaction, two batches at a time; files over 8 MiB are streamed, so memory use \
            stays bounded. Existing \
            files of the chat with the same names are replaced. The store is created when it does not exist.

            Symbolic links and special files (FIFOs, sockets, devices) are skipped with a warning, and so \
            is the store folder when it lies inside <dir>. A file that cannot be read, or whose name the \
            store rejects, is skipped with a warning and the import continues; the exit status is then 1.

            On a terminal, standard error shows progress (files, MB and MB/s). At the end one summary is \
            printed: files, logical size, new blobs (contents not stored before), deduplicated files \
            (files whose content was already stored or repeated), the stored size of the new blobs after \
            compression, and the elapsed time. MB means 1,000,000 bytes.
            """,
        examples: ["chatfiles import --chat docs --user me /usr/share/doc"])

    @Option(name: "--chat", valueName: "id", help: "The chat to store the files in.")
    var chat: String

    @Option(name: "--user", valueName: "id", help: "The user who owns the chat.")
    var user: String

    @Argument(valueName: "dir", help: "The folder to import; a symbolic link here is followed.")
    var directory: String

    func run(in context: CommandContext) throws {
        guard let status = try FileSystem.live.status(directory) else {
            throw CommandFailure("no folder at \(quoted(directory)); check the path")
        }
        guard status.isDirectory else {
            throw CommandFailure("\(quoted(directory)) is not a folder; use 'chatfiles put' to store one file")
        }
        let store = try context.openStore()
        try checkOwner(in: store)

        let before = try store.statistics()
        let start = ContinuousClock.now
        let batcher = ImportBatcher(store: store, chatID: chat, userID: user)
        let progress = context.showsProgress ? ProgressBar(output: context.errorOutput, label: "importing") : nil
        var counts = SkipCounts()
        let walker = DirectoryWalker(root: directory, excludedName: storeName(relativeTo: directory, store: store))
        do {
            try walker.walk { entry in
                switch entry {
                case .skipped(let path, let reason, let isError):
                    counts.record(isError: isError)
                    progress?.clear()
                    context.warn("skipped \(quoted(path)): \(reason)")
                case .file(let path, let name, let size):
                    // Outside the per-file error handling: a failed batch ends the import.
                    try batcher.flushIfFull(adding: size)
                    do {
                        _ = try FileName(name)
                        try batcher.add(path: path, name: name, size: size)
                    } catch let error as ChatFilesError {
                        counts.record(isError: true)
                        progress?.clear()
                        context.warn("skipped \(quoted(path)): \(error.message)")
                    } catch let error as SystemError {
                        counts.record(isError: true)
                        progress?.clear()
                        context.warn("skipped \(quoted(path)): it cannot be read: \(error.reason)")
                    }
                }
                let written = batcher.written
                progress?.update(files: written.files, bytes: written.bytes)
            }
            try batcher.finish()
        } catch {
            batcher.abandon()
            progress?.clear()
            throw CommandFailure(
                "\(ChatFilesTool.describe(error).message); \(Formatting.count(batcher.written.files)) files were "
                    + "imported before the failure, and importing again replaces them")
        }
        progress?.clear()

        let after = try store.statistics()
        let summary = ImportSummary(
            files: batcher.written.files, bytes: batcher.written.bytes, before: before, after: after,
            elapsed: ContinuousClock.now - start, skips: counts)
        context.print(
            "imported \(Formatting.count(summary.files)) files into chat \(quoted(chat)) of user \(quoted(user))")
        summary.lines().forEach(context.print)
        if counts.errors > 0 {
            throw CommandFailure(
                "\(Formatting.count(counts.errors)) files were skipped because of errors; see the warnings above")
        }
    }

    /// Fails before anything is written when the chat belongs to another user; this also validates the ids.
    private func checkOwner(in store: ChatFileStore) throws {
        guard try store.files(inChat: chat, userID: user).isEmpty else { return }
        if let owner = try store.files(inChat: chat).first?.userID {
            throw CommandFailure(
                "chat \(quoted(chat)) belongs to user \(quoted(owner)), not \(quoted(user)); "
                    + "import with --user \(owner) or use a new chat id")
        }
    }

    /// Returns the store folder's path relative to the imported folder when the store lies inside it.
    private func storeName(relativeTo directory: String, store: ChatFileStore) -> String? {
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        let storePath = URL(fileURLWithPath: store.path).resolvingSymlinksInPath().path
        guard storePath.hasPrefix(root + "/") else { return nil }
        return String(storePath.dropFirst(root.count + 1))
    }
}
