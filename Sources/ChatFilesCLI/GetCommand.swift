import ChatFiles

/// `chatfiles get`: writes one file's content to standard output or to a file.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "get",
        abstract: "Write a file's content to standard output or to a file.",
        discussion: """
            Streams the content of <name> in the chat, verified against its SHA-256, to standard output, \
            or with --output to a file. With --output the file appears only once its content is complete \
            and verified, and an existing file at that path is replaced. On standard output the bytes are \
            written before the final check, so when get fails with a corrupt-content error, discard what \
            it wrote.
            """,
        examples: [
            "chatfiles get --chat c42 report.md",
            "chatfiles get --chat c42 -o revenue-copy.py plots/revenue.py",
        ])

    @Option(name: "--chat", valueName: "id", help: "The chat that contains the file.")
    var chat: String

    @Option(
        name: "--output", shortName: "-o", valueName: "path",
        help: "The file to write the content to. The default is standard output.")
    var output: String?

    @Argument(valueName: "name", help: "The filename in the chat, such as src/main.py.")
    var name: String

    func run(in context: CommandContext) throws {
        let store = try context.openExistingStore()
        do {
            if let output {
                try store.read(chatID: chat, filename: name, toFile: output)
            } else {
                try store.read(chatID: chat, filename: name, to: context.outputDescriptor)
            }
        } catch let error as ChatFilesError where error.code == .fileNotFound {
            throw CommandFailure(
                "\(error.message); list the chat's files with 'chatfiles ls --chat \(chat)'")
        }
    }
}
