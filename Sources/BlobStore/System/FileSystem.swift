internal import Glibc

/// The only code that calls the C library's file functions.
///
/// Each method makes one system call, retries it on `EINTR`, and turns a failure into a ``SystemError``
/// naming the call, the path and the errno. Before each call it consults the optional ``SystemCallHooks``,
/// which lets tests record the calls or make them fail.
public struct FileSystem: Sendable {
    /// The observer of every call, or `nil` in production.
    public let hooks: (any SystemCallHooks)?

    public init(hooks: (any SystemCallHooks)? = nil) {
        self.hooks = hooks
    }

    /// A file system without hooks.
    public static let live = FileSystem()

    private func check(_ call: SystemCall, _ path: String) throws(SystemError) {
        if let hooks, let injected = hooks.willCall(call, path: path) {
            throw SystemError(call: call, path: path, errno: injected)
        }
    }

    /// Runs `body` until it stops failing with `EINTR`; a result of -1 becomes a thrown ``SystemError``.
    private func retrying<T: BinaryInteger>(
        _ call: SystemCall, _ path: String, _ body: () -> T
    ) throws(SystemError) -> T {
        try check(call, path)
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(call: call, path: path, errno: code)
        }
    }

    // MARK: Opening and closing

    /// Opens an existing file for reading.
    ///
    /// - Parameter followingLinks: When `false` (the default, used for the store's own files), a
    ///   symbolic link in the last component makes the call fail with `ELOOP`.
    public func openForReading(_ path: String, followingLinks: Bool = false) throws(SystemError) -> FileDescriptor {
        let flags = O_RDONLY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
        let fd = try retrying(.open, path) { Glibc.open(path, flags) }
        return FileDescriptor(rawValue: fd, path: path)
    }

    /// Creates a new file for writing; fails with `EEXIST` if anything, even a symbolic link, is at `path`.
    ///
    /// The corresponding C call is `open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, permissions)`.
    public func createExclusively(_ path: String, permissions: UInt32) throws(SystemError) -> FileDescriptor {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        let fd = try retrying(.open, path) { Glibc.open(path, flags, mode_t(permissions)) }
        return FileDescriptor(rawValue: fd, path: path)
    }

    /// Opens a directory so that it can be fsynced after an entry in it was added or removed.
    public func openDirectory(_ path: String) throws(SystemError) -> FileDescriptor {
        let fd = try retrying(.open, path) { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        return FileDescriptor(rawValue: fd, path: path)
    }

    /// Closes a descriptor. Errors from `close` are reported, since on some file systems they mean lost data.
    public func close(_ descriptor: FileDescriptor) throws(SystemError) {
        try check(.close, descriptor.path)
        // close is not retried on EINTR: on Linux the descriptor is released even when close fails.
        if Glibc.close(descriptor.rawValue) == -1 && Glibc.errno != EINTR {
            throw SystemError(call: .close, path: descriptor.path, errno: Glibc.errno)
        }
    }

    /// Closes a descriptor on a path where an earlier error is already being reported.
    public func closeIgnoringErrors(_ descriptor: FileDescriptor) {
        _ = Glibc.close(descriptor.rawValue)
    }

    // MARK: Reading and writing

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the file.
    public func read(_ descriptor: FileDescriptor, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError)
        -> Int
    {
        try retrying(.read, descriptor.path) { Glibc.read(descriptor.rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Fills `buffer` as far as the file allows; returns fewer bytes than `buffer.count` only at the end.
    public func readFully(_ descriptor: FileDescriptor, into buffer: UnsafeMutableRawBufferPointer)
        throws(SystemError) -> Int
    {
        var total = 0
        while total < buffer.count {
            let count = try read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Writes all of `bytes`, continuing after short writes.
    public func write(_ descriptor: FileDescriptor, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retrying(.write, descriptor.path) {
                Glibc.write(descriptor.rawValue, bytes.baseAddress! + offset, bytes.count - offset)
            }
            offset += written
        }
    }

    /// Flushes the file's data and metadata to stable storage. The corresponding C function is `fsync`.
    public func fsync(_ descriptor: FileDescriptor) throws(SystemError) {
        _ = try retrying(.fsync, descriptor.path) { Glibc.fsync(descriptor.rawValue) }
    }

    /// Flushes a directory so that entries added to or removed from it survive a power loss.
    public func fsyncDirectory(_ path: String) throws(SystemError) {
        let directory = try openDirectory(path)
        do {
            try fsync(directory)
        } catch {
            closeIgnoringErrors(directory)
            throw error
        }
        try close(directory)
    }

    // MARK: Names

    /// Gives the file at `source` a second name; fails with `EEXIST` if `destination` exists.
    public func link(_ source: String, to destination: String) throws(SystemError) {
        _ = try retrying(.link, destination) { Glibc.link(source, destination) }
    }

    /// Atomically replaces `destination` with `source`.
    public func rename(_ source: String, to destination: String) throws(SystemError) {
        _ = try retrying(.rename, destination) { Glibc.rename(source, destination) }
    }

    /// Removes a name. The corresponding C function is `unlink`.
    public func unlink(_ path: String) throws(SystemError) {
        _ = try retrying(.unlink, path) { Glibc.unlink(path) }
    }

    /// Creates a directory; returns `false` when it already exists.
    @discardableResult
    public func makeDirectory(_ path: String, permissions: UInt32) throws(SystemError) -> Bool {
        do {
            _ = try retrying(.mkdir, path) { Glibc.mkdir(path, mode_t(permissions)) }
            return true
        } catch  where error.errno == EEXIST {
            return false
        }
    }

    /// Removes an empty directory.
    public func removeDirectory(_ path: String) throws(SystemError) {
        _ = try retrying(.rmdir, path) { Glibc.rmdir(path) }
    }

    /// Sets a file's permission bits.
    public func setPermissions(_ path: String, _ permissions: UInt32) throws(SystemError) {
        _ = try retrying(.chmod, path) { Glibc.chmod(path, mode_t(permissions)) }
    }

    // MARK: Status

    /// Returns the status of the file at `path`, following symbolic links, or `nil` if nothing is there.
    public func status(_ path: String) throws(SystemError) -> FileStatus? {
        try statusOf(path, followingLinks: true)
    }

    /// Returns the status of the name itself, without following a symbolic link, or `nil` if nothing is there.
    public func linkStatus(_ path: String) throws(SystemError) -> FileStatus? {
        try statusOf(path, followingLinks: false)
    }

    private func statusOf(_ path: String, followingLinks: Bool) throws(SystemError) -> FileStatus? {
        var info = stat()
        do {
            _ = try retrying(.stat, path) {
                if followingLinks {
                    return stat(path, &info)
                }
                return lstat(path, &info)
            }
        } catch  where error.errno == ENOENT || error.errno == ENOTDIR {
            return nil
        }
        return Self.makeStatus(info)
    }

    /// Returns the status of an open file. The corresponding C function is `fstat`.
    public func status(of descriptor: FileDescriptor) throws(SystemError) -> FileStatus {
        var info = stat()
        _ = try retrying(.stat, descriptor.path) { fstat(descriptor.rawValue, &info) }
        return Self.makeStatus(info)
    }

    private static func makeStatus(_ info: stat) -> FileStatus {
        let type = info.st_mode & S_IFMT
        return FileStatus(
            size: Int64(info.st_size),
            permissions: UInt32(info.st_mode & 0o7777),
            modificationTime: Int64(info.st_mtim.tv_sec),
            isRegularFile: type == S_IFREG,
            isDirectory: type == S_IFDIR,
            isSymbolicLink: type == S_IFLNK,
            identity: FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        )
    }

    /// Reports an event that is not a system call, such as an index commit, to the hooks, so that tests
    /// can see it in the order of calls and make it fail.
    public func notify(_ event: SystemCall, path: String) throws(SystemError) {
        try check(event, path)
    }

    /// Returns the space left on the file system that contains `path`.
    public func space(at path: String) throws(SystemError) -> FileSystemSpace {
        var info = statvfs()
        _ = try retrying(.statFileSystem, path) { statvfs(path, &info) }
        let blockSize = Int64(info.f_frsize)
        return FileSystemSpace(
            availableBytes: Int64(info.f_bavail) * blockSize,
            totalBytes: Int64(info.f_blocks) * blockSize
        )
    }

    /// Lists the names in a directory, without `.` and `..`, in no particular order.
    public func contentsOfDirectory(_ path: String) throws(SystemError) -> [String] {
        try check(.readDirectory, path)
        guard let directory = opendir(path) else {
            throw SystemError(call: .readDirectory, path: path, errno: Glibc.errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Returns `true` when a process with this id exists, checked with `kill(pid, 0)`.
    ///
    /// A process of another user also counts as running (`EPERM`), since its files must not be touched.
    public func isProcessRunning(_ processID: Int32) -> Bool {
        guard processID > 0 else { return false }
        return kill(processID, 0) == 0 || Glibc.errno == EPERM
    }

    /// Returns the current process id, used to name temporary files.
    public static var processID: Int32 { getpid() }
}
