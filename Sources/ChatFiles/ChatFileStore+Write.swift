import Foundation

extension ChatFileStore {
    /// Writes (creates or replaces) one file.
    ///
    /// - Returns: The stored row.
    /// - Throws: ``ChatFilesError``: an `invalid…` code for bad input, which changes nothing;
    ///   ``ChatFilesError/Code/permissionDenied`` when the chat belongs to another user;
    ///   ``ChatFilesError/Code/outOfSpace`` or ``ChatFilesError/Code/io`` when the disk fails, after
    ///   which no row was written and no temporary file remains.
    @discardableResult
    public func write(_ file: FileWrite) throws -> ChatFile {
        try write(batch: [file])[0]
    }

    /// Writes bytes to a file, creating or replacing it.
    @discardableResult
    public func write(
        chatID: String, userID: String, filename: String, content: [UInt8], fileType: FileType? = nil,
        description: String? = nil, metadata: String? = nil
    ) throws -> ChatFile {
        try write(
            FileWrite(
                chatID: chatID, userID: userID, filename: filename, content: .bytes(content), fileType: fileType,
                description: description, metadata: metadata))
    }

    /// Writes a string's UTF-8 bytes to a file, creating or replacing it.
    @discardableResult
    public func write(
        chatID: String, userID: String, filename: String, text: String, fileType: FileType? = nil,
        description: String? = nil, metadata: String? = nil
    ) throws -> ChatFile {
        try write(
            chatID: chatID, userID: userID, filename: filename, content: Array(text.utf8), fileType: fileType,
            description: description, metadata: metadata)
    }

    /// Writes many files in one index transaction: the fast path for high volume.
    ///
    /// Every request is validated before anything is written, so one bad request rejects the whole
    /// batch unchanged. Content is hashed and compressed before the transaction; the transaction then
    /// commits all rows at once, or none. A filename repeated in the batch ends with its last content.
    ///
    /// - Returns: The stored rows, in the order of `files`.
    @discardableResult
    public func write(batch files: [FileWrite]) throws -> [ChatFile] {
        let requests = try files.map(ValidatedWrite.init)
        var prepared: [PreparedWrite] = []
        prepared.reserveCapacity(requests.count)
        defer {
            for item in prepared {
                if let staged = item.staged { blobs.discard(staged) }
            }
        }

        do {
            try prepareConcurrently(requests, into: &prepared)
            let now = Timestamp.now()
            do {
                return try withWriteTransaction { connection in
                    // The owner of each chat seen in this transaction, so a batch queries it once per chat.
                    var owners: [String: String] = [:]
                    return try prepared.indices.map { index in
                        try commit(&prepared[index], in: connection, now: now, owners: &owners)
                    }
                }
            } catch let error as SystemError {
                throw ChatFilesError(error, while: "committing " + Self.describe(requests))
            }
        } catch {
            removeUnreferencedFiles(of: prepared)
            throw ChatFilesError.wrapping(error)
        }
    }

    /// How many threads prepare the items of one batch at once: twice the cores, because each item
    /// also waits for two fsyncs, and waiting threads leave their core to the others.
    static let preparationThreads = min(16, 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// Prepares the requests on up to ``preparationThreads`` threads, the calling thread included, and
    /// appends the prepared items to `prepared` in request order.
    ///
    /// After a failure the threads take no new request, and `prepared` still receives every item that
    /// was prepared, so that the caller can remove their temporary and published files.
    ///
    /// - Throws: The error of the first failed request in request order.
    private func prepareConcurrently(_ requests: [ValidatedWrite], into prepared: inout [PreparedWrite]) throws {
        let threadCount = min(requests.count, Self.preparationThreads)
        guard threadCount > 1 else {
            for request in requests {
                prepared.append(try prepareNamingFile(request))
            }
            return
        }
        let work = PreparationWork(count: requests.count)
        let group = DispatchGroup()
        for _ in 1..<threadCount {
            group.enter()
            Thread { [self] in
                prepareItems(requests, work)
                group.leave()
            }.start()
        }
        prepareItems(requests, work)
        group.wait()

        var firstError: (any Error)?
        for result in work.results {
            switch result {
            case .success(let item): prepared.append(item)
            case .failure(let error): firstError = firstError ?? error
            case nil: break
            }
        }
        if let firstError {
            throw firstError
        }
    }

    private func prepareItems(_ requests: [ValidatedWrite], _ work: PreparationWork) {
        while let index = work.next() {
            do {
                work.finish(index, .success(try prepareNamingFile(requests[index])))
            } catch {
                work.finish(index, .failure(ChatFilesError.wrapping(error)))
            }
        }
    }

    /// Runs ``prepare(_:)`` and names the chat and file in a blob-store error, whose message names
    /// only the temporary file or the blob.
    private func prepareNamingFile(_ request: ValidatedWrite) throws -> PreparedWrite {
        do {
            return try prepare(request)
        } catch let error as BlobStoreError {
            throw ChatFilesError(error, chatID: request.chatID, filename: request.filename.value)
        }
    }

    /// Hashes the content and, when the blob is not stored yet, compresses and publishes it.
    ///
    /// Content in memory is hashed first, so that content already stored skips compression entirely.
    /// Streamed content is hashed and compressed in one pass into `tmp/`, because it can be read once.
    private func prepare(_ request: ValidatedWrite) throws -> PreparedWrite {
        switch request.content {
        case .bytes(let bytes):
            let digest = bytes.withUnsafeBytes { SHA256Hasher.hash($0) }
            var item = PreparedWrite(request: request, digest: digest, size: Int64(bytes.count), bytes: bytes)
            if try !isStored(digest) {
                try checkFreeSpace(needed: Int64(bytes.count), for: request)
                try stageAndPublish(&item)
            }
            return item

        case .file(let path):
            let file: FileDescriptor
            do {
                file = try blobs.fileSystem.openForReading(path, followingLinks: true)
            } catch {
                throw ChatFilesError(
                    error, while: "opening '\(path)' to write it as '\(request.filename)' in chat '\(request.chatID)'")
            }
            defer { blobs.fileSystem.closeIgnoringErrors(file) }
            return try prepareStream(request, from: file)

        case .fileDescriptor(let raw):
            return try prepareStream(request, from: FileDescriptor(rawValue: raw, path: "file descriptor \(raw)"))
        }
    }

    private func prepareStream(_ request: ValidatedWrite, from file: FileDescriptor) throws -> PreparedWrite {
        let fileSystem = blobs.fileSystem
        try checkFreeSpace(needed: 0, for: request)
        var sinceCheck = 0
        let staged = try withCodec { codec in
            try blobs.stage(codec: codec) { buffer in
                let count = try fileSystem.read(file, into: buffer)
                sinceCheck += count
                if sinceCheck >= Self.freeSpaceCheckInterval {
                    sinceCheck = 0
                    try checkFreeSpace(needed: 0, for: request)
                }
                return count
            }
        }
        var item = PreparedWrite(request: request, digest: staged.digest, size: staged.size, bytes: nil)
        item.staged = staged
        if try !isStored(staged.digest) {
            try publish(&item)
        }
        return item
    }

    /// Returns `true` when the index has a row for the blob, so that its content need not be compressed.
    private func isStored(_ digest: SHA256Digest) throws -> Bool {
        // Only the index is asked here. The file itself is checked once, under the write lock, where a
        // missing or damaged file is replaced from this write's content (see ensureBlobFile).
        try withReader { connection in
            try connection.queryFirst("SELECT 1 FROM blobs WHERE hash = ?", [.blob(digest.bytes)]) { _ in true }
        } ?? false
    }

    private func stageAndPublish(_ item: inout PreparedWrite) throws {
        guard let bytes = item.bytes else {
            preconditionFailure("streamed content is always staged before it is published")
        }
        let staged = try withCodec { codec in
            try bytes.withUnsafeBytes { try blobs.stage($0, codec: codec) }
        }
        // The hash of the bytes fed to the compressor must match the name chosen before compressing.
        precondition(staged.digest == item.digest, "content changed while it was being compressed")
        item.staged = staged
        try publish(&item)
    }

    private func publish(_ item: inout PreparedWrite) throws {
        guard let staged = item.staged else { return }
        // A name that was already taken belongs to another write, which may have died before syncing
        // it, so ensureBlobFile replaces that file with this write's synced copy.
        item.isPublishedHere = try blobs.publish(staged)
    }

    /// How many bytes a streamed write reads between two checks of the free-space floor.
    static let freeSpaceCheckInterval = 16 << 20

    /// Throws ``ChatFilesError/Code/outOfSpace`` when writing `needed` more bytes would leave less
    /// than ``StoreOptions/minimumFreeBytes`` free.
    private func checkFreeSpace(needed: Int64, for request: ValidatedWrite) throws {
        guard options.minimumFreeBytes > 0 else { return }
        let space: FileSystemSpace
        do {
            space = try blobs.fileSystem.space(at: blobs.temporaryPath)
        } catch {
            throw ChatFilesError(error, while: "checking free space for '\(request.filename)'")
        }
        if space.availableBytes - needed < options.minimumFreeBytes {
            throw ChatFilesError(
                .outOfSpace,
                "not enough free space to write '\(request.filename)' in chat '\(request.chatID)': "
                    + "\(Self.megabytes(space.availableBytes)) available on the store's file system, and the store keeps "
                    + "\(Self.megabytes(options.minimumFreeBytes)) free (minimumFreeBytes); free up space, "
                    + "delete files and collect garbage, or lower the floor")
        }
    }

    /// Names the files of a write for an error message: up to 5, then the number of the others.
    static func describe(_ requests: [ValidatedWrite]) -> String {
        let names = requests.prefix(5).map { "'\($0.filename)' in chat '\($0.chatID)'" }
        let more = requests.count > 5 ? " and \(requests.count - 5) more files" : ""
        return names.joined(separator: ", ") + more
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
