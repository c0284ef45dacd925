/// The size limits that ChatFiles enforces on ids, metadata and descriptions.
///
/// Input over a limit is rejected with an `invalid…` error and never stored. The limits of filenames
/// are ``FileName/maxSegmentByteCount`` and ``FileName/maxByteCount``.
public enum ChatFilesLimits {
    /// The maximum length of a chat id or user id, in UTF-8 bytes.
    ///
    /// Any UUID, ULID or hex-encoded SHA-256 fits in 255 bytes with room to spare, and the limit keeps
    /// index keys small.
    public static let maxIDByteCount = 255

    /// The maximum length of a file's metadata JSON text, in UTF-8 bytes (64 KiB).
    ///
    /// Metadata is meant for short facts about a file, such as its source or the model that wrote it.
    /// Content belongs in the file itself.
    public static let maxMetadataByteCount = 64 * 1024

    /// The maximum nesting depth of metadata JSON, where the top-level object is depth 1.
    ///
    /// The validator recurses once per level, so the limit also bounds its stack use.
    public static let maxMetadataDepth = 64

    /// The maximum length of a file's description, in UTF-8 bytes (16 KiB).
    public static let maxDescriptionByteCount = 16 * 1024
}
