import ChatFiles

/// Walks a folder tree without following symbolic links, for `import`.
///
/// Each folder's regular files are visited in name order, then its subfolders. Symbolic links (to
/// files or folders) and special files (FIFOs, sockets, devices) are reported as skipped, because
/// following a link could import files from outside the folder, and reading a FIFO could block forever.
struct DirectoryWalker {
    enum Entry {
        /// A regular file: its path on disk, its name relative to the root joined with `/`, and its size.
        case file(path: String, name: String, size: Int64)
        /// An entry that is not imported, with the reason. `isError` is `false` for links and special
        /// files, which are skipped by design, and `true` when something could not be read.
        case skipped(path: String, reason: String, isError: Bool)
    }

    /// The folder to walk; a symbolic link here is followed, since the caller named it.
    let root: String
    /// A folder to skip, given as its path relative to `root`, such as the store inside the imported folder.
    let excludedName: String?

    private let fileSystem = FileSystem.live

    /// Calls `visit` for every entry under the root.
    ///
    /// - Throws: The error of listing the root itself, or whatever `visit` throws. A subfolder that
    ///   cannot be listed is reported to `visit` as skipped instead.
    func walk(_ visit: (Entry) throws -> Void) throws {
        var pending: [(path: String, name: String)] = [(root, "")]
        while let (directory, prefix) = pending.popLast() {
            let entries: [String]
            do {
                entries = try fileSystem.contentsOfDirectory(directory).sorted()
            } catch {
                if prefix.isEmpty {
                    throw error
                }
                try visit(
                    .skipped(path: directory, reason: "the folder cannot be listed: \(error.reason)", isError: true))
                continue
            }

            var subdirectories: [(path: String, name: String)] = []
            for entry in entries {
                let path = directory + "/" + entry
                let name = prefix.isEmpty ? entry : prefix + "/" + entry
                guard let status = try? fileSystem.linkStatus(path) else {
                    // A name that is not valid UTF-8 comes back with U+FFFD in place of the bad bytes, so
                    // the path no longer exists. A file deleted during the walk ends here too.
                    try visit(
                        .skipped(
                            path: path, reason: "it vanished or its name is not valid UTF-8", isError: true))
                    continue
                }
                if status.isSymbolicLink {
                    try visit(.skipped(path: path, reason: "it is a symbolic link", isError: false))
                } else if status.isDirectory {
                    if name == excludedName {
                        try visit(.skipped(path: path, reason: "it is the store itself", isError: false))
                    } else {
                        subdirectories.append((path, name))
                    }
                } else if status.isRegularFile {
                    try visit(.file(path: path, name: name, size: status.size))
                } else {
                    try visit(
                        .skipped(path: path, reason: "it is a special file (FIFO, socket or device)", isError: false))
                }
            }
            // The stack pops from the end, so pushing in reverse visits subfolders in name order.
            pending += subdirectories.reversed()
        }
    }
}
