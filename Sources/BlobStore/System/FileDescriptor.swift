/// An open file descriptor together with the path it was opened with, for error messages and hooks.
///
/// The descriptor does not close itself: the owner calls ``FileSystem/close(_:)`` exactly once, usually
/// in a `defer` right after opening.
public struct FileDescriptor: Sendable {
    /// The raw descriptor number.
    public let rawValue: Int32
    /// The path the descriptor was opened with.
    public let path: String

    public init(rawValue: Int32, path: String) {
        self.rawValue = rawValue
        self.path = path
    }
}

/// The parts of a file's `stat` result that the store uses.
public struct FileStatus: Sendable, Equatable {
    /// Size in bytes.
    public let size: Int64
    /// Permission bits, such as `0o400`.
    public let permissions: UInt32
    /// Last modification time, in whole seconds since 1970-01-01 UTC.
    public let modificationTime: Int64
    /// `true` for a regular file.
    public let isRegularFile: Bool
    /// `true` for a directory.
    public let isDirectory: Bool
    /// `true` for a symbolic link (only reported by ``FileSystem/linkStatus(_:)``).
    public let isSymbolicLink: Bool
    /// The device and inode numbers, which identify the file itself rather than its name.
    public let identity: FileIdentity
}

/// The device and inode number of a file: two names with the same identity are the same file.
public struct FileIdentity: Sendable, Hashable {
    public let device: UInt64
    public let inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

/// Free space on a file system, as `statvfs` reports it to an unprivileged process.
public struct FileSystemSpace: Sendable, Equatable {
    /// Bytes available to unprivileged writers.
    public let availableBytes: Int64
    /// Total size of the file system in bytes.
    public let totalBytes: Int64
}
