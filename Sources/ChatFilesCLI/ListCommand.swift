import ChatFiles

/// `chatfiles ls`: lists a chat's files, a user's chats, or every chat.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "ls",
        abstract: "List a chat's files, or the chats of a user or of the whole store.",
        discussion: """
            With --chat, lists the chat's files ordered by filename: name, type, size in bytes and the \
            time of the last update in UTC. A chat without files is an error. With --user as well, only \
            a chat of that user is listed.

            Without --chat, lists chats with their file count, total size in bytes and last update: the \
            chats of the --user, most recently updated first, or every chat in the store with its user, \
            ordered by chat id.

            --json prints the same rows as a JSON array of objects with snake_case keys, documented in \
            the README; times are ISO 8601 in UTC with milliseconds.
            """,
        examples: ["chatfiles ls", "chatfiles ls --user u7", "chatfiles ls --chat c42 --json"])

    @Option(name: "--chat", valueName: "id", help: "The chat whose files to list. The default is to list chats.")
    var chat: String?

    @Option(name: "--user", valueName: "id", help: "Only this user's chats or files. The default is every user.")
    var user: String?

    @Flag(name: "--json", help: "Print a JSON array instead of a table.")
    var json: Bool

    func run(in context: CommandContext) throws {
        let store = try context.openExistingStore()
        if let chat {
            try listFiles(of: chat, in: store, context: context)
        } else {
            try listChats(in: store, context: context)
        }
    }

    private func listFiles(of chat: String, in store: ChatFileStore, context: CommandContext) throws {
        let files = try store.files(inChat: chat, userID: user)
        if files.isEmpty {
            let owner = user.map { " of user \(quoted($0))" } ?? ""
            throw CommandFailure(
                "chat \(quoted(chat))\(owner) has no files; list the chats with 'chatfiles ls'")
        }
        if json {
            context.output.write(try JSONOutput.render(files.map(JSONOutput.object(for:))))
            return
        }
        var table = TextTable(header: ["NAME", "TYPE", "BYTES", "UPDATED"], alignments: [.left, .left, .right, .left])
        for file in files {
            table.append([
                file.filename, file.fileType.rawValue, Formatting.count(file.size),
                Formatting.timestamp(file.updatedAt),
            ])
        }
        table.lines().forEach(context.print)
    }

    private func listChats(in store: ChatFileStore, context: CommandContext) throws {
        let chats: [(userID: String, summary: ChatSummary)]
        if let user {
            chats = try store.chats(ofUser: user).map { (user, $0) }
        } else {
            chats = try store.allChats()
        }
        if json {
            context.output.write(
                try JSONOutput.render(chats.map { JSONOutput.object(for: $0.summary, userID: $0.userID) }))
            return
        }
        if chats.isEmpty {
            context.print(user.map { "user \(quoted($0)) has no chats" } ?? "the store has no chats")
            return
        }
        var table = TextTable(
            header: ["CHAT", "USER", "FILES", "BYTES", "UPDATED"], alignments: [.left, .left, .right, .right, .left])
        for (userID, summary) in chats {
            table.append([
                summary.chatID, userID, Formatting.count(summary.fileCount), Formatting.count(summary.totalSize),
                Formatting.timestamp(summary.lastUpdatedAt),
            ])
        }
        table.lines().forEach(context.print)
    }
}
