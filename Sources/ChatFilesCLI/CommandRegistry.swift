/// The commands of the tool, in the order that its help lists them.
///
/// A new command is one new file with a ``ParsableCommand`` type and one line in ``commands``: parsing,
/// help, `chatfiles help <command>` and error reporting come from the type's declarations.
enum CommandRegistry {
    static var commands: [any ParsableCommand.Type] {
        [
            InitCommand.self,
            PutCommand.self,
            GetCommand.self,
            ListCommand.self,
            RemoveCommand.self,
            RemoveChatCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            StatsCommand.self,
            CollectCommand.self,
            VerifyCommand.self,
            HelpCommand.self,
        ]
    }

    static func command(named name: String) -> (any ParsableCommand.Type)? {
        commands.first { $0.configuration.name == name }
    }

    static var commandNames: String {
        commands.map { $0.configuration.name }.joined(separator: ", ")
    }
}
