import ChatFiles
import Foundation

/// The `chatfiles` tool: reads the global options, selects the command, parses and runs it, and turns
/// every error into one `error: …` line on standard error and an exit status.
public enum ChatFilesTool {
    /// Runs the tool with the process's arguments, environment and standard streams, then exits.
    public static func runFromCommandLine() -> Never {
        let output = StandardStream(descriptor: 1, name: "standard output")
        let errorOutput = StandardStream(descriptor: 2, name: "standard error")
        var status = main(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
            output: output, errorOutput: errorOutput, showsProgress: Terminal.isTerminal(2))
        if let writeError = output.writeError, status == .success {
            errorOutput.write("error: writing standard output failed: \(writeError)\n")
            status = .failure
        }
        exit(status.rawValue)
    }

    /// Runs the tool and returns its exit status instead of exiting, so tests can run it in-process.
    public static func main(
        arguments: [String], environment: [String: String], output: any TextOutput, errorOutput: any TextOutput,
        showsProgress: Bool = false
    ) -> ExitCode {
        var commandName: String?
        do {
            let (words, storeOption) = try GlobalOptions.extractStore(from: arguments)
            guard let first = words.first else {
                throw UsageError("missing command; the commands are \(CommandRegistry.commandNames)")
            }
            if GlobalOptions.isHelp(first) {
                output.write(HelpFormatter.toolHelp(commands: CommandRegistry.commands))
                return .success
            }
            if first == "--version" {
                output.write("chatfiles \(ToolDescription.version)\n")
                return .success
            }
            if CommandLineParser.looksLikeOption(first) {
                throw UsageError(
                    "unknown option \(quoted(first)); before the command only --store, --help and --version "
                        + "are allowed")
            }
            guard let command = CommandRegistry.command(named: first) else {
                throw UsageError(
                    "unknown command \(quoted(first)); the commands are \(CommandRegistry.commandNames)")
            }

            commandName = first
            let commandWords = Array(words.dropFirst())
            if commandWords.prefix(while: { $0 != "--" }).contains(where: GlobalOptions.isHelp) {
                output.write(HelpFormatter.help(for: command))
                return .success
            }
            let context = CommandContext(
                storePath: GlobalOptions.storePath(option: storeOption, environment: environment), output: output,
                errorOutput: errorOutput, showsProgress: showsProgress)
            try parseAndRun(command, commandWords, in: context)
            return .success
        } catch {
            let (message, status) = describe(error)
            var line = "error: " + message
            if status == .usage {
                line += "; see 'chatfiles \(commandName.map { $0 + " " } ?? "")--help'"
            }
            // Messages quote values with escapes, so this only guards the one-line promise.
            errorOutput.write(line.replacingOccurrences(of: "\n", with: " ") + "\n")
            return status
        }
    }

    private static func parseAndRun<Command: ParsableCommand>(
        _ type: Command.Type, _ words: [String], in context: CommandContext
    ) throws {
        let command = try CommandLineParser.parse(type, words)
        try command.run(in: context)
    }

    /// Returns the message and exit status for an error thrown while parsing or running a command.
    ///
    /// Store errors with an `invalid…` code for a value from the command line (a filename, id, file
    /// type, metadata or description) are usage errors. ``ChatFilesError/Code/invalidStore`` is not: it
    /// means the store folder is in a state that no other command line would fix.
    static func describe(_ error: any Error) -> (message: String, status: ExitCode) {
        switch error {
        case let error as UsageError:
            return (error.message, .usage)
        case let error as CommandFailure:
            return (error.message, .failure)
        case let error as ChatFilesError:
            switch error.code {
            case .invalidFilename, .invalidID, .invalidFileType, .invalidMetadata, .invalidArgument:
                return (error.message, .usage)
            default:
                return (error.message, .failure)
            }
        default:
            return ("\(error)", .failure)
        }
    }
}
