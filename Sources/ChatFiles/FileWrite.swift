/// One file to write with ``ChatFileStore/write(_:)`` or in a batch with ``ChatFileStore/write(batch:)``.
///
/// A write creates the file, or replaces an existing file with the same chat and filename: the new
/// content, type, description and metadata replace the old ones, while `id` and `createdAt` stay.
public struct FileWrite: Sendable {
    /// Where the content comes from.
    public enum Content: Sendable {
        /// Bytes in memory.
        case bytes([UInt8])
        /// A file read in chunks, for content of any size; a symbolic link is followed.
        case file(path: String)
        /// An open file descriptor read to its end in chunks; the caller keeps ownership and closes it.
        case fileDescriptor(Int32)
    }

    public var chatID: String
    public var userID: String
    /// A relative path such as `report.md` or `src/app/main.py`.
    public var filename: String
    public var content: Content
    /// The file type; `nil` infers it from the filename's extension.
    public var fileType: FileType?
    public var description: String?
    /// A JSON object as text, validated strictly.
    public var metadata: String?

    public init(
        chatID: String, userID: String, filename: String, content: Content, fileType: FileType? = nil,
        description: String? = nil, metadata: String? = nil
    ) {
        self.chatID = chatID
        self.userID = userID
        self.filename = filename
        self.content = content
        self.fileType = fileType
        self.description = description
        self.metadata = metadata
    }
}

/// A write whose every field passed validation; only these reach the blob store and the index.
struct ValidatedWrite {
    let chatID: String
    let userID: String
    let filename: FileName
    let content: FileWrite.Content
    let fileType: FileType
    let description: String?
    let metadata: String?

    init(_ request: FileWrite) throws {
        chatID = try validateID(request.chatID, kind: "chat id")
        userID = try validateID(request.userID, kind: "user id")
        filename = try FileName(request.filename)
        fileType = request.fileType ?? FileType.inferred(from: filename)
        description = try request.description.map { try validateDescription($0) }
        metadata = try request.metadata.map { try MetadataJSON.validate($0) }
        content = request.content
    }
}
