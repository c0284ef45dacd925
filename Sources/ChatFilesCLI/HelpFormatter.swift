/// Generates the help text of the tool and of each command from their configurations and argument
/// declarations, in the layout of swift-argument-parser: overview, usage, arguments, options, examples.
enum HelpFormatter {
    /// The column where the description of an argument or option starts.
    static let descriptionColumn = 26

    /// Returns the help of one command.
    static func help(for command: any ParsableCommand.Type) -> String {
        let configuration = command.configuration
        let definitions = CommandLineParser.definitions(of: command)
        let positionals = definitions.filter { $0.kind == .positional }
        let options =
            (configuration.usesStore ? [GlobalOptions.store] : []) + definitions.filter { $0.kind != .positional }
            + [GlobalOptions.help]

        var lines = overview(configuration.abstract) + [""]
        lines += TextWrapping.wrap(configuration.discussion)
        lines += ["", usage(for: command)]
        if !positionals.isEmpty {
            lines += ["", "ARGUMENTS:"] + positionals.flatMap(describe)
        }
        lines += ["", "OPTIONS:"] + options.flatMap(describe)
        if !configuration.examples.isEmpty {
            lines += ["", "EXAMPLES:"] + configuration.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Returns the usage line of one command, wrapped, such as `USAGE: chatfiles get --chat <id> <name>`.
    static func usage(for command: any ParsableCommand.Type) -> String {
        let configuration = command.configuration
        var parts = [configuration.name]
        if configuration.usesStore {
            parts.append("[--store <dir>]")
        }
        for definition in CommandLineParser.definitions(of: command) {
            parts.append(definition.isRequired ? definition.usageText : "[\(definition.usageText)]")
        }
        return wrapUsage(parts)
    }

    /// Returns the help of the tool: what it does, the global options and the list of commands.
    static func toolHelp(commands: [any ParsableCommand.Type]) -> String {
        var lines = overview(ToolDescription.abstract) + [""]
        lines += TextWrapping.wrap(ToolDescription.discussion)
        lines += ["", wrapUsage(["[--store <dir>]", "<command>", "[<arguments>]"]), "", "OPTIONS:"]
        lines += [GlobalOptions.store, GlobalOptions.help, GlobalOptions.version].flatMap(describe)
        lines += ["", "COMMANDS:"]
        for command in commands {
            lines += describe(label: command.configuration.name, text: command.configuration.abstract)
        }
        lines +=
            [""]
            + TextWrapping.wrap(
                "Run 'chatfiles help <command>' or 'chatfiles <command> --help' for the help of a command.")
        lines += ["", "EXIT STATUS:"] + TextWrapping.wrap(ToolDescription.exitStatus, indent: 2)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func overview(_ abstract: String) -> [String] {
        let prefix = "OVERVIEW: "
        var lines = TextWrapping.wrapWords(abstract.split(separator: " "), indent: prefix.count)
        lines[0] = prefix + lines[0].dropFirst(prefix.count)
        return lines
    }

    private static func wrapUsage(_ parts: [String]) -> String {
        let prefix = "USAGE: chatfiles "
        // Each part is one word for wrapping, so `--chat <id>` never breaks across lines.
        let words = parts.map { Substring($0) }
        var lines = TextWrapping.wrapWords(words, indent: prefix.count)
        lines[0] = prefix + lines[0].dropFirst(prefix.count)
        return lines.joined(separator: "\n")
    }

    private static func describe(_ definition: ArgumentDefinition) -> [String] {
        describe(label: definition.helpLabel, text: definition.help)
    }

    /// Lays out one entry: the label indented by two spaces, the text from ``descriptionColumn``, on the
    /// label's line when the label is short enough and on the next line otherwise.
    private static func describe(label: String, text: String) -> [String] {
        let indentedLabel = "  " + label
        let words = text.split(whereSeparator: \.isWhitespace)
        if indentedLabel.count + 2 <= descriptionColumn {
            var lines = TextWrapping.wrapWords(words, indent: descriptionColumn)
            let padding = String(repeating: " ", count: descriptionColumn - indentedLabel.count)
            lines[0] = indentedLabel + padding + lines[0].dropFirst(descriptionColumn)
            return lines
        }
        return [indentedLabel] + TextWrapping.wrapWords(words, indent: descriptionColumn)
    }
}
