/// A blob written to a temporary file in `tmp/`, fsynced, and not yet visible under `objects/`.
public struct StagedBlob: Sendable, Equatable {
    /// The SHA-256 of the bytes that were fed to the compressor.
    public let digest: SHA256Digest
    /// The length of the uncompressed content.
    public let size: Int64
    /// The length of the zlib stream in the temporary file.
    public let storedSize: Int64
    /// The temporary file, `tmp/<pid>-<random>.tmp`.
    public let temporaryPath: String
}

extension BlobDirectory {
    /// Hashes and compresses `content` into a new temporary file.
    public func stage(_ content: UnsafeRawBufferPointer, codec: BlobCodec) throws -> StagedBlob {
        var offset = 0
        return try stage(codec: codec) { buffer in
            let count = min(buffer.count, content.count - offset)
            if count > 0 {
                buffer.baseAddress!.copyMemory(from: content.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }
    }

    /// Streams content from `readChunk` into a new temporary file, hashing and compressing it on the way.
    ///
    /// Memory stays flat whatever the content's size: one read buffer and zlib's output buffer.
    ///
    /// - Parameter readChunk: Fills the buffer it is given and returns how many bytes it wrote; 0 ends
    ///   the content.
    /// - Returns: The staged blob. The caller publishes it with ``publish(_:)`` and then, once the index
    ///   references it, removes the temporary file with ``discard(_:)``.
    /// - Throws: ``BlobStoreError`` for a failed write or fsync, after removing the temporary file; any
    ///   error `readChunk` throws, likewise.
    public func stage<E: Error>(
        codec: BlobCodec, readChunk: (UnsafeMutableRawBufferPointer) throws(E) -> Int
    ) throws -> StagedBlob {
        let path =
            temporaryPath + "/\(FileSystem.processID)-\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp"
        let file: FileDescriptor
        do {
            // O_EXCL | O_NOFOLLOW: the name is new, so a planted file or symbolic link makes this fail.
            file = try fileSystem.createExclusively(path, permissions: Self.blobPermissions)
        } catch {
            throw BlobStoreError(error, while: "creating a temporary blob file")
        }

        var isOpen = true
        do {
            let staged = try fill(file, codec: codec, readChunk: readChunk)
            // Linux releases the descriptor even when close fails, so it must not be closed twice.
            isOpen = false
            try fileSystem.close(file)
            return staged
        } catch {
            // No other writer uses this name, so removing it here leaves no trace of the failed write.
            if isOpen {
                fileSystem.closeIgnoringErrors(file)
            }
            try? fileSystem.unlink(path)
            if let error = error as? SystemError {
                throw BlobStoreError(error, while: "writing a temporary blob file")
            }
            throw error
        }
    }

    private func fill<E: Error>(
        _ file: FileDescriptor, codec: BlobCodec, readChunk: (UnsafeMutableRawBufferPointer) throws(E) -> Int
    ) throws -> StagedBlob {
        let hasher = codec.hasher
        let deflater = codec.deflater
        hasher.reset()
        try deflater.reset()
        let writeOutput = { (chunk: UnsafeRawBufferPointer) throws(SystemError) in
            try fileSystem.write(file, chunk)
        }

        var size: Int64 = 0
        while true {
            let count = try readChunk(codec.readBuffer)
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: codec.readBuffer[0..<count])
            hasher.update(chunk)
            try deflater.compress(chunk, sink: writeOutput)
            size += Int64(count)
        }
        try deflater.finish(sink: writeOutput)

        // The data must reach the disk before the name that publishes it; see publish(_:).
        if durability == .full {
            try fileSystem.fsync(file)
        }
        return StagedBlob(
            digest: hasher.finalize(), size: size, storedSize: Int64(deflater.totalOut), temporaryPath: file.path)
    }

    /// Makes a staged blob visible at `objects/ab/cdef…`, durably.
    ///
    /// The steps, and what a crash after each leaves behind:
    /// 1. ``stage(codec:readChunk:)`` wrote and fsynced the temporary file. A crash leaves a file in
    ///    `tmp/` that no row references; a full garbage collection removes it once the grace period passed.
    /// 2. Create the fan-out folder if needed and fsync `objects/`, so the folder itself survives.
    /// 3. `link` the temporary file to its final name. `link` never replaces an existing file: if the name
    ///    exists, another writer already published identical content (the name is its hash), and that is
    ///    deduplication, not an error. That writer may have crashed or failed before it synced the
    ///    folder, so the call returns `false` and the caller decides whether to trust the file.
    ///    A crash leaves a complete blob file that no row references yet, which a full collection
    ///    removes after the grace period.
    /// 4. fsync the fan-out folder, so the new name survives power loss before any index row references it.
    ///
    /// The temporary file stays until the caller's index transaction commits, so a blob removed by a
    /// concurrent collection between this call and that transaction can be published again from it.
    ///
    /// - Returns: `true` when this call linked the name, `false` when a file or link already had it.
    @discardableResult
    public func publish(_ staged: StagedBlob) throws(BlobStoreError) -> Bool {
        let folder = fanoutPath(for: staged.digest)
        // The fan-out folder's own name must be durable in objects/ before a blob in it is referenced.
        // The folder may exist without that guarantee (its creator's sync failed, or another process
        // created it and has not synced yet), so each store instance syncs objects/ once per folder.
        do {
            try fileSystem.makeDirectory(folder, permissions: Self.directoryPermissions)
            if durability == .full, !syncedFolders.contains(folder) {
                try fileSystem.fsyncDirectory(objectsPath)
                syncedFolders.insert(folder)
            }
        } catch {
            throw BlobStoreError(error, while: "creating blob folder '\(folder)'")
        }

        do {
            try fileSystem.link(staged.temporaryPath, to: path(for: staged.digest))
        } catch  where error.isAlreadyExisting {
            return false
        } catch {
            throw BlobStoreError(error, while: "publishing blob \(staged.digest)")
        }

        if durability == .full {
            do {
                try fileSystem.fsyncDirectory(folder)
            } catch {
                throw BlobStoreError(error, while: "syncing the folder of new blob \(staged.digest)")
            }
        }
        return true
    }

    /// Removes a staged blob's temporary file; a published blob keeps its name under `objects/`.
    ///
    /// Failures are ignored: a leftover temporary file is harmless and a full collection removes it.
    public func discard(_ staged: StagedBlob) {
        try? fileSystem.unlink(staged.temporaryPath)
    }
}

extension BlobDirectory {
    /// Puts a staged blob in place of a damaged file or a non-file (such as a symbolic link) under the
    /// blob's name, with `rename`, which replaces the name atomically and never follows a link.
    ///
    /// The caller holds the index's write lock, so no collection can remove the new file before the
    /// caller's transaction commits. The temporary file therefore need not be kept, unlike in ``publish(_:)``.
    public func replace(with staged: StagedBlob) throws(BlobStoreError) {
        let folder = fanoutPath(for: staged.digest)
        do {
            if try fileSystem.makeDirectory(folder, permissions: Self.directoryPermissions), durability == .full {
                try fileSystem.fsyncDirectory(objectsPath)
            }
            try fileSystem.rename(staged.temporaryPath, to: path(for: staged.digest))
            if durability == .full {
                try fileSystem.fsyncDirectory(folder)
            }
        } catch {
            throw BlobStoreError(error, while: "replacing damaged blob \(staged.digest)")
        }
    }

    /// Moves a corrupt blob file out of `objects/` into `tmp/`, if it is still the file that was read.
    ///
    /// Afterwards the blob is missing until the next write of the same content publishes it again. A
    /// full collection removes the moved file after the grace period. The caller holds
    /// the index's write lock, so that a writer's repair cannot happen between the check and the move.
    ///
    /// - Returns: `true` when the file was moved.
    @discardableResult
    public func quarantine(_ digest: SHA256Digest, ifStill identity: FileIdentity) throws(BlobStoreError) -> Bool {
        let path = path(for: digest)
        do {
            guard let status = try fileSystem.linkStatus(path), status.identity == identity else {
                return false
            }
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            try fileSystem.rename(path, to: temporaryPath + "/corrupt-\(digest.hex)-\(random).blob")
            return true
        } catch {
            throw BlobStoreError(error, while: "setting corrupt blob \(digest) aside")
        }
    }
}
