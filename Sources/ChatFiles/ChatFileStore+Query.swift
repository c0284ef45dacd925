extension ChatFileStore {
    static let fileColumns =
        "id, chat_id, user_id, filename, file_type, blob, size_bytes, description, metadata, created_at, updated_at"

    static func decodeFile(_ row: Statement) -> ChatFile {
        ChatFile(
            id: row.text(0), chatID: row.text(1), userID: row.text(2), filename: row.text(3),
            fileType: FileType(validRawValue: row.text(4)), blob: row.digest(5), size: row.int64(6),
            description: row.optionalText(7), metadata: row.optionalText(8),
            createdAt: Timestamp.date(row.int64(9)), updatedAt: Timestamp.date(row.int64(10)))
    }

    /// Returns a file's row, or `nil` when the chat has no such file.
    ///
    /// - Parameters:
    ///   - userID: When given, a file of a chat owned by another user is reported as absent.
    /// - Throws: ``ChatFilesError`` for an invalid chat id, user id or filename.
    public func file(chatID: String, filename: String, userID: String? = nil) throws -> ChatFile? {
        let chatID = try validateID(chatID, kind: "chat id")
        let name = try FileName(filename)
        let userID = try userID.map { try validateID($0, kind: "user id") }
        return try withReader { connection in
            try connection.queryFirst(
                "SELECT \(Self.fileColumns) FROM chat_files WHERE chat_id = ? AND filename = ? AND (?3 IS NULL OR user_id = ?3)",
                [.text(chatID), .text(name.value), userID.map(SQLiteValue.text) ?? .null],
                Self.decodeFile)
        }
    }

    /// Returns a chat's files ordered by filename; an unknown chat has none.
    ///
    /// - Parameter userID: When given, only files of that user's chat are returned.
    public func files(inChat chatID: String, userID: String? = nil) throws -> [ChatFile] {
        let chatID = try validateID(chatID, kind: "chat id")
        let userID = try userID.map { try validateID($0, kind: "user id") }
        return try withReader { connection in
            try connection.query(
                "SELECT \(Self.fileColumns) FROM chat_files WHERE chat_id = ? AND (?2 IS NULL OR user_id = ?2) ORDER BY filename",
                [.text(chatID), userID.map(SQLiteValue.text) ?? .null],
                Self.decodeFile)
        }
    }

    /// Returns a user's chats with their file counts and sizes, most recently updated first.
    public func chats(ofUser userID: String) throws -> [ChatSummary] {
        let userID = try validateID(userID, kind: "user id")
        return try withReader { connection in
            try connection.query(
                """
                SELECT chat_id, count(*), sum(size_bytes), max(updated_at) FROM chat_files
                WHERE user_id = ? GROUP BY chat_id ORDER BY max(updated_at) DESC, chat_id
                """,
                [.text(userID)]
            ) { row in
                ChatSummary(
                    chatID: row.text(0), fileCount: Int(row.int64(1)), totalSize: row.int64(2),
                    lastUpdatedAt: Timestamp.date(row.int64(3)))
            }
        }
    }

    /// Returns every chat in the store with its owner, file count and size, ordered by chat id.
    public func allChats() throws -> [(userID: String, summary: ChatSummary)] {
        try withReader { connection in
            try connection.query(
                """
                SELECT chat_id, min(user_id), count(*), sum(size_bytes), max(updated_at) FROM chat_files
                GROUP BY chat_id ORDER BY chat_id
                """
            ) { row in
                (
                    userID: row.text(1),
                    summary: ChatSummary(
                        chatID: row.text(0), fileCount: Int(row.int64(2)), totalSize: row.int64(3),
                        lastUpdatedAt: Timestamp.date(row.int64(4)))
                )
            }
        }
    }
}
