import Testing

@testable import ChatFilesCLI

/// A command with one of each kind of declaration, for the parser alone.
private struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        name: "sample", abstract: "Exercise the parser.", discussion: "A command for tests.")

    @Option(name: "--chat", valueName: "id", help: "A required option.")
    var chat: String

    @Option(name: "--output", shortName: "-o", valueName: "path", help: "An optional option.")
    var output: String?

    @Option(name: "--limit", valueName: "count", help: "An option with a default.")
    var limit: Int = 10

    @Flag(name: "--json", help: "A flag.")
    var json: Bool

    @Argument(valueName: "name", help: "One or more names.")
    var names: [String]

    func validate() throws(UsageError) {
        if names.contains("forbidden") {
            throw UsageError("'forbidden' is not allowed")
        }
    }

    func run(in context: CommandContext) throws {}
}

private func parse(_ words: [String]) throws(UsageError) -> SampleCommand {
    try CommandLineParser.parse(SampleCommand.self, words)
}

/// Returns the message of the usage error that parsing `words` throws.
private func usageMessage(_ words: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
        _ = try parse(words)
        Issue.record("parsing \(words) succeeded", sourceLocation: sourceLocation)
        return ""
    } catch {
        return error.message
    }
}

@Suite struct ParserTests {
    @Test func optionsFlagsAndPositionals() throws {
        let command = try parse(["--chat", "c1", "-o", "out.txt", "--limit=3", "--json", "a.md", "b.md"])
        #expect(command.chat == "c1")
        #expect(command.output == "out.txt")
        #expect(command.limit == 3)
        #expect(command.json)
        #expect(command.names == ["a.md", "b.md"])
    }

    @Test func defaultsWhenAbsent() throws {
        let command = try parse(["a.md", "--chat", "c1"])
        #expect(command.output == nil)
        #expect(command.limit == 10)
        #expect(!command.json)
    }

    @Test func doubleDashEndsOptions() throws {
        let command = try parse(["--chat", "c1", "--", "--json", "-x"])
        #expect(command.names == ["--json", "-x"])
        #expect(!command.json)
    }

    @Test func dashAloneIsPositional() throws {
        let command = try parse(["--chat", "c1", "-"])
        #expect(command.names == ["-"])
    }

    @Test func inlineValueMayStartWithDash() throws {
        let command = try parse(["--chat=-c1", "a"])
        #expect(command.chat == "-c1")
    }

    @Test func unknownOption() {
        #expect(usageMessage(["--chat", "c1", "--bogus", "a"]) == "unknown option '--bogus' for 'sample'")
    }

    @Test func optionWithoutValue() {
        let message = usageMessage(["--chat", "--json", "a"])
        #expect(message.hasPrefix("missing value for --chat"), "\(message)")
        #expect(usageMessage(["a", "--chat"]).hasPrefix("missing value for --chat"))
    }

    @Test func optionGivenTwice() {
        #expect(usageMessage(["--chat", "a", "--chat", "b", "x"]) == "--chat was given twice; give it once")
        #expect(usageMessage(["--chat", "a", "--json", "--json", "x"]) == "--json was given twice; give it once")
    }

    @Test func shortAndLongNamesCountAsOne() {
        #expect(
            usageMessage(["--chat", "a", "-o", "x", "--output", "y", "n"]) == "--output was given twice; give it once")
    }

    @Test func missingRequiredOption() {
        #expect(usageMessage(["a.md"]) == "missing required option --chat <id>")
    }

    @Test func missingPositional() {
        #expect(usageMessage(["--chat", "c1"]) == "missing required argument <name> ...")
    }

    @Test func invalidNumber() {
        #expect(
            usageMessage(["--chat", "c1", "--limit", "ten", "a"])
                == "invalid value 'ten' for --limit: expected a whole number such as 10")
    }

    @Test func flagWithValue() {
        #expect(
            usageMessage(["--chat", "c1", "--json=yes", "a"])
                == "--json is a flag and takes no value; write --json alone"
        )
    }

    @Test func validateRunsAfterParsing() {
        #expect(usageMessage(["--chat", "c1", "forbidden"]) == "'forbidden' is not allowed")
    }

    @Test func surplusPositional() throws {
        struct OneName: ParsableCommand {
            static let configuration = CommandConfiguration(name: "one", abstract: "One.", discussion: "One.")
            @Argument(valueName: "name", help: "A name.")
            var name: String
            func run(in context: CommandContext) throws {}
        }
        #expect(throws: UsageError("unexpected argument 'b'")) {
            try CommandLineParser.parse(OneName.self, ["a", "b"])
        }
    }

    @Test func definitionsInDeclarationOrder() {
        let labels = CommandLineParser.definitions(of: SampleCommand.self).map(\.helpLabel)
        #expect(labels == ["--chat <id>", "-o, --output <path>", "--limit <count>", "--json", "<name> ..."])
    }
}

@Suite struct GlobalOptionTests {
    @Test func storeIsTakenFromAnyPosition() throws {
        let (words, store) = try GlobalOptions.extractStore(from: ["ls", "--store", "s1", "--json"])
        #expect(words == ["ls", "--json"])
        #expect(store == "s1")
        let (inlineWords, inlineStore) = try GlobalOptions.extractStore(from: ["--store=s2", "stats"])
        #expect(inlineWords == ["stats"])
        #expect(inlineStore == "s2")
    }

    @Test func storeAfterDoubleDashIsAValue() throws {
        let (words, store) = try GlobalOptions.extractStore(from: ["rm", "--chat", "c", "--", "--store"])
        #expect(words == ["rm", "--chat", "c", "--", "--store"])
        #expect(store == nil)
    }

    @Test func storeTwiceOrEmptyIsRejected() {
        #expect(throws: UsageError.self) { try GlobalOptions.extractStore(from: ["--store", "a", "--store", "b"]) }
        #expect(throws: UsageError.self) { try GlobalOptions.extractStore(from: ["--store="]) }
        #expect(throws: UsageError.self) { try GlobalOptions.extractStore(from: ["ls", "--store"]) }
    }

    @Test func storePathPrecedence() {
        let environment = ["CHATFILES_STORE": "/from/environment"]
        #expect(GlobalOptions.storePath(option: "opt", environment: environment) == "opt")
        #expect(GlobalOptions.storePath(option: nil, environment: environment) == "/from/environment")
        #expect(GlobalOptions.storePath(option: nil, environment: ["CHATFILES_STORE": ""]) == "./chatfiles-store")
        #expect(GlobalOptions.storePath(option: nil, environment: [:]) == "./chatfiles-store")
    }
}

@Suite struct ToolDispatchTests {
    @Test func unknownCommandIsAUsageError() {
        let result = runInProcess(["frobnicate"])
        #expect(result.status == .usage)
        #expect(result.output.isEmpty)
        #expect(result.errorOutput.hasPrefix("error: unknown command 'frobnicate'; the commands are init, put,"))
        #expect(result.errorOutput.hasSuffix("; see 'chatfiles --help'\n"))
    }

    @Test func missingCommandIsAUsageError() {
        let result = runInProcess([])
        #expect(result.status == .usage)
        #expect(result.errorOutput.hasPrefix("error: missing command"))
    }

    @Test func unknownOptionBeforeCommand() {
        let result = runInProcess(["--json", "ls"])
        #expect(result.status == .usage)
        #expect(result.errorOutput.hasPrefix("error: unknown option '--json'; before the command only"))
    }

    @Test func helpWinsOverOtherErrors() {
        let result = runInProcess(["put", "--bogus", "-h"])
        #expect(result.status == .success)
        #expect(result.output.hasPrefix("OVERVIEW: Store one file in a chat"))
        #expect(result.errorOutput.isEmpty)
    }

    @Test func versionIsPrinted() {
        let result = runInProcess(["--version"])
        #expect(result.status == .success)
        #expect(result.output == "chatfiles \(ToolDescription.version)\n")
    }

    @Test func helpCommandMatchesHelpFlag() {
        for command in CommandRegistry.commands {
            let name = command.configuration.name
            #expect(runInProcess(["help", name]).output == runInProcess([name, "--help"]).output, "\(name)")
        }
        #expect(runInProcess(["help"]).output == runInProcess(["--help"]).output)
        #expect(runInProcess(["help", "nope"]).status == .usage)
    }

    @Test func everyCommandHasUniqueName() {
        let names = CommandRegistry.commands.map { $0.configuration.name }
        #expect(Set(names).count == names.count)
    }
}
