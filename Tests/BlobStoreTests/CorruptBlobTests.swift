import BlobStore
import Testing

/// A change to a blob file's bytes that must make `read` report the blob as corrupt.
enum Damage: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case flipFirstByte = "flipped header byte"
    case flipSecondByte = "flipped second header byte"
    case flipMiddleByte = "flipped middle byte"
    case flipLastByte = "flipped last checksum byte"
    case dropLastByte = "last byte dropped"
    case keepFirstHalf = "truncated to half"
    case keepHeaderOnly = "truncated to the header"
    case zeroLength = "zero-length file"
    case appendOneByte = "one byte of trailing garbage"
    case appendZeros = "100 KiB of trailing zeros"
    case appendStream = "a second zlib stream appended"

    var testDescription: String { rawValue }

    /// Returns `stream` with this damage applied.
    func apply(to stream: [UInt8]) throws -> [UInt8] {
        var damaged = stream
        switch self {
        case .flipFirstByte: damaged[0] ^= 0xFF
        case .flipSecondByte: damaged[1] ^= 0x01
        case .flipMiddleByte: damaged[damaged.count / 2] ^= 0xFF
        case .flipLastByte: damaged[damaged.count - 1] ^= 0x01
        case .dropLastByte: damaged.removeLast()
        case .keepFirstHalf: damaged.removeLast(damaged.count / 2)
        case .keepHeaderOnly: damaged.removeLast(damaged.count - 2)
        case .zeroLength: damaged = []
        case .appendOneByte: damaged.append(0x00)
        case .appendZeros: damaged += [UInt8](repeating: 0, count: 100 * kibibyte)
        case .appendStream: damaged += try deflate([], level: 6)
        }
        return damaged
    }
}

@Suite("Reading corrupt and missing blobs")
struct CorruptBlobTests {
    @Test(
        "Damaged blob file is rejected",
        arguments: Damage.allCases, [SampleContent.text(200 * kibibyte), .random(300 * kibibyte), .singleByte])
    func damagedBlobFileIsRejected(damage: Damage, content: SampleContent) throws {
        let bytes = content.bytes
        try withTemporaryStore { store in
            let intactBytes = SampleContent.text(5000, seed: 99).bytes
            let intact = try store.write(intactBytes)
            let staged = try store.write(bytes)
            let path = store.blobs.path(for: staged.digest)
            try store.plant(try damage.apply(to: fileBytes(path)), as: staged.digest)

            let code = blobStoreErrorCode {
                _ = try store.read(staged)
            }

            #expect(code == .corruptBlob)
            #expect(
                try firstDifference(store.read(intact), intactBytes) == nil,
                "the codec must read the next blob after a corrupt one")
        }
    }

    @Test("Corrupt message names blob and file")
    func corruptMessageNamesBlobAndFile() throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.text(1000).bytes)
            let path = store.blobs.path(for: staged.digest)
            try store.plant(try Damage.flipMiddleByte.apply(to: fileBytes(path)), as: staged.digest)

            let error = #expect(throws: BlobStoreError.self) {
                _ = try store.read(staged)
            }

            #expect(error?.message.contains(staged.digest.hex) == true)
            #expect(error?.message.contains(path) == true)
        }
    }

    @Test(
        "Other content under name is rejected",
        arguments: [SampleContent.text(100_000, seed: 2), .text(90_000, seed: 2), .empty])
    func otherContentUnderNameIsRejected(impostor: SampleContent) throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.text(100_000, seed: 1).bytes)
            // A valid zlib stream, so only the size or the SHA-256 check can tell it apart.
            try store.plant(try deflate(impostor.bytes, level: 6), as: staged.digest)

            let code = blobStoreErrorCode {
                _ = try store.read(staged)
            }

            #expect(code == .corruptBlob)
        }
    }

    @Test("Wrong recorded size is rejected", arguments: [-1, 1, 2, Int64(Int32.max), Int64.max])
    func wrongRecordedSizeIsRejected(offset: Int64) throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.text(20_000).bytes)
            let recordedSize = offset == .max ? .max : staged.size + offset

            let code = blobStoreErrorCode {
                _ = try store.blobs.readAll(staged.digest, expectedSize: recordedSize, codec: store.codec)
            }

            #expect(code == .corruptBlob, "recorded size \(recordedSize) for \(staged.size) bytes")
        }
    }

    @Test("Recorded size zero is rejected")
    func recordedSizeZeroIsRejected() throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.singleByte.bytes)
            var received = 0

            let code = blobStoreErrorCode {
                try store.blobs.read(staged.digest, expectedSize: 0, codec: store.codec) { received += $0.count }
            }

            #expect(code == .corruptBlob)
            #expect(received == 0)
        }
    }

    @Test("Decompression bomb stops early", .timeLimit(.minutes(1)))
    func decompressionBombStopsEarly() throws {
        let recordedSize = 10
        let bomb = try deflateZeros(count: 100 * mebibyte)
        let digest = SHA256Hasher.hash([UInt8](repeating: 0, count: recordedSize))
        try withTemporaryStore { store in
            try store.plant(bomb, as: digest)
            let recorder = SystemCallRecorder()
            let blobs = store.blobs(hooks: recorder)
            var received = 0

            let clock = ContinuousClock()
            let start = clock.now
            let code = blobStoreErrorCode {
                try blobs.read(digest, expectedSize: Int64(recordedSize), codec: store.codec) { chunk in
                    received += chunk.count
                }
            }
            let elapsed = clock.now - start

            #expect(code == .corruptBlob)
            #expect(received <= recordedSize)
            #expect(elapsed < .seconds(1), "reading a \(bomb.count)-byte bomb took \(elapsed)")
            let readCount = recorder.calls.filter { $0.call == .read }.count
            #expect(
                readCount * BlobCodec.readBufferSize < bomb.count,
                "the reader went on through the whole file after passing the recorded size")
        }
    }

    @Test("Garbage after aligned end is rejected")
    func garbageAfterAlignedEndIsRejected() throws {
        // A stored stream that fills exactly one read buffer, so the garbage arrives in the next read,
        // after the inflater already reported the end of the stream.
        let deflater = try Deflater(level: 0)
        let candidates = (BlobCodec.readBufferSize - 64)..<BlobCodec.readBufferSize
        var aligned: (content: [UInt8], stream: [UInt8])?
        for count in candidates.reversed() {
            let content = SampleContent.random(count, seed: 4).bytes
            let stream = try deflate(content, with: deflater)
            if stream.count == BlobCodec.readBufferSize {
                aligned = (content, stream)
                break
            }
        }
        let (content, stream) = try #require(aligned, "no content size gives a stream of exactly one read buffer")

        try withTemporaryStore { store in
            let digest = SHA256Hasher.hash(content)
            try store.plant(stream, as: digest)
            #expect(
                try firstDifference(
                    store.blobs.readAll(digest, expectedSize: Int64(content.count), codec: store.codec), content) == nil
            )

            try store.plant(stream + [0x00], as: digest)
            let code = blobStoreErrorCode {
                _ = try store.blobs.readAll(digest, expectedSize: Int64(content.count), codec: store.codec)
            }

            #expect(code == .corruptBlob)
        }
    }

    @Test("Missing file is reported")
    func missingFileIsReported() throws {
        try withTemporaryStore { store in
            let published = try store.write(SampleContent.text(100).bytes)
            var neighbor = published.digest.bytes
            neighbor[31] ^= 0x01
            let sameFolder = SHA256Digest(bytes: neighbor)
            let otherFolder = SHA256Hasher.hash(Array("never written".utf8))

            for digest in [sameFolder, otherFolder, .empty] {
                let code = blobStoreErrorCode {
                    _ = try store.blobs.readAll(digest, expectedSize: 100, codec: store.codec)
                }
                #expect(code == .missingBlob, "\(digest)")
            }
        }
    }
}
