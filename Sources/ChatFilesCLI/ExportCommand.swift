import ChatFiles
import Foundation

/// `chatfiles export`: writes a chat's files into a folder.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "export",
        abstract: "Write every file of a chat into a folder.",
        discussion: """
            Writes each file of the chat to <dir>/<filename>, creating <dir> and subfolders as needed \
            (mode 0755, files 0644, less the umask). Each file appears only once its content is complete \
            and verified against its SHA-256. Like cp and tar, export does not flush the files to the disk; \
            run sync when they must survive a power loss.

            Every target is checked before anything is written. Without --force, an existing file at any \
            target stops the export before it writes anything, and the message names that file. Nothing \
            is ever written outside <dir>: a symbolic link below <dir> on the way to a target is an error, \
            even with --force. A chat without files is an error.
            """,
        examples: ["chatfiles export --chat c42 ./c42-files"])

    @Option(name: "--chat", valueName: "id", help: "The chat whose files to write.")
    var chat: String

    @Flag(name: "--force", help: "Replace files that exist at the targets. The default is to stop without writing.")
    var force: Bool

    @Argument(valueName: "dir", help: "The folder to write into; it is created when it does not exist.")
    var directory: String

    func run(in context: CommandContext) throws {
        // Like cp and tar, export does not fsync what it writes: `.fast` only skips the fsync of each
        // exported file, because export writes nothing to the store.
        let store = try context.openExistingStore(options: StoreOptions(durability: .fast))
        let files = try store.files(inChat: chat)
        if files.isEmpty {
            throw CommandFailure("chat \(quoted(chat)) has no files; list the chats with 'chatfiles ls'")
        }
        let targets = try files.map { (file: $0, segments: try FileName($0.filename).segments) }
        try checkNameConflicts(files.map(\.filename))

        let destination = ExportDestination(root: directory)
        if let status = try FileSystem.live.status(directory) {
            guard status.isDirectory else {
                throw CommandFailure("\(quoted(directory)) is not a folder; choose a folder to export into")
            }
            let existing = try targets.filter {
                try destination.inspect($0.segments, filename: $0.file.filename) == .regularFile
            }
            if let first = existing.first, !force {
                let others = existing.count > 1 ? " and \(Formatting.count(existing.count - 1)) more" : ""
                throw CommandFailure(
                    "\(quoted(destination.path(of: first.segments)))\(others) "
                        + (existing.count > 1 ? "exist" : "exists") + " already; nothing was "
                        + "written; pass --force to replace existing files or export to an empty folder")
            }
        } else {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }

        var bytes: Int64 = 0
        for target in targets {
            // Checked again right before the write: a link or a file may have appeared since the first pass.
            let state = try destination.inspect(target.segments, filename: target.file.filename)
            if state == .regularFile && !force {
                throw CommandFailure(
                    "\(quoted(destination.path(of: target.segments))) appeared during the export and was not "
                        + "replaced; pass --force to replace existing files")
            }
            try destination.createFolders(for: target.segments, filename: target.file.filename)
            try store.read(chatID: chat, filename: target.file.filename, toFile: destination.path(of: target.segments))
            bytes += target.file.size
        }
        context.print(
            "exported \(Formatting.count(files.count)) files (\(Formatting.megabytes(bytes))) of chat \(quoted(chat)) "
                + "to \(quoted(directory))")
    }

    /// Rejects a chat that has both a file `a` and a file `a/b`, which cannot both exist in a folder.
    private func checkNameConflicts(_ filenames: [String]) throws {
        let names = Set(filenames)
        for filename in filenames {
            var prefix = ""
            for segment in filename.split(separator: "/").dropLast() {
                prefix += (prefix.isEmpty ? "" : "/") + segment
                if names.contains(prefix) {
                    throw CommandFailure(
                        "chat \(quoted(chat)) has a file \(quoted(prefix)) and a file \(quoted(filename)) "
                            + "under a folder of that name, so they cannot both be exported; nothing was written")
                }
            }
        }
    }
}
