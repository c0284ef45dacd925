extension BlobDirectory {
    /// Streams a blob's content to `sink`, checking it against its name and recorded size.
    ///
    /// Decompression stops as soon as the output passes `expectedSize`, so a corrupt stream that would
    /// inflate to gigabytes costs no more than the recorded size. After the stream ends, the size, the
    /// SHA-256 and the absence of trailing bytes are checked.
    ///
    /// `sink` receives the bytes before the final check. A caller that must never expose unverified bytes
    /// collects them (or writes them to a temporary file) and uses them only after this call returns.
    ///
    /// - Throws: ``BlobStoreError`` with ``BlobStoreError/Code/missingBlob`` when there is no file,
    ///   ``BlobStoreError/Code/corruptBlob`` when the file does not hold exactly the named content, or
    ///   ``BlobStoreError/Code/system`` for an I/O error; whatever `sink` throws.
    public func read(
        _ digest: SHA256Digest, expectedSize: Int64, codec: BlobCodec, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let path = path(for: digest)
        let file: FileDescriptor
        do {
            file = try fileSystem.openForReading(path)
        } catch  where error.isNotFound {
            throw BlobStoreError(.missingBlob, "blob \(digest) is missing: no file at '\(path)'", systemError: error)
        } catch {
            throw BlobStoreError(error, while: "opening blob \(digest)")
        }
        defer { fileSystem.closeIgnoringErrors(file) }

        let hasher = codec.hasher
        hasher.reset()
        try codec.inflater.reset()
        var produced: Int64 = 0
        var isFinished = false
        let corrupt = { (reason: String) in
            var error = BlobStoreError(.corruptBlob, "blob \(digest) is corrupt: \(reason) (file '\(path)')")
            // Asked only on this rare path, while the file is still open, so it names the file that was read.
            error.fileIdentity = try? fileSystem.status(of: file).identity
            return error
        }

        while true {
            let count: Int
            do {
                count = try fileSystem.read(file, into: codec.readBuffer)
            } catch {
                throw BlobStoreError(error, while: "reading blob \(digest)")
            }
            if count == 0 { break }
            if isFinished {
                throw corrupt("bytes follow the end of the zlib stream")
            }
            let progress: Inflater.Progress
            do {
                progress = try codec.inflater.decompress(
                    UnsafeRawBufferPointer(rebasing: codec.readBuffer[0..<count])
                ) { chunk in
                    produced += Int64(chunk.count)
                    if produced > expectedSize {
                        throw corrupt("it inflates to more than the recorded \(expectedSize) bytes")
                    }
                    hasher.update(chunk)
                    try sink(chunk)
                }
            } catch let error as BlobStoreError where error.code == .corruptBlob && !error.message.hasPrefix("blob") {
                throw corrupt(error.message)
            }
            if progress.unusedInput > 0 {
                throw corrupt("bytes follow the end of the zlib stream")
            }
            isFinished = progress.isFinished
        }

        guard isFinished else {
            throw corrupt("the zlib stream is truncated after \(produced) of \(expectedSize) bytes")
        }
        guard produced == expectedSize else {
            throw corrupt("it inflates to \(produced) bytes, not the recorded \(expectedSize)")
        }
        let actual = hasher.finalize()
        guard actual == digest else {
            throw corrupt("its content hashes to \(actual)")
        }
    }

    /// The maximum capacity that ``readAll(_:expectedSize:codec:)`` reserves before reading. Larger
    /// content grows the array as it arrives.
    static let maxReservedCapacity: Int64 = 64 * 1024 * 1024

    /// Reads a blob's whole content into memory, verified.
    public func readAll(_ digest: SHA256Digest, expectedSize: Int64, codec: BlobCodec) throws -> [UInt8] {
        var content: [UInt8] = []
        // The recorded size comes from the caller's index and may be wrong. Reserving it unbounded would
        // make a huge size a fatal allocation failure instead of a corruptBlob error.
        content.reserveCapacity(Int(min(max(expectedSize, 0), Self.maxReservedCapacity)))
        try read(digest, expectedSize: expectedSize, codec: codec) { chunk in
            content.append(contentsOf: chunk)
        }
        return content
    }
}
