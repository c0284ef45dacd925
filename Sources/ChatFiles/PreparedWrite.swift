/// A validated write whose content has been hashed, and compressed when it was new.
struct PreparedWrite {
    let request: ValidatedWrite
    let digest: SHA256Digest
    /// The length of the uncompressed content.
    let size: Int64
    /// The content, when it came from memory, kept to publish the blob again if a concurrent
    /// collection removes it before the index transaction.
    let bytes: [UInt8]?
    /// The temporary file, kept until the transaction ends for the same reason.
    var staged: StagedBlob?
    /// `true` when this write linked the blob file into `objects/`.
    var isPublishedHere = false

    init(request: ValidatedWrite, digest: SHA256Digest, size: Int64, bytes: [UInt8]?) {
        self.request = request
        self.digest = digest
        self.size = size
        self.bytes = bytes
    }
}
