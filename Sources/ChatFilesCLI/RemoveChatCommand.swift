import ChatFiles

/// `chatfiles rm-chat`: deletes every file of a chat.
struct RemoveChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "rm-chat",
        abstract: "Delete every file of a chat.",
        discussion: """
            Deletes all files of the chat in one transaction. A chat without files is an error. Content \
            that no other file uses stays on disk until garbage collection removes it. One line with the \
            number of deleted files and their total size is printed.
            """,
        examples: ["chatfiles rm-chat --chat c42"])

    @Option(name: "--chat", valueName: "id", help: "The chat to delete.")
    var chat: String

    func run(in context: CommandContext) throws {
        let store = try context.openExistingStore()
        let deleted = try store.deleteChat(chatID: chat)
        if deleted.isEmpty {
            throw CommandFailure("chat \(quoted(chat)) has no files; list the chats with 'chatfiles ls'")
        }
        let bytes = deleted.reduce(Int64(0)) { $0 + $1.size }
        context.print(
            "deleted \(Formatting.count(deleted.count)) files (\(Formatting.count(bytes)) bytes) of chat \(quoted(chat))"
        )
    }
}
