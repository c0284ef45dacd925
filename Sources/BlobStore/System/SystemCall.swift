/// The system calls that the blob store makes, named so that tests can observe them and make them fail.
///
/// Every call that touches the file system goes through ``FileSystem``, which reports it to the
/// ``SystemCallHooks`` of the store before running it. Tests use that seam to record the order of
/// `fsync` and `rename` calls and to inject errors such as `ENOSPC` or `EIO` at any step.
public enum SystemCall: String, Sendable, CaseIterable {
    case open
    case read
    case write
    case fsync
    case close
    case link
    case rename
    case unlink
    case mkdir
    case rmdir
    case stat
    case chmod
    case readDirectory = "readdir"
    case statFileSystem = "statvfs"
    /// Not a system call: the moment an index transaction is about to commit, reported through
    /// ``FileSystem/notify(_:path:)`` so that tests can check that blob files were synced before it.
    case commit
}

/// An observer of the store's system calls, and the place where tests inject failures.
///
/// The file system calls ``willCall(_:path:)`` before each call. Returning an errno value makes the call
/// fail with that error instead of running; returning `nil` lets it run.
public protocol SystemCallHooks: Sendable {
    /// Observes a call before it runs and optionally makes it fail.
    ///
    /// - Parameters:
    ///   - call: The system call about to run.
    ///   - path: The path the call works on; for calls on an open descriptor, the path it was opened with.
    /// - Returns: An errno value to fail the call with, or `nil` to run it.
    func willCall(_ call: SystemCall, path: String) -> Int32?
}
