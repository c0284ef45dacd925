/// The declaration of one option, flag or positional argument: its spellings, its value and its help text.
public struct ArgumentDefinition: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `--name value` or `--name=value`.
        case option
        /// `--name` alone, which sets a Boolean to `true`.
        case flag
        /// A value identified by its position after the options.
        case positional
    }

    public let kind: Kind
    /// The spellings, short first, such as `["-o", "--output"]`; empty for a positional argument.
    public let names: [String]
    /// The placeholder shown in usage and help, such as `id` in `--chat <id>`.
    public let valueName: String
    /// Full sentences that state what the argument sets, its default and its unit.
    public let help: String
    /// Whether the command line must contain the argument.
    public let isRequired: Bool
    /// Whether a positional argument takes every remaining value.
    public let takesManyValues: Bool
    /// A description of a valid value, for the error message about an invalid one.
    public let expectedValue: String

    /// The long spelling, used in messages: `--output` rather than `-o`.
    public var displayName: String {
        kind == .positional ? "<\(valueName)>" : names.last ?? ""
    }

    /// The argument as a usage line shows it, such as `--chat <id>` or `<name> ...`.
    public var usageText: String {
        switch kind {
        case .option: "\(displayName) <\(valueName)>"
        case .flag: displayName
        case .positional: takesManyValues ? "<\(valueName)> ..." : "<\(valueName)>"
        }
    }

    /// The label in the help's argument and option lists, such as `-o, --output <path>`.
    public var helpLabel: String {
        switch kind {
        case .option: names.joined(separator: ", ") + " <\(valueName)>"
        case .flag: names.joined(separator: ", ")
        case .positional: usageText
        }
    }
}

/// A property wrapper that declares an argument. ``CommandLineParser`` finds these with `Mirror`, and
/// hands each its values.
protocol DeclaredArgument {
    var definition: ArgumentDefinition { get }

    /// Stores the values given on the command line, or throws when they do not convert.
    func assign(_ values: [String]) throws(UsageError)
}

/// The storage of a declared argument. It is a class so that the parser can fill the value of a
/// command value that `Mirror` returned as a copy.
final class ArgumentStorage<Value> {
    var value: Value?

    init(_ value: Value?) {
        self.value = value
    }

    func read(_ definition: ArgumentDefinition) -> Value {
        guard let value else {
            preconditionFailure("\(definition.displayName) was read before the command line was parsed")
        }
        return value
    }
}
