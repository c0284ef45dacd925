/// An error from the blob store: a code to match on, a message that names the blob or path, and a cause.
public struct BlobStoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// Text that is not a 64-digit lowercase hexadecimal SHA-256.
        case invalidDigest
        /// A blob file whose content does not match its name or recorded size, or is not a valid zlib stream.
        case corruptBlob
        /// A blob file that should exist and does not.
        case missingBlob
        /// A system call failed; ``BlobStoreError/systemError`` contains the call, path and errno.
        case system
        /// zlib or OpenSSL reported an internal error, such as running out of memory.
        case library
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence naming what failed, on which blob or path.
    public let message: String
    /// The failed system call, for ``Code/system``.
    public let systemError: SystemError?
    /// For ``Code/corruptBlob``: the file that was read, so that it can be set aside only if it is
    /// still the same file.
    public var fileIdentity: FileIdentity?

    public init(_ code: Code, _ message: String, systemError: SystemError? = nil) {
        self.code = code
        self.message = message
        self.systemError = systemError
    }

    /// Wraps a failed system call, with a sentence saying what the store was doing.
    public init(_ systemError: SystemError, while action: String) {
        self.init(.system, "\(action) failed: \(systemError)", systemError: systemError)
    }

    public var description: String { message }
}
