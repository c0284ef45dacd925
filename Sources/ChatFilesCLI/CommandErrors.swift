/// The exit status of the `chatfiles` tool.
public enum ExitCode: Int32, Sendable {
    /// The command did what it was asked.
    case success = 0
    /// The command failed: a missing file, chat or store, a conflict, or an I/O error.
    case failure = 1
    /// The command line was wrong: an unknown command or option, a missing or invalid value. This is
    /// `EX_USAGE` from BSD's `sysexits.h`.
    case usage = 64
}

/// A mistake in the command line. The tool prints the message with a pointer to the command's help
/// and exits with ``ExitCode/usage``.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A command that could not do its work although the command line was valid. The tool prints the
/// message and exits with ``ExitCode/failure``.
public struct CommandFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
