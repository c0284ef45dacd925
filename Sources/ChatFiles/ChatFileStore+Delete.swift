extension ChatFileStore {
    /// Deletes one file. Its blob is marked unreferenced if no other file uses it, and garbage
    /// collection removes it after the grace period.
    ///
    /// - Parameter userID: When given, a file of another user's chat is not found.
    /// - Returns: The deleted row.
    /// - Throws: ``ChatFilesError`` with ``ChatFilesError/Code/fileNotFound`` when there is no such file.
    @discardableResult
    public func delete(chatID: String, filename: String, userID: String? = nil) throws -> ChatFile {
        let chatID = try validateID(chatID, kind: "chat id")
        let name = try FileName(filename)
        let userID = try userID.map { try validateID($0, kind: "user id") }
        do {
            return try withWriteTransaction(usingReserve: true) { connection in
                let deleted = try connection.query(
                    """
                    DELETE FROM chat_files WHERE chat_id = ? AND filename = ? AND (?3 IS NULL OR user_id = ?3)
                    RETURNING \(Self.fileColumns)
                    """,
                    [.text(chatID), .text(name.value), userID.map(SQLiteValue.text) ?? .null],
                    Self.decodeFile)
                guard let file = deleted.first else {
                    throw ChatFilesError(.fileNotFound, "file '\(name)' not found in chat '\(chatID)'")
                }
                try markIfUnreferenced(file.blob, in: connection, now: Timestamp.now())
                return file
            }
        } catch let error as SystemError {
            throw ChatFilesError(error, while: "deleting '\(name)' in chat '\(chatID)'")
        } catch {
            throw ChatFilesError.wrapping(error)
        }
    }

    /// Deletes every file of a chat in one transaction.
    ///
    /// - Returns: The deleted rows, ordered by filename; empty when the chat had no files.
    @discardableResult
    public func deleteChat(chatID: String, userID: String? = nil) throws -> [ChatFile] {
        let chatID = try validateID(chatID, kind: "chat id")
        let userID = try userID.map { try validateID($0, kind: "user id") }
        do {
            return try withWriteTransaction(usingReserve: true) { connection in
                let deleted = try connection.query(
                    "DELETE FROM chat_files WHERE chat_id = ? AND (?2 IS NULL OR user_id = ?2) RETURNING \(Self.fileColumns)",
                    [.text(chatID), userID.map(SQLiteValue.text) ?? .null],
                    Self.decodeFile)
                let now = Timestamp.now()
                for digest in Set(deleted.map(\.blob)) {
                    try markIfUnreferenced(digest, in: connection, now: now)
                }
                return deleted.sorted { $0.filename < $1.filename }
            }
        } catch let error as SystemError {
            throw ChatFilesError(error, while: "deleting the files of chat '\(chatID)'")
        } catch {
            throw ChatFilesError.wrapping(error)
        }
    }
}
