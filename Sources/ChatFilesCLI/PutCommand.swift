import ChatFiles

/// `chatfiles put`: stores one file from a path or from standard input.
struct PutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "put",
        abstract: "Store one file in a chat, creating or replacing it.",
        discussion: """
            Reads the content from <path>, or from standard input when <path> is '-', and stores it as \
            <name> in the chat. Content of any size is streamed, so memory use stays small. When the chat \
            already has a file with that name, the new content, type, description and metadata replace \
            the old ones, and the file keeps its id and creation time. The store is created when it does \
            not exist.

            A chat belongs to the user who wrote its first file; writing to it with another --user fails. \
            On success one line names the file, its size in bytes, its type and its SHA-256.
            """,
        examples: [
            "chatfiles put --chat c42 --user u7 report.md",
            "generate-plot | chatfiles put --chat c42 --user u7 --name plots/revenue.py -",
        ])

    @Option(name: "--chat", valueName: "id", help: "The chat to store the file in.")
    var chat: String

    @Option(name: "--user", valueName: "id", help: "The user who owns the chat.")
    var user: String

    @Option(
        name: "--name", valueName: "name",
        help: "The filename in the chat, a relative path such as src/main.py. The default is the last "
            + "component of <path>; it is required when <path> is '-'.")
    var name: String?

    @Option(
        name: "--type", valueName: "type",
        help: "The file type, a lowercase word such as python or markdown. The default is inferred from the "
            + "extension: .py python, .md markdown, .txt text, .csv csv, .json json, anything else other.")
    var type: String?

    @Option(name: "--description", valueName: "text", help: "Free text stored with the file. The default is none.")
    var description: String?

    @Option(
        name: "--metadata", valueName: "json",
        help: "A JSON object stored with the file, at most 64 KiB, such as '{\"source\": \"assistant\"}'. "
            + "The default is none.")
    var metadata: String?

    @Argument(valueName: "path", help: "The file to read, or '-' for standard input.")
    var path: String

    func validate() throws(UsageError) {
        if path == "-" && name == nil {
            throw UsageError("--name is required when the content comes from standard input ('-')")
        }
    }

    func run(in context: CommandContext) throws {
        let fileType = try type.map { try FileType(validating: $0) }
        let content: FileWrite.Content
        if path == "-" {
            content = .fileDescriptor(context.inputDescriptor)
        } else {
            guard let status = try FileSystem.live.status(path) else {
                throw CommandFailure("no file at \(quoted(path)); check the path")
            }
            if status.isDirectory {
                throw CommandFailure(
                    "\(quoted(path)) is a folder; use 'chatfiles import' to store every file under a folder")
            }
            content = .file(path: path)
        }
        let filename = name ?? String(path.split(separator: "/").last ?? Substring(path))
        // Checked before the store is opened, so that a bad name does not create an empty store.
        _ = try FileName(filename)

        let store = try context.openStore()
        let file = try store.write(
            FileWrite(
                chatID: chat, userID: user, filename: filename, content: content, fileType: fileType,
                description: description, metadata: metadata))
        context.print(
            "stored \(quoted(file.filename)) in chat \(quoted(file.chatID)): \(Formatting.count(file.size)) bytes, "
                + "type \(file.fileType), sha256 \(file.blob.hex)")
    }
}
