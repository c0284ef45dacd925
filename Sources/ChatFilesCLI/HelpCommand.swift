/// `chatfiles help`: prints the help of the tool or of one command.
struct HelpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "help",
        abstract: "Show the help of the tool or of a command.",
        discussion: """
            Prints the same text as 'chatfiles <command> --help', or as 'chatfiles --help' when no command \
            is named.
            """,
        examples: ["chatfiles help put"],
        usesStore: false)

    @Argument(valueName: "command", help: "The command to explain. The default is the whole tool.")
    var command: String?

    func run(in context: CommandContext) throws {
        guard let command else {
            context.output.write(HelpFormatter.toolHelp(commands: CommandRegistry.commands))
            return
        }
        guard let type = CommandRegistry.command(named: command) else {
            throw UsageError("unknown command \(quoted(command)); the commands are \(CommandRegistry.commandNames)")
        }
        context.output.write(HelpFormatter.help(for: type))
    }
}
