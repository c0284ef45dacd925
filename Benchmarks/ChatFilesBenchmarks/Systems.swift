import ChatFiles
import Foundation

/// A way to keep chat files that the scenarios can drive: the store or one of the baselines.
///
/// Instances are confined to one thread. ``SystemKind/openShared`` hands each thread its own.
protocol ChatFileSystem: AnyObject {
    /// Writes the files in one transaction where the system has transactions.
    func write(batch files: ArraySlice<CorpusFile>) throws
    /// Writes one file durably, on its own.
    func write(_ file: CorpusFile) throws
    func read(_ file: CorpusFile) throws -> [UInt8]
    /// Lists a chat's files with their attributes; returns how many there are.
    func list(chatID: String) throws -> Int
    func delete(_ file: CorpusFile) throws
}

/// One system under test, identified by name, and how to open it in a folder of its own.
struct SystemKind: Sendable {
    let name: String
    /// Prepares the system in a folder and returns a function that opens a handle for one thread.
    /// Handles opened by one call's function share the same data.
    let openShared: @Sendable (_ folder: String) throws -> @Sendable () throws -> any ChatFileSystem

    /// Opens the system in `folder` for use on the current thread.
    func open(_ folder: String) throws -> any ChatFileSystem {
        try openShared(folder)()
    }

    /// The store, with every write durable unless `durability` is `.fast`.
    static func store(level: Int, durability: Durability) -> SystemKind {
        SystemKind(name: "store") { folder in
            let store = try ChatFileStore(
                path: folder + "/store", options: StoreOptions(compressionLevel: level, durability: durability))
            return { StoreSystem(store: store) }
        }
    }

    /// The previous design: content inline in a SQLite table.
    static func inline(wal: Bool) -> SystemKind {
        SystemKind(name: wal ? "inline-wal" : "inline-default") { folder in
            let path = folder + "/inline.sqlite"
            _ = try InlineSystem(path: path, wal: wal, createsSchema: true)
            return { try InlineSystem(path: path, wal: wal, createsSchema: false) }
        }
    }

    /// One file per chat and filename.
    static let plainFiles = SystemKind(name: "plain-files") { folder in
        { PlainFilesSystem(root: folder + "/files") }
    }
}

// MARK: The store

final class StoreSystem: ChatFileSystem {
    let store: ChatFileStore

    init(store: ChatFileStore) {
        self.store = store
    }

    static func fileWrite(_ file: CorpusFile) -> FileWrite {
        FileWrite(
            chatID: file.chatID, userID: file.userID, filename: file.filename, content: .bytes(file.content),
            metadata: file.metadata)
    }

    func write(batch files: ArraySlice<CorpusFile>) throws {
        try store.write(batch: files.map(Self.fileWrite))
    }

    func write(_ file: CorpusFile) throws {
        try store.write(Self.fileWrite(file))
    }

    func read(_ file: CorpusFile) throws -> [UInt8] {
        try store.read(chatID: file.chatID, filename: file.filename)
    }

    func list(chatID: String) throws -> Int {
        try store.files(inChat: chatID).count
    }

    func delete(_ file: CorpusFile) throws {
        try store.delete(chatID: file.chatID, filename: file.filename)
    }
}

// MARK: Content inline in SQLite

/// The `chat_files` table with a `content` column, upserted with reused prepared statements.
///
/// `wal: false` keeps SQLite's defaults (rollback journal); both modes set `synchronous = FULL`.
final class InlineSystem: ChatFileSystem {
    let database: SQLiteDatabase
    private let upsert: SQLiteStatement
    private let select: SQLiteStatement
    private let listing: SQLiteStatement
    private let remove: SQLiteStatement

    static let schema = """
        CREATE TABLE IF NOT EXISTS chat_files (
            id TEXT PRIMARY KEY NOT NULL,
            chat_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            filename TEXT NOT NULL,
            file_type TEXT NOT NULL,
            content BLOB NOT NULL,
            size INTEGER NOT NULL,
            description TEXT,
            metadata TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (chat_id, filename)
        )
        """

    init(path: String, wal: Bool, createsSchema: Bool) throws {
        database = try SQLiteDatabase(path: path)
        if wal {
            try database.execute("PRAGMA journal_mode = WAL")
        }
        try database.execute("PRAGMA synchronous = FULL")
        if createsSchema {
            try database.execute(Self.schema)
        }
        upsert = try database.prepare(
            """
            INSERT INTO chat_files (id, chat_id, user_id, filename, file_type, content, size, description,
                metadata, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?9, ?9)
            ON CONFLICT (chat_id, filename) DO UPDATE SET user_id = excluded.user_id,
                file_type = excluded.file_type, content = excluded.content, size = excluded.size,
                description = excluded.description, metadata = excluded.metadata, updated_at = excluded.updated_at
            """)
        select = try database.prepare("SELECT content FROM chat_files WHERE chat_id = ? AND filename = ?")
        listing = try database.prepare(
            """
            SELECT id, chat_id, user_id, filename, file_type, size, description, metadata, created_at, updated_at
            FROM chat_files WHERE chat_id = ? ORDER BY filename
            """)
        remove = try database.prepare("DELETE FROM chat_files WHERE chat_id = ? AND filename = ?")
    }

    static func fileType(_ kind: ContentKind) -> String {
        kind == .binary ? "other" : kind.rawValue
    }

    static func microsecondsNow() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1_000_000)
    }

    private func upsert(_ file: CorpusFile) throws {
        defer { upsert.reset() }
        upsert.bind(1, UUID().uuidString.lowercased())
        upsert.bind(2, file.chatID)
        upsert.bind(3, file.userID)
        upsert.bind(4, file.filename)
        upsert.bind(5, Self.fileType(file.kind))
        upsert.bind(6, file.content)
        upsert.bind(7, file.size)
        upsert.bind(8, file.metadata)
        upsert.bind(9, Self.microsecondsNow())
        try upsert.step()
    }

    func write(batch files: ArraySlice<CorpusFile>) throws {
        try database.execute("BEGIN IMMEDIATE")
        do {
            for file in files {
                try upsert(file)
            }
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    func write(_ file: CorpusFile) throws {
        try upsert(file)
    }

    func read(_ file: CorpusFile) throws -> [UInt8] {
        defer { select.reset() }
        select.bind(1, file.chatID)
        select.bind(2, file.filename)
        guard try select.step() else { throw BenchmarkError("inline: no row for \(file.chatID)/\(file.filename)") }
        return select.blob(0)
    }

    /// A listed row, decoded like the store decodes its rows.
    struct Row {
        let id: String?
        let chatID: String?
        let userID: String?
        let filename: String?
        let fileType: String?
        let size: Int64
        let description: String?
        let metadata: String?
        let createdAt: Date
        let updatedAt: Date
    }

    func list(chatID: String) throws -> Int {
        defer { listing.reset() }
        listing.bind(1, chatID)
        var rows: [Row] = []
        while try listing.step() {
            rows.append(
                Row(
                    id: listing.text(0), chatID: listing.text(1), userID: listing.text(2), filename: listing.text(3),
                    fileType: listing.text(4), size: listing.int64(5), description: listing.text(6),
                    metadata: listing.text(7), createdAt: Date(timeIntervalSince1970: Double(listing.int64(8)) / 1e6),
                    updatedAt: Date(timeIntervalSince1970: Double(listing.int64(9)) / 1e6)))
        }
        return rows.count
    }

    func delete(_ file: CorpusFile) throws {
        defer { remove.reset() }
        remove.bind(1, file.chatID)
        remove.bind(2, file.filename)
        try remove.step()
    }
}

// MARK: Plain files

/// One file per chat and filename under `root/<chat>/<filename>`, replaced atomically by writing a
/// temporary file, fsyncing it and renaming it over the old one. No index, no deduplication, no
/// compression, and the folder is not fsynced after the rename.
final class PlainFilesSystem: ChatFileSystem {
    let root: String
    private let fileSystem = FileSystem.live
    private var createdFolders: Set<String> = []

    init(root: String) {
        self.root = root
    }

    func path(_ file: CorpusFile) -> String {
        root + "/" + file.chatID + "/" + file.filename
    }

    private func makeFolders(for path: String) throws {
        var folder = (path as NSString).deletingLastPathComponent
        var missing: [String] = []
        while !createdFolders.contains(folder), folder.count > 1 {
            missing.append(folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() {
            try fileSystem.makeDirectory(folder, permissions: 0o700)
            createdFolders.insert(folder)
        }
    }

    func write(batch files: ArraySlice<CorpusFile>) throws {
        for file in files {
            try write(file)
        }
    }

    func write(_ file: CorpusFile) throws {
        let target = path(file)
        try makeFolders(for: target)
        let temporary = target + ".\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = try fileSystem.createExclusively(temporary, permissions: 0o600)
        do {
            try file.content.withUnsafeBytes { try fileSystem.write(descriptor, $0) }
            try fileSystem.fsync(descriptor)
        } catch {
            fileSystem.closeIgnoringErrors(descriptor)
            throw error
        }
        try fileSystem.close(descriptor)
        try fileSystem.rename(temporary, to: target)
    }

    func read(_ file: CorpusFile) throws -> [UInt8] {
        let descriptor = try fileSystem.openForReading(path(file))
        defer { fileSystem.closeIgnoringErrors(descriptor) }
        guard let status = try fileSystem.status(descriptor.path) else { return [] }
        var content = [UInt8](repeating: 0, count: Int(status.size))
        let count = try content.withUnsafeMutableBytes { try fileSystem.readFully(descriptor, into: $0) }
        content.removeLast(content.count - count)
        return content
    }

    func list(chatID: String) throws -> Int {
        var pending = [root + "/" + chatID]
        var count = 0
        while let folder = pending.popLast() {
            for name in try fileSystem.contentsOfDirectory(folder) {
                guard let status = try fileSystem.linkStatus(folder + "/" + name) else { continue }
                if status.isDirectory {
                    pending.append(folder + "/" + name)
                } else {
                    count += 1
                }
            }
        }
        return count
    }

    func delete(_ file: CorpusFile) throws {
        try fileSystem.unlink(path(file))
    }
}

// MARK: Footprint on disk

/// What a folder takes on disk.
struct Footprint: Codable {
    /// The sum of file sizes.
    var bytes: Int64 = 0
    /// The sum of allocated blocks, as `du` counts them: small files take at least one block.
    var allocatedBytes: Int64 = 0
    var files = 0

    /// Measures every regular file under `folder`, without following symbolic links.
    init(folder: String) {
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names {
                let path = current + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(path)
                case S_IFREG:
                    bytes += Int64(info.st_size)
                    allocatedBytes += Int64(info.st_blocks) * 512
                    files += 1
                default:
                    break
                }
            }
        }
    }
}
