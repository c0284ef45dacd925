import ChatFiles

/// The folder that `export` writes into, with the checks that keep every write inside it.
///
/// A target path is built from the root and the segments of a validated filename, which has no `..`,
/// `.` or empty segment. What remains is a symbolic link placed inside the root, such as
/// `root/sub -> /etc`, which would send a write to `root/sub/passwd` outside. Every component below
/// the root is therefore checked with `lstat`, which does not follow links, and a link is rejected.
/// The root itself may be a link, because the user named it.
///
/// NOTE: the checks run just before each write, but a process that replaces a checked folder with a
/// link between the check and the write could still redirect that write. Opening each component
/// with `openat` and `O_NOFOLLOW` would close that window; ``ChatFileStore/read(chatID:filename:toFile:userID:)``
/// takes a path, so it is not done here.
struct ExportDestination {
    /// The kind of entry at a target path now.
    enum TargetState {
        case absent
        case regularFile
    }

    let root: String
    private let fileSystem = FileSystem.live

    func path(of segments: [Substring]) -> String {
        root + "/" + segments.joined(separator: "/")
    }

    /// Checks each existing component of a target with `lstat`.
    ///
    /// - Throws: ``CommandFailure`` when a component is a symbolic link, a folder component is not a
    ///   folder, or the target itself is something other than a regular file.
    func inspect(_ segments: [Substring], filename: String) throws -> TargetState {
        var path = root
        for (index, segment) in segments.enumerated() {
            path += "/" + segment
            guard let status = try fileSystem.linkStatus(path) else {
                return .absent
            }
            let isTarget = index == segments.count - 1
            if status.isSymbolicLink {
                throw CommandFailure(
                    "refusing to write \(quoted(filename)): \(quoted(path)) is a symbolic link, which could lead "
                        + "outside \(quoted(root)); remove the link or export to another folder")
            }
            if isTarget && !status.isRegularFile {
                throw CommandFailure(
                    "cannot write \(quoted(filename)): \(quoted(path)) exists and is not a regular file; "
                        + "remove it or export to another folder")
            }
            if !isTarget && !status.isDirectory {
                throw CommandFailure(
                    "cannot write \(quoted(filename)): \(quoted(path)) is not a folder; "
                        + "remove it or export to another folder")
            }
        }
        return .regularFile
    }

    /// Creates the missing folders of a target with mode 0755 (less the umask), rejecting a link that
    /// appeared since ``inspect(_:filename:)``.
    func createFolders(for segments: [Substring], filename: String) throws {
        var path = root
        for segment in segments.dropLast() {
            path += "/" + segment
            let created = try fileSystem.makeDirectory(path, permissions: 0o755)
            if !created, try fileSystem.linkStatus(path)?.isDirectory != true {
                throw CommandFailure(
                    "refusing to write \(quoted(filename)): \(quoted(path)) is no longer a folder; "
                        + "check what else writes to \(quoted(root))")
            }
        }
    }
}
