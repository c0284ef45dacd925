import BlobStore
import Foundation
import Testing

@Suite("BlobDirectory stage, publish and read")
struct BlobDirectoryTests {
    @Test(
        "Published blob matches external tools",
        arguments: [SampleContent.empty, .singleByte, .text(300 * kibibyte), .random(mebibyte)])
    func publishedBlobMatchesExternalTools(content: SampleContent) throws {
        let bytes = content.bytes
        try withTemporaryStore { store in
            let contentPath = store.root + "/content"
            try writeFile(contentPath, bytes)

            let staged = try store.stage(bytes)
            #expect(try store.objectFiles() == [], "staging must not publish")
            try store.blobs.publish(staged)

            let hex = staged.digest.hex
            let blobPath = store.root + "/objects/" + hex.prefix(2) + "/" + hex.dropFirst(2)
            #expect(store.blobs.path(for: staged.digest) == blobPath)
            #expect(try store.objectFiles() == [hex.prefix(2) + "/" + hex.dropFirst(2)])
            #expect(try sha256sum(ofFile: contentPath) == hex)
            #expect(try permissionBits(blobPath) == 0o400)
            #expect(try firstDifference(pythonInflate(file: blobPath), bytes) == nil)
            #expect(staged.size == Int64(bytes.count))
            #expect(staged.storedSize == Int64(try fileBytes(blobPath).count))
            #expect(try store.blobs.contains(staged.digest))
            #expect(try firstDifference(store.read(staged), bytes) == nil)

            store.blobs.discard(staged)

            #expect(try store.temporaryFiles() == [])
            #expect(
                try firstDifference(store.read(staged), bytes) == nil,
                "the blob file is a second name of the discarded file")
        }
    }

    @Test("Staged file waits in tmp")
    func stagedFileWaitsInTemporaryFolder() throws {
        try withTemporaryStore { store in
            let staged = try store.stage(SampleContent.text(10_000).bytes)

            #expect(staged.temporaryPath.hasPrefix(store.root + "/tmp/"))
            let name = String(staged.temporaryPath.dropFirst(store.blobs.temporaryPath.count + 1))
            #expect(name.hasPrefix("\(getpid())-"))
            #expect(name.hasSuffix(".tmp"))
            #expect(try store.temporaryFiles() == [name])
            #expect(try permissionBits(staged.temporaryPath) == 0o400)
            #expect(
                try firstDifference(pythonInflate(file: staged.temporaryPath), SampleContent.text(10_000).bytes) == nil)
            #expect(try store.blobs.contains(staged.digest) == false)
        }
    }

    @Test("Identical content is stored once")
    func identicalContentIsStoredOnce() throws {
        let bytes = SampleContent.text(50_000).bytes
        try withTemporaryStore { store in
            let first = try store.write(bytes)
            let second = try store.write(bytes)

            #expect(first.digest == second.digest)
            #expect(first.temporaryPath != second.temporaryPath)
            #expect(try store.objectFiles().count == 1)
            #expect(try store.temporaryFiles().count == 2)

            store.blobs.discard(first)
            store.blobs.discard(second)

            #expect(try store.temporaryFiles() == [])
            #expect(try store.objectFiles().count == 1)
            #expect(try firstDifference(store.read(first), bytes) == nil)
        }
    }

    @Test("Discard removes temporary file")
    func discardRemovesTemporaryFile() throws {
        try withTemporaryStore { store in
            let staged = try store.stage(SampleContent.text(1000).bytes)

            store.blobs.discard(staged)

            #expect(try store.temporaryFiles() == [])
            #expect(try store.objectFiles() == [])
            #expect(try store.blobs.contains(staged.digest) == false)
        }
    }

    @Test("Empty blob round-trips")
    func emptyBlobRoundTrips() throws {
        try withTemporaryStore { store in
            let staged = try store.write([])
            let blobPath = store.blobs.path(for: .empty)

            #expect(staged.digest == .empty)
            #expect(staged.size == 0)
            #expect(staged.storedSize > 0)
            #expect(try store.objectFiles() == ["e3/" + SHA256Digest.empty.hex.dropFirst(2)])
            #expect(try pythonInflate(file: blobPath) == [])
            #expect(try store.blobs.readAll(.empty, expectedSize: 0, codec: store.codec) == [])

            var chunks = 0
            try store.blobs.read(.empty, expectedSize: 0, codec: store.codec) { _ in chunks += 1 }
            #expect(chunks == 0)
        }
    }

    @Test("Streamed chunks match one buffer", arguments: [1, 1000, 64 * kibibyte + 1])
    func streamedChunksMatchOneBuffer(chunkLimit: Int) throws {
        let bytes = SampleContent.text(chunkLimit == 1 ? 5000 : 400 * kibibyte).bytes
        try withTemporaryStore { store in
            var offset = 0
            let streamed = try store.blobs.stage(codec: store.codec) { buffer in
                let count = min(buffer.count, chunkLimit, bytes.count - offset)
                buffer.copyBytes(from: bytes[offset..<offset + count])
                offset += count
                return count
            }
            try store.blobs.publish(streamed)

            #expect(streamed.digest == SHA256Hasher.hash(bytes))
            #expect(streamed.size == Int64(bytes.count))
            #expect(try firstDifference(store.read(streamed), bytes) == nil)
        }
    }

    @Test("Reader error removes temporary file")
    func readerErrorRemovesTemporaryFile() throws {
        struct SourceClosed: Error {}
        try withTemporaryStore { (store) throws in
            var calls = 0

            #expect(throws: SourceClosed.self) {
                _ = try store.blobs.stage(codec: store.codec) { buffer in
                    calls += 1
                    if calls == 3 { throw SourceClosed() }
                    buffer.initializeMemory(as: UInt8.self, repeating: 0x41)
                    return buffer.count
                }
            }
            #expect(try store.temporaryFiles() == [])
            #expect(try store.objectFiles() == [])
        }
    }

    @Test("Remove deletes published blob")
    func removeDeletesPublishedBlob() throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.text(2000).bytes)
            store.blobs.discard(staged)

            #expect(try store.blobs.remove(staged.digest))
            #expect(try store.blobs.contains(staged.digest) == false)
            #expect(try store.blobs.remove(staged.digest) == false)
            #expect(try store.objectFiles() == [])
            let code = blobStoreErrorCode {
                _ = try store.read(staged)
            }
            #expect(code == .missingBlob)
        }
    }

    @Test("Many blobs share one codec")
    func manyBlobsShareOneCodec() throws {
        let contents = (0..<40).map { index in
            index % 4 == 0
                ? SampleContent.random(index * 9000, seed: UInt64(index)).bytes
                : SampleContent.text(index * 7000, seed: UInt64(index)).bytes
        }
        try withTemporaryStore { store in
            let staged = try contents.map { try store.write($0) }

            #expect(try store.objectFiles().count == Set(staged.map(\.digest)).count)
            for (blob, bytes) in zip(staged, contents) {
                #expect(try firstDifference(store.read(blob), bytes) == nil)
            }
        }
    }

    @Test("Layout creation is idempotent")
    func layoutCreationIsIdempotent() throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.text(3000).bytes)

            try store.blobs.createLayout()

            #expect(try permissionBits(store.blobs.objectsPath) == 0o700)
            #expect(try permissionBits(store.blobs.temporaryPath) == 0o700)
            #expect(try permissionBits(store.blobs.fanoutPath(for: staged.digest)) == 0o700)
            #expect(try store.blobs.contains(staged.digest))
        }
    }
}
