import ChatFiles

/// Collects the files of an import into batches and writes each batch with one
/// ``ChatFileStore/write(batch:)`` call, so that thousands of small files share few index transactions.
///
/// Memory stays bounded. A batch contains at most ``maxBatchFiles`` files and about ``maxBatchBytes``
/// bytes, and at most ``ConcurrentBatchWriter/maxConcurrentBatches`` batches are written while the next
/// one is collected. Files larger than ``streamingThreshold`` are not read into memory but streamed from
/// an open descriptor. Small files are read into memory because the store hashes bytes in memory before
/// it compresses them, so content that is already stored skips compression.
final class ImportBatcher {
    static let maxBatchFiles = 256
    static let maxBatchBytes: Int64 = 32 << 20
    static let streamingThreshold: Int64 = 8 << 20

    private let writer: ConcurrentBatchWriter
    private let chatID: String
    private let userID: String
    private let fileSystem = FileSystem.live

    private var writes: [FileWrite] = []
    private var batchBytes: Int64 = 0
    private var openDescriptors: [FileDescriptor] = []

    /// The files and bytes of the batches that committed so far.
    var written: (files: Int, bytes: Int64) {
        writer.written
    }

    init(store: ChatFileStore, chatID: String, userID: String) {
        self.writer = ConcurrentBatchWriter(store: store)
        self.chatID = chatID
        self.userID = userID
    }

    deinit {
        closeDescriptors()
    }

    /// Writes the current batch when adding a file of `size` bytes would exceed a batch limit.
    func flushIfFull(adding size: Int64) throws {
        if writes.count >= Self.maxBatchFiles || batchBytes + size > Self.maxBatchBytes {
            try flush()
        }
    }

    /// Adds a regular file to the current batch without writing anything.
    ///
    /// - Throws: ``SystemError`` when the file cannot be opened or read. The batch is then unchanged,
    ///   so the caller can skip the file and continue.
    func add(path: String, name: String, size: Int64) throws {
        // O_NOFOLLOW: the walk saw a regular file, and a link swapped in since then is not followed.
        let descriptor = try fileSystem.openForReading(path, followingLinks: false)
        let content: FileWrite.Content
        if size > Self.streamingThreshold {
            openDescriptors.append(descriptor)
            content = .fileDescriptor(descriptor.rawValue)
            batchBytes += size
        } else {
            defer { fileSystem.closeIgnoringErrors(descriptor) }
            let bytes = try readAll(descriptor, expectedSize: size)
            content = .bytes(bytes)
            batchBytes += Int64(bytes.count)
        }
        writes.append(FileWrite(chatID: chatID, userID: userID, filename: name, content: content))
    }

    /// Hands the current batch, if any, to the writer, which writes it in one transaction.
    ///
    /// - Throws: The error of an earlier batch.
    func flush() throws {
        guard !writes.isEmpty else { return }
        let batch = writes
        let descriptors = openDescriptors
        writes = []
        openDescriptors = []
        defer { batchBytes = 0 }
        try writer.submit(batch, bytes: batchBytes, descriptors: descriptors)
    }

    /// Drops the batch being collected and waits for the batches being written, after an error that
    /// ends the import, so that the process does not exit in the middle of a write.
    func abandon() {
        closeDescriptors()
        writes = []
        batchBytes = 0
        writer.waitUntilIdle()
    }

    /// Writes the last batch and waits until every batch has ended.
    ///
    /// - Throws: The first error of any batch.
    func finish() throws {
        try flush()
        try writer.finish()
    }

    private func readAll(_ descriptor: FileDescriptor, expectedSize: Int64) throws -> [UInt8] {
        // One byte more than expected, so that a file that grew since the walk is still read to its end.
        var bytes = [UInt8](repeating: 0, count: Int(expectedSize) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                bytes += [UInt8](repeating: 0, count: max(bytes.count, 4096))
            }
            let offset = count
            let read = try bytes.withUnsafeMutableBytes { buffer in
                try fileSystem.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]))
            }
            if read == 0 { break }
            count += read
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private func closeDescriptors() {
        for descriptor in openDescriptors {
            fileSystem.closeIgnoringErrors(descriptor)
        }
        openDescriptors = []
    }
}
