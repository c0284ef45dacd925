import Foundation
import Synchronization

/// A store of chat files: content-addressed, zlib-compressed blobs on disk and a SQLite index of
/// `chat_files` rows that point to them.
///
/// ```swift
/// let store = try ChatFileStore(path: "/var/lib/chat/files")
/// try store.write(chatID: "c1", userID: "u1", filename: "todo.md", text: "- [ ] plan\n")
/// let bytes = try store.read(chatID: "c1", filename: "todo.md")
/// ```
///
/// A store is safe to use from many threads at once, and several processes may open the same
/// directory. Within a process, write transactions take turns on one connection behind a mutex;
/// between processes, SQLite's write lock and the retry in ``Connection/writeTransaction(attempts:_:)``
/// order them. Hashing and compression happen before a write takes the lock, so threads compress
/// in parallel and hold the lock only for the index update.
public final class ChatFileStore: Sendable {
    /// The store directory.
    public let path: String
    /// The settings the store was opened with.
    public let options: StoreOptions

    let blobs: BlobDirectory
    let indexPath: String

    /// The one connection that writes; the mutex makes in-process writers take turns instead of
    /// sleeping in SQLite's busy handler.
    let writer: Mutex<Connection>
    /// Idle read connections. A reader takes one, or opens a new one when none is idle.
    private let idleReaders = Mutex<[Connection]>([])
    /// Idle hashing and compression state, reused because allocating it costs more than a small write.
    private let idleCodecs = Mutex<[BlobCodec]>([])
    /// `true` after this store removed the reserve file, until it writes the file again.
    let isReserveReleased = Atomic<Bool>(false)

    /// Opens the store at `path`, creating the directory and an empty store if there is none.
    ///
    /// - Parameters:
    ///   - path: The store directory. It must be missing, empty, or a store created earlier.
    ///   - options: Compression level, durability and busy timeout.
    /// - Throws: ``ChatFilesError`` with ``ChatFilesError/Code/invalidStore`` when `path` is a file
    ///   or a non-empty folder that is not a store, ``ChatFilesError/Code/schemaTooNew`` when a newer
    ///   program created the store, or ``ChatFilesError/Code/io`` when a folder cannot be created.
    public init(path: String, options: StoreOptions = StoreOptions()) throws {
        precondition((0...9).contains(options.compressionLevel), "compressionLevel must be 0 to 9")
        self.path = path
        self.options = options
        self.blobs = BlobDirectory(root: path, fileSystem: options.fileSystem, durability: options.durability)
        self.indexPath = path + "/index.sqlite"

        try StoreLayout.prepare(path: path, indexPath: indexPath, fileSystem: options.fileSystem)
        let connection = try Self.openConnection(indexPath, options: options)
        try Schema.migrate(connection)
        writer = Mutex(connection)
        do {
            try blobs.createLayout()
        } catch {
            throw ChatFilesError(error)
        }
        restoreReserve()
    }

    static func openConnection(_ path: String, options: StoreOptions) throws -> Connection {
        let connection = try Connection(path: path, busyTimeout: Int32(clamping: options.busyTimeoutMilliseconds))
        // WAL lets readers work while one writer commits. FULL syncs the WAL on every commit, so a
        // committed row survives power loss; OFF is the explicitly requested fast mode.
        try connection.execute("PRAGMA journal_mode = WAL")
        let synchronous = options.durability == .full ? "FULL" : "OFF"
        try connection.execute("PRAGMA synchronous = \(synchronous); PRAGMA foreign_keys = ON")
        return connection
    }

    // MARK: Lending connections and codecs

    /// Runs `body` with an idle read connection, returning it to the pool afterwards.
    func withReader<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try idleReaders.withLock { $0.popLast() } ?? Self.openConnection(indexPath, options: options)
        defer { idleReaders.withLock { $0.append(connection) } }
        return try body(connection)
    }

    /// Runs `body` with an idle codec, returning it to the pool afterwards.
    func withCodec<T>(_ body: (BlobCodec) throws -> T) throws -> T {
        let codec: BlobCodec
        if let idle = idleCodecs.withLock({ $0.popLast() }) {
            codec = idle
        } else {
            do {
                codec = try BlobCodec(level: options.compressionLevel)
            } catch {
                throw ChatFilesError(error)
            }
        }
        defer { idleCodecs.withLock { $0.append(codec) } }
        return try body(codec)
    }

    /// Runs `body` in a write transaction on the writer connection, retried while another process
    /// holds the lock.
    ///
    /// - Parameter usingReserve: For transactions that free space (deletes and collections): when the
    ///   index cannot grow because the disk is full, the reserve file is removed, the log truncated,
    ///   and the transaction run once more. Writes never use the reserve, so it stays for them.
    func withWriteTransaction<T: Sendable>(usingReserve: Bool = false, _ body: (Connection) throws -> T) throws -> T {
        let fileSystem = options.fileSystem
        let indexPath = indexPath
        return try writer.withLock { connection in
            var hasUsedReserve = false
            while true {
                do {
                    return try connection.writeTransaction(
                        beforeCommit: { try fileSystem.notify(.commit, path: indexPath) }
                    ) {
                        try body(connection)
                    }
                } catch let error as ChatFilesError
                    where usingReserve && !hasUsedReserve && error.underlying is IndexFullError
                {
                    hasUsedReserve = true
                    releaseReserve()
                    connection.truncateLog()
                }
            }
        }
    }
}
