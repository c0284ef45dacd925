/// The index schema as numbered, forward-only migrations, tracked in `PRAGMA user_version`.
///
/// Migration N moves a database from version N-1 to N. A released migration never changes; a schema
/// change is a new migration appended to ``migrations``. A program rejects a database whose
/// version is newer than its last migration, because it could not keep that schema's rules.
enum Schema {
    struct Migration {
        let version: Int
        let sql: String
    }

    /// `chat_files` is clustered by `(chat_id, filename)` (a `WITHOUT ROWID` table), so listing a chat
    /// reads one contiguous range of the table in filename order instead of looking each row up by rowid.
    static let migrations: [Migration] = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE blobs (
                    hash BLOB PRIMARY KEY CHECK (length(hash) = 32),
                    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
                    stored_bytes INTEGER NOT NULL CHECK (stored_bytes >= 0),
                    created_at INTEGER NOT NULL,
                    unreferenced_since INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX blobs_by_unreferenced_since ON blobs (unreferenced_since)
                    WHERE unreferenced_since IS NOT NULL;

                CREATE TABLE chat_files (
                    chat_id TEXT NOT NULL,
                    filename TEXT NOT NULL,
                    id TEXT NOT NULL UNIQUE,
                    user_id TEXT NOT NULL,
                    file_type TEXT NOT NULL,
                    blob BLOB NOT NULL REFERENCES blobs (hash),
                    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
                    description TEXT,
                    metadata TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (chat_id, filename)
                ) WITHOUT ROWID;
                CREATE INDEX chat_files_by_blob ON chat_files (blob);
                CREATE INDEX chat_files_by_user ON chat_files (user_id, chat_id);
                """
        )
    ]

    /// The version this program writes: the number of the last migration.
    static var currentVersion: Int { migrations.last!.version }

    /// Brings the database up to ``currentVersion``, or throws if it is newer.
    ///
    /// Runs in one write transaction, so concurrent openers apply each migration exactly once and a
    /// crash leaves the previous version intact.
    static func migrate(_ connection: Connection) throws {
        try connection.writeTransaction {
            let version = try userVersion(connection)
            guard version <= currentVersion else {
                throw ChatFilesError(
                    .schemaTooNew,
                    "the index '\(connection.path)' has schema version \(version), but this program "
                        + "supports versions up to \(currentVersion); upgrade ChatFiles to open this store")
            }
            for migration in migrations where migration.version > version {
                try connection.execute(migration.sql)
                try connection.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    /// Reads `PRAGMA user_version`.
    static func userVersion(_ connection: Connection) throws -> Int {
        Int(try connection.queryFirst("PRAGMA user_version") { $0.int64(0) } ?? 0)
    }
}
