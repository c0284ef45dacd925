internal import Glibc

/// A failed system call: which call, on which path, and the errno it returned.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call that failed.
    public let call: SystemCall
    /// The path the call worked on.
    public let path: String
    /// The errno value, for example `ENOSPC` (28).
    public let errno: Int32

    public init(call: SystemCall, path: String, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    /// The C library's text for the errno value, such as "No space left on device".
    public var reason: String {
        String(cString: strerror(errno))
    }

    /// `true` when the error means the disk or the user's quota is full.
    public var isOutOfSpace: Bool {
        errno == ENOSPC || errno == EDQUOT
    }

    /// `true` when something already exists at the path.
    public var isAlreadyExisting: Bool {
        errno == EEXIST
    }

    /// `true` when the path does not exist.
    public var isNotFound: Bool {
        errno == ENOENT
    }

    public var description: String {
        "\(call.rawValue) failed for '\(path)': \(reason) (errno \(errno))"
    }
}
