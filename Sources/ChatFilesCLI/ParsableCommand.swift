/// The name and help text of a command, shown by `--help` and in the tool's command list.
public struct CommandConfiguration: Sendable {
    /// The word that selects the command, such as `put`.
    public let name: String
    /// One sentence that states what the command does, shown in the tool's command list.
    public let abstract: String
    /// Paragraphs separated by blank lines that explain behaviour, defaults and units in full sentences.
    public let discussion: String
    /// Complete command lines that show typical uses.
    public let examples: [String]
    /// Whether the command works on a store, so that `--store` is accepted and shown in its help.
    public let usesStore: Bool

    public init(name: String, abstract: String, discussion: String, examples: [String] = [], usesStore: Bool = true) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.examples = examples
        self.usesStore = usesStore
    }
}

/// A command of the `chatfiles` tool: a type with a configuration, declared arguments and a `run` method.
///
/// Arguments are declared as properties with the ``Option``, ``Flag`` and ``Argument`` property
/// wrappers. ``CommandLineParser`` creates the command with `init()`, finds the declarations in
/// declaration order, fills them from the command line, checks that every required one was given and
/// calls ``validate()``. Only then does the tool call ``run(in:)``, so `run` can read every property.
public protocol ParsableCommand {
    static var configuration: CommandConfiguration { get }

    /// Creates the command with its argument declarations and no values.
    init()

    /// Checks the parsed values together, for rules that one declaration cannot express.
    func validate() throws(UsageError)

    /// Does the command's work, writing results to the context's output.
    func run(in context: CommandContext) throws
}

extension ParsableCommand {
    public func validate() throws(UsageError) {}
}
