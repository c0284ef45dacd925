import Synchronization

/// The blob files of one store: `objects/ab/cdef…` named by the SHA-256 of their content, and `tmp/`
/// for writes in progress.
///
/// `tmp/` and `objects/` live in the same directory, hence on the same file system, so publishing a
/// blob is one atomic `link` (see ``publish(_:)``). Blob files are read-only once published and never
/// change; a blob is removed only by garbage collection.
public struct BlobDirectory: Sendable {
    /// The store directory that contains `objects/` and `tmp/`.
    public let root: String
    /// `<root>/objects`.
    public let objectsPath: String
    /// `<root>/tmp`.
    public let temporaryPath: String
    /// The seam through which every system call goes.
    public let fileSystem: FileSystem
    /// Whether files and directories are fsynced.
    public let durability: Durability
    /// Fan-out folders whose entry in `objects/` this instance has fsynced.
    let syncedFolders = SyncedFolders()

    /// Permission bits of the store's directories: only the owner may list or change them.
    public static let directoryPermissions: UInt32 = 0o700
    /// Permission bits of blob files: read-only, for the owner only.
    public static let blobPermissions: UInt32 = 0o400

    public init(root: String, fileSystem: FileSystem = .live, durability: Durability = .full) {
        self.root = root
        self.objectsPath = root + "/objects"
        self.temporaryPath = root + "/tmp"
        self.fileSystem = fileSystem
        self.durability = durability
    }

    /// Creates `objects/` and `tmp/` if they are missing, and makes their names durable.
    public func createLayout() throws(BlobStoreError) {
        do {
            var created = try fileSystem.makeDirectory(objectsPath, permissions: Self.directoryPermissions)
            created = try fileSystem.makeDirectory(temporaryPath, permissions: Self.directoryPermissions) || created
            if created && durability == .full {
                try fileSystem.fsyncDirectory(root)
            }
        } catch {
            throw BlobStoreError(error, while: "creating the blob folders in '\(root)'")
        }
    }

    /// The fan-out folder of a blob: `objects/` and the first two hex digits of its name.
    public func fanoutPath(for digest: SHA256Digest) -> String {
        let hex = digest.hex
        return objectsPath + "/" + hex.prefix(2)
    }

    /// The path of a blob's file: `objects/ab/cdef…`, where `ab` are the first two hex digits.
    public func path(for digest: SHA256Digest) -> String {
        let hex = digest.hex
        return objectsPath + "/" + hex.prefix(2) + "/" + hex.dropFirst(2)
    }

    /// Returns the status of a blob's file, or `nil` when there is no file.
    public func status(of digest: SHA256Digest) throws(BlobStoreError) -> FileStatus? {
        do {
            return try fileSystem.linkStatus(path(for: digest))
        } catch {
            throw BlobStoreError(error, while: "checking blob \(digest)")
        }
    }

    /// Returns `true` when a blob's file exists as a regular file.
    public func contains(_ digest: SHA256Digest) throws(BlobStoreError) -> Bool {
        try status(of: digest)?.isRegularFile == true
    }

    /// Removes a blob's file; returns `false` when there was no file.
    ///
    /// Only garbage collection and the cleanup of a failed write call this, under the index's write
    /// lock, so that no writer can decide that the blob exists between the check and the removal.
    /// The removal is not fsynced: after a power loss the file may come back without its `blobs` row,
    /// which is an orphan that a full collection removes, never a row without its file.
    @discardableResult
    public func remove(_ digest: SHA256Digest) throws(BlobStoreError) -> Bool {
        do {
            try fileSystem.unlink(path(for: digest))
            return true
        } catch  where error.isNotFound {
            return false
        } catch {
            throw BlobStoreError(error, while: "removing blob \(digest)")
        }
    }
}

/// The set of fan-out folders already made durable, shared by every copy of one ``BlobDirectory``.
final class SyncedFolders: Sendable {
    private let folders = Mutex<Set<String>>([])

    func contains(_ folder: String) -> Bool {
        folders.withLock { $0.contains(folder) }
    }

    func insert(_ folder: String) {
        folders.withLock { _ = $0.insert(folder) }
    }
}

extension BlobDirectory {
    /// A regular file under `objects/` whose path is a digest, with its status.
    public struct ListedBlob: Sendable {
        public let digest: SHA256Digest
        public let status: FileStatus
    }

    /// Lists the blob files under `objects/`, ordered by digest.
    ///
    /// Names that are not a digest, and anything but regular files, are not the store's blobs and are
    /// left out. The cost grows with the number of files, so only full sweeps and verify call this.
    public func listBlobFiles() throws(BlobStoreError) -> [ListedBlob] {
        do {
            var blobs: [ListedBlob] = []
            for folder in try fileSystem.contentsOfDirectory(objectsPath).sorted() where folder.utf8.count == 2 {
                let folderPath = objectsPath + "/" + folder
                for name in try fileSystem.contentsOfDirectory(folderPath).sorted() {
                    guard let digest = try? SHA256Digest(hex: folder + name),
                        let status = try fileSystem.linkStatus(folderPath + "/" + name), status.isRegularFile
                    else { continue }
                    blobs.append(ListedBlob(digest: digest, status: status))
                }
            }
            return blobs
        } catch {
            throw BlobStoreError(error, while: "listing the blob files in '\(objectsPath)'")
        }
    }
}
