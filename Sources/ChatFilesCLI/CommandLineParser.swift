/// Parses a command's part of the command line into a command value.
///
/// The rules:
/// - `--name value` and `--name=value` set an option; `-o value` sets one by its short name.
/// - An option's value is the next word unless that word starts with `-` (and is not `-` alone),
///   because `--chat --user u1` is almost always a forgotten value. `--name=-value` passes such a value.
/// - `--` ends the options: every later word is a positional value, even one that starts with `-`.
/// - `-` alone is a positional value, which commands read as standard input or output.
/// - Giving an option twice, an unknown option, a missing or surplus value are usage errors.
public enum CommandLineParser {
    /// Creates a `Command` and fills its declared arguments from `words`.
    ///
    /// - Throws: ``UsageError`` naming the word or argument at fault, after which nothing has run.
    public static func parse<Command: ParsableCommand>(_ type: Command.Type, _ words: [String]) throws(UsageError)
        -> Command
    {
        let command = Command()
        let declared = declaredArguments(of: command)
        let named = Dictionary(
            declared.flatMap { argument in argument.definition.names.map { ($0, argument) } },
            uniquingKeysWith: { first, _ in first })

        var givenValues: [String: [String]] = [:]
        var positionalValues: [String] = []
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !looksLikeOption(word) {
                positionalValues.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }

            let (name, inlineValue) = splitInlineValue(word)
            guard let argument = named[name] else {
                throw UsageError("unknown option \(quoted(name)) for '\(Command.configuration.name)'")
            }
            let definition = argument.definition
            let key = definition.displayName
            guard givenValues[key] == nil else {
                throw UsageError("\(key) was given twice; give it once")
            }
            switch definition.kind {
            case .flag:
                if inlineValue != nil {
                    throw UsageError("\(key) is a flag and takes no value; write \(key) alone")
                }
                givenValues[key] = []
            case .option:
                if let inlineValue {
                    givenValues[key] = [inlineValue]
                } else if index < words.count, !looksLikeOption(words[index]) {
                    givenValues[key] = [words[index]]
                    index += 1
                } else {
                    throw UsageError(
                        "missing value for \(key); write \(definition.usageText), "
                            + "or \(key)=VALUE for a value that starts with '-'")
                }
            case .positional:
                preconditionFailure("positional arguments have no names")
            }
        }

        for argument in declared where argument.definition.kind != .positional {
            if let values = givenValues[argument.definition.displayName] {
                try argument.assign(values)
            } else if argument.definition.isRequired {
                throw UsageError("missing required option \(argument.definition.usageText)")
            }
        }
        try assignPositionals(positionalValues, to: declared.filter { $0.definition.kind == .positional })
        try command.validate()
        return command
    }

    /// Returns the argument definitions of a command type in declaration order, for help and usage.
    public static func definitions<Command: ParsableCommand>(of type: Command.Type) -> [ArgumentDefinition] {
        declaredArguments(of: Command()).map(\.definition)
    }

    static func declaredArguments(of command: some ParsableCommand) -> [any DeclaredArgument] {
        Mirror(reflecting: command).children.compactMap { $0.value as? any DeclaredArgument }
    }

    /// Returns whether a word is an option or `--` rather than a value.
    static func looksLikeOption(_ word: String) -> Bool {
        word.hasPrefix("-") && word != "-"
    }

    /// Splits `--name=value` into its name and value; other words have no inline value.
    static func splitInlineValue(_ word: String) -> (name: String, value: String?) {
        guard let equals = word.firstIndex(of: "=") else {
            return (word, nil)
        }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private static func assignPositionals(_ values: [String], to positionals: [any DeclaredArgument])
        throws(UsageError)
    {
        var remaining = values[...]
        for argument in positionals {
            let definition = argument.definition
            let taken = definition.takesManyValues ? remaining : remaining.prefix(1)
            remaining = remaining.dropFirst(taken.count)
            if taken.isEmpty {
                if definition.isRequired {
                    throw UsageError("missing required argument \(definition.usageText)")
                }
                continue
            }
            try argument.assign(Array(taken))
        }
        if let surplus = remaining.first {
            throw UsageError("unexpected argument \(quoted(surplus))")
        }
    }
}
