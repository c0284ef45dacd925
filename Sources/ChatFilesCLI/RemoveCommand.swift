import ChatFiles

/// `chatfiles rm`: deletes files of a chat.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "rm",
        abstract: "Delete files of a chat.",
        discussion: """
            Deletes each <name> from the chat. Every name is checked first: when one is invalid or not in \
            the chat, nothing is deleted. Content that no other file uses stays on disk until garbage \
            collection removes it. One line per deleted file is printed.
            """,
        examples: ["chatfiles rm --chat c42 draft.md plots/old.py"])

    @Option(name: "--chat", valueName: "id", help: "The chat that contains the files.")
    var chat: String

    @Argument(valueName: "name", help: "The filenames to delete, one or more.")
    var names: [String]

    func run(in context: CommandContext) throws {
        let store = try context.openExistingStore()
        var unique: [String] = []
        for name in names {
            let normalized = try FileName(name).value
            if !unique.contains(normalized) {
                unique.append(normalized)
            }
        }
        for name in unique where try store.file(chatID: chat, filename: name) == nil {
            throw CommandFailure(
                "file \(quoted(name)) not found in chat \(quoted(chat)); nothing was deleted; "
                    + "list the chat's files with 'chatfiles ls --chat \(chat)'")
        }
        for name in unique {
            try store.delete(chatID: chat, filename: name)
            context.print("deleted \(quoted(name)) from chat \(quoted(chat))")
        }
    }
}
