/// An error from a ``ChatFileStore``: a code to match on, a message naming the value and the fix, and
/// the underlying cause.
///
/// Messages name the chat, filename, blob or path involved and never include file content.
public struct ChatFilesError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. Bad input (the `invalid…` codes) never changes the store.
    public enum Code: String, Sendable, Equatable {
        /// A filename that breaks the filename rules (empty, absolute, `..`, control characters, too long).
        case invalidFilename
        /// A chat or user id that is empty, too long, or contains `/` or a control character.
        case invalidID
        /// A file type that is not a short lowercase word.
        case invalidFileType
        /// Metadata that is not a strict JSON object, or is too large.
        case invalidMetadata
        /// A description that is too large, or another argument outside its range.
        case invalidArgument
        /// The chat belongs to another user than the one given.
        case permissionDenied
        /// No file with that chat and filename (for that user, when one was given).
        case fileNotFound
        /// The blob a row points to is corrupt: its content does not match its SHA-256 or size.
        case corruptBlob
        /// The blob file a row points to is missing.
        case missingBlob
        /// The disk or quota is full, or below the store's free-space floor.
        case outOfSpace
        /// A system call failed: permission denied, I/O error and the like.
        case io
        /// SQLite reported an error other than a busy database.
        case database
        /// The database stayed locked by another process for longer than the busy timeout.
        case busy
        /// The store was written by a newer ChatFiles and this program cannot use its schema.
        case schemaTooNew
        /// The store path exists but is not a store folder (for example a regular file).
        case invalidStore
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence naming the value, the rule it broke or the failure, and the fix when there is one.
    public let message: String
    /// The error that caused this one, if any.
    public let underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
