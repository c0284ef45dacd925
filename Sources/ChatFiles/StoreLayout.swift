/// Checks and creates the store directory before the index is opened.
enum StoreLayout {
    /// Creates `path` if it is missing; rejects a file, or a non-empty folder that has no index.
    ///
    /// Refusing a non-empty folder protects users who pass their home or project folder by mistake
    /// from having `objects/`, `tmp/` and `index.sqlite` created in it.
    static func prepare(path: String, indexPath: String, fileSystem: FileSystem) throws {
        do {
            if let status = try fileSystem.status(path) {
                guard status.isDirectory else {
                    throw ChatFilesError(
                        .invalidStore,
                        "'\(path)' is not a store: it exists and is not a folder; choose a folder path for the store")
                }
                if try fileSystem.status(indexPath) == nil {
                    let entries = try fileSystem.contentsOfDirectory(path)
                    let known: Set<String> = [
                        "objects", "tmp", "reserve", "index.sqlite-wal", "index.sqlite-shm", "index.sqlite-journal",
                    ]
                    if !entries.allSatisfy(known.contains) {
                        throw ChatFilesError(
                            .invalidStore,
                            "'\(path)' is not a store: the folder is not empty and has no index.sqlite; "
                                + "choose an empty or new folder")
                    }
                }
            } else {
                try fileSystem.makeDirectory(path, permissions: BlobDirectory.directoryPermissions)
            }
        } catch let error as SystemError {
            throw ChatFilesError(error, while: "preparing store folder '\(path)'")
        }
    }
}
