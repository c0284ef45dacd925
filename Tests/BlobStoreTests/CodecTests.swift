import BlobStore
import Testing

/// The contents that every codec round trip covers.
private let roundTripContents: [SampleContent] = [
    .empty, .singleByte, .random(64 * kibibyte), .text(64 * kibibyte), .random(mebibyte), .text(5 * mebibyte),
]

@Suite("Deflater and Inflater")
struct CodecTests {
    @Test("Round trip restores content", arguments: roundTripContents, [0, 1, 6, 9])
    func roundTripRestoresContent(content: SampleContent, level: Int) throws {
        let bytes = content.bytes

        let stream = try deflate(bytes, level: level)
        let restored = try inflate(stream, with: Inflater())

        #expect(restored.count == bytes.count)
        #expect(firstDifference(restored, bytes) == nil)
    }

    @Test(
        "Uneven chunks round-trip",
        arguments: [(1, 1), (7, 3), (4093, 1000), (100_000, 65_537)])
    func unevenChunksRoundTrip(deflateChunk: Int, inflateChunk: Int) throws {
        let bytes = SampleContent.text(deflateChunk == 1 ? 20_000 : 700_000, seed: 3).bytes

        let stream = try deflate(bytes, with: Deflater(level: 6), chunkSize: deflateChunk)
        let restored = try inflate(stream, with: Inflater(), chunkSize: inflateChunk)

        #expect(firstDifference(restored, bytes) == nil)
    }

    @Test("One codec serves many blobs", arguments: [1, 6, 9])
    func oneCodecServesManyBlobs(level: Int) throws {
        let deflater = try Deflater(level: level)
        let inflater = try Inflater()
        // Random content over the probe size switches the deflater to storing. The text after it checks
        // that reset restores the configured level.
        var contents: [SampleContent] = [.random(mebibyte, seed: 11), .text(300 * kibibyte), .empty]
        for index in 0..<30 {
            let seed = UInt64(index)
            contents.append(index % 3 == 0 ? .random(index * 10_000 + 1, seed: seed) : .text(index * 9_000, seed: seed))
        }
        contents += [.random(Deflater.probeSize + 1, seed: 5), .singleByte, .text(400 * kibibyte, seed: 9)]

        for content in contents {
            let bytes = content.bytes
            let stream = try deflate(bytes, with: deflater)
            let freshStream = try deflate(bytes, level: level)

            #expect(
                firstDifference(stream, freshStream) == nil, "a reused deflater wrote a different stream for \(content)"
            )
            #expect(try firstDifference(inflate(stream, with: inflater), bytes) == nil, "\(content)")
        }
    }

    @Test(
        "Random content grows at most 0.1%",
        arguments: [
            64 * kibibyte, Deflater.probeSize - 1, Deflater.probeSize + 1, 300 * kibibyte, mebibyte, 3 * mebibyte + 17,
        ], [0, 1, 6, 9])
    func randomContentGrowsLittle(size: Int, level: Int) throws {
        let bytes = SampleContent.random(size, seed: UInt64(size)).bytes

        let stream = try deflate(bytes, level: level)

        #expect(stream.count <= size + size / 1000, "\(stream.count - size) bytes over \(formatSize(size))")
        #expect(try firstDifference(inflate(stream, with: Inflater()), bytes) == nil)
    }

    @Test(
        "Compressible content gets smaller",
        arguments: [
            SampleContent.text(64 * kibibyte), .text(mebibyte), .text(5 * mebibyte), .zeros(64 * kibibyte),
            .zeros(mebibyte),
        ])
    func compressibleContentGetsSmaller(content: SampleContent) throws {
        let bytes = content.bytes

        let stream = try deflate(bytes, level: 6)

        // Text from a small vocabulary compresses to well under half, also past the probe size, where
        // switching to storing would leave it near its original size.
        #expect(stream.count < bytes.count / 2, "\(content) compressed to \(stream.count) bytes")
    }

    @Test("Empty content makes a complete stream")
    func emptyContentMakesCompleteStream() throws {
        let stream = try deflate([], level: 6)

        #expect(stream.count >= 8, "a zlib stream has a 2-byte header and a 4-byte Adler-32 trailer")
        #expect(stream.prefix(1) == [0x78], "window bits 15 and deflate give the header byte 0x78")
        #expect(try inflate(stream, with: Inflater()) == [])
    }

    @Test(
        "Inflater rejects non-zlib input",
        arguments: [
            ("plain text", Array("just some text, no zlib header here".utf8)),
            ("gzip header", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x03, 0x00]),
            ("raw deflate", [0x03, 0x00]),
            ("preset dictionary", [0x78, 0xBB, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00]),
            ("reserved block type", [0x78, 0x9C, 0x07, 0x00]),
        ] as [(String, [UInt8])])
    func inflaterRejectsNonZlibInput(label: String, input: [UInt8]) throws {
        let inflater = try Inflater()

        let code = blobStoreErrorCode {
            _ = try input.withUnsafeBytes { try inflater.decompress($0) { _ in } }
        }

        #expect(code == .corruptBlob, "\(label)")
    }

    @Test("Inflater recovers after corrupt input")
    func inflaterRecoversAfterCorruptInput() throws {
        let inflater = try Inflater()
        let bytes = SampleContent.text(200 * kibibyte).bytes
        var stream = try deflate(bytes, level: 6)
        let intact = stream
        stream[stream.count / 2] ^= 0xFF

        #expect(throws: (any Error).self) { try inflate(stream, with: inflater) }
        #expect(try firstDifference(inflate(intact, with: inflater), bytes) == nil)
    }

    @Test("Sink error stops decompression")
    func sinkErrorStopsDecompression() throws {
        struct SinkFull: Error {}
        let inflater = try Inflater()
        let stream = try deflate(SampleContent.zeros(10 * mebibyte).bytes, level: 6)
        var received = 0

        #expect(throws: SinkFull.self) {
            _ = try stream.withUnsafeBytes { buffer in
                try inflater.decompress(buffer) { chunk in
                    received += chunk.count
                    throw SinkFull()
                }
            }
        }
        #expect(received == Inflater.outputBufferSize)
    }
}
