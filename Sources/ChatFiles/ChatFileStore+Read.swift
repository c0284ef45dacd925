extension ChatFileStore {
    /// Reads a file's whole content, verified against its SHA-256 and recorded size.
    ///
    /// - Throws: ``ChatFilesError`` with ``ChatFilesError/Code/fileNotFound`` when the chat has no such
    ///   file (or it belongs to another user than `userID`), ``ChatFilesError/Code/corruptBlob`` or
    ///   ``ChatFilesError/Code/missingBlob`` naming the chat, filename and blob when the stored content
    ///   is damaged. A read never returns bytes that fail the check.
    public func read(chatID: String, filename: String, userID: String? = nil) throws -> [UInt8] {
        var content: [UInt8] = []
        _ = try readVerified(chatID: chatID, filename: filename, userID: userID) { file in
            content = []
            content.reserveCapacity(Int(file.size))
        } sink: { chunk in
            content.append(contentsOf: chunk)
        }
        return content
    }

    /// Reads a file's content as UTF-8 text, verified; invalid UTF-8 sequences become U+FFFD.
    public func readText(chatID: String, filename: String, userID: String? = nil) throws -> String {
        String(decoding: try read(chatID: chatID, filename: filename, userID: userID), as: UTF8.self)
    }

    /// Streams a file's content to an open file descriptor in 64 KiB chunks, for files of any size.
    ///
    /// The bytes reach the descriptor before the final SHA-256 check, so when this throws
    /// ``ChatFilesError/Code/corruptBlob`` the caller must discard what was written. To never expose
    /// unverified bytes, use ``read(chatID:filename:toFile:userID:)``.
    ///
    /// - Returns: The file's row.
    @discardableResult
    public func read(chatID: String, filename: String, to fileDescriptor: Int32, userID: String? = nil) throws
        -> ChatFile
    {
        let output = FileDescriptor(rawValue: fileDescriptor, path: "file descriptor \(fileDescriptor)")
        let fileSystem = blobs.fileSystem
        return try readVerified(chatID: chatID, filename: filename, userID: userID) { _ in
        } sink: { chunk in
            try fileSystem.write(output, chunk)
        }
    }

    /// Copies a file's content to `path`, which appears only once the content is complete and verified.
    ///
    /// The content goes to a new temporary file beside `path` that is renamed over `path` after the
    /// check, so a reader of `path` never reads partial or corrupt content.
    @discardableResult
    public func read(chatID: String, filename: String, toFile path: String, userID: String? = nil) throws
        -> ChatFile
    {
        let fileSystem = blobs.fileSystem
        let temporary = path + ".chatfiles-\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp"
        let output: FileDescriptor
        do {
            output = try fileSystem.createExclusively(temporary, permissions: 0o644)
        } catch  where error.isNotFound {
            throw ChatFilesError(
                .io, "cannot write '\(path)': its folder does not exist; create the folder or choose another path",
                underlying: error)
        } catch {
            throw ChatFilesError(error, while: "creating a temporary file beside '\(path)'")
        }
        do {
            let file = try read(chatID: chatID, filename: filename, to: output.rawValue, userID: userID)
            if options.durability == .full {
                try fileSystem.fsync(output)
            }
            try fileSystem.close(output)
            try fileSystem.rename(temporary, to: path)
            return file
        } catch {
            fileSystem.closeIgnoringErrors(output)
            try? fileSystem.unlink(temporary)
            if let error = error as? SystemError {
                throw ChatFilesError(error, while: "writing '\(path)'")
            }
            throw error
        }
    }

    /// Looks the row up and streams its blob, verified, retrying when a concurrent update and
    /// collection removed the blob between the lookup and the open.
    private func readVerified(
        chatID: String, filename: String, userID: String?,
        start: (ChatFile) throws -> Void, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> ChatFile {
        var attempt = 0
        while true {
            attempt += 1
            guard let file = try file(chatID: chatID, filename: filename, userID: userID) else {
                throw ChatFilesError(.fileNotFound, "file '\(filename)' not found in chat '\(chatID)'")
            }
            do {
                try start(file)
                try withCodec { codec in
                    try blobs.read(file.blob, expectedSize: file.size, codec: codec, sink: sink)
                }
                return file
            } catch let error as BlobStoreError {
                if error.code == .missingBlob, attempt < 3,
                    let current = try self.file(chatID: chatID, filename: filename, userID: userID),
                    current.blob != file.blob
                {
                    continue
                }
                if error.code == .corruptBlob, let identity = error.fileIdentity {
                    setAside(file.blob, identity: identity)
                }
                throw ChatFilesError(error, chatID: file.chatID, filename: file.filename)
            } catch let error as SystemError {
                throw ChatFilesError(error, while: "writing file '\(filename)' of chat '\(chatID)'")
            }
        }
    }

    /// Moves a blob file that a read found corrupt out of `objects/`, so that the next write of the
    /// same content publishes a sound copy. Failures are ignored, because the read already reports
    /// the corruption.
    private func setAside(_ digest: SHA256Digest, identity: FileIdentity) {
        _ = try? withWriteTransaction { _ in
            try blobs.quarantine(digest, ifStill: identity)
        }
    }
}
