import Foundation

/// One file of a chat: a `chat_files` row, without its content.
public struct ChatFile: Sendable, Hashable, Identifiable {
    /// A UUIDv7 in text form: unguessable, ordered by creation time, and kept across updates.
    public let id: String
    /// The chat the file belongs to.
    public let chatID: String
    /// The user who owns the chat.
    public let userID: String
    /// The NFC-normalised relative path, unique within the chat.
    public let filename: String
    /// The kind of content, inferred from the extension unless given explicitly.
    public let fileType: FileType
    /// The SHA-256 of the content: the name of the blob that holds it.
    public let blob: SHA256Digest
    /// The length of the uncompressed content in bytes.
    public let size: Int64
    /// Free text supplied by the writer.
    public let description: String?
    /// A JSON object supplied by the writer, stored as the text it was given.
    public let metadata: String?
    /// When the file was first written; an update keeps it.
    public let createdAt: Date
    /// When the file was last written; each update moves it forward.
    public let updatedAt: Date
}

/// One chat of a user, as listed by ``ChatFileStore/chats(ofUser:)``.
public struct ChatSummary: Sendable, Hashable {
    /// The chat's id.
    public let chatID: String
    /// How many files the chat has.
    public let fileCount: Int
    /// The sum of the files' uncompressed sizes.
    public let totalSize: Int64
    /// The latest `updatedAt` of the chat's files.
    public let lastUpdatedAt: Date
}

/// Times in the index are integer microseconds since 1970-01-01 UTC.
enum Timestamp {
    static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(_ microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
