import BlobStore
import Testing

/// The SHA-256 of the three bytes "abc", as `sha256sum` prints it.
private let abcHex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

/// Text that is not a digest, with a label that names what is wrong with it.
private let malformedHex: [(label: String, text: String)] = [
    ("all uppercase", abcHex.uppercased()),
    ("one uppercase digit", "B" + String(abcHex.dropFirst())),
    ("63 digits", String(abcHex.dropLast())),
    ("65 digits", abcHex + "0"),
    ("empty", ""),
    ("non-hex letter", "g" + String(abcHex.dropFirst())),
    ("0x prefix", "0x" + String(abcHex.dropFirst(2))),
    ("leading space", " " + String(abcHex.dropLast())),
    ("trailing newline", String(abcHex.dropLast()) + "\n"),
    ("surrounding spaces", " " + abcHex + " "),
    ("inner space", String(abcHex.prefix(32)) + " " + String(abcHex.dropFirst(33))),
    ("multi-byte characters", String(repeating: "é", count: 32)),
]

@Suite("SHA256Digest and SHA256Hasher")
struct SHA256DigestTests {
    @Test("Lowercase hex round-trips unchanged")
    func lowercaseHexRoundTrips() throws {
        let digest = try SHA256Digest(hex: abcHex)

        #expect(digest.hex == abcHex)
        #expect(digest.description == abcHex)
        #expect(digest.bytes.count == SHA256Digest.byteCount)
        #expect(digest.bytes.prefix(3) == [0xBA, 0x78, 0x16])
        #expect(SHA256Digest(bytes: digest.bytes) == digest)
    }

    @Test("Every byte value formats as two digits")
    func everyByteValueFormats() throws {
        let allZero = SHA256Digest(bytes: [UInt8](repeating: 0, count: 32))
        let allOnes = SHA256Digest(bytes: [UInt8](repeating: 0xFF, count: 32))
        let counting = SHA256Digest(bytes: (0..<32).map { UInt8($0 * 8) })

        #expect(allZero.hex == String(repeating: "0", count: 64))
        #expect(allOnes.hex == String(repeating: "f", count: 64))
        #expect(counting.hex.hasPrefix("0008101820"))
        #expect(try SHA256Digest(hex: counting.hex) == counting)
    }

    @Test("Malformed hex is rejected", arguments: malformedHex)
    func malformedHexIsRejected(label: String, text: String) {
        let code = blobStoreErrorCode { _ = try SHA256Digest(hex: text) }
        #expect(code == .invalidDigest, "\(label): \(text.debugDescription)")
    }

    @Test("Empty digest hashes zero bytes")
    func emptyDigestHashesZeroBytes() {
        let unusedHasher = SHA256Hasher()

        #expect(SHA256Digest.empty == SHA256Hasher.hash([]))
        #expect(SHA256Digest.empty == SHA256Hasher.hash(UnsafeRawBufferPointer(start: nil, count: 0)))
        #expect(SHA256Digest.empty == unusedHasher.finalize())
        #expect(SHA256Digest.empty.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("Known test vector matches")
    func knownVectorMatches() throws {
        #expect(SHA256Hasher.hash(Array("abc".utf8)) == (try SHA256Digest(hex: abcHex)))
    }

    @Test(
        "Hash matches sha256sum output",
        arguments: [
            SampleContent.empty, .singleByte, .text(10_000), .random(mebibyte + 3), .zeros(3 * mebibyte),
        ])
    func hashMatchesSha256sum(content: SampleContent) throws {
        let bytes = content.bytes
        let expected = try withTemporaryDirectory { folder in
            let path = folder + "/content"
            try writeFile(path, bytes)
            return try sha256sum(ofFile: path)
        }

        #expect(SHA256Hasher.hash(bytes).hex == expected)
        #expect(try SHA256Digest(hex: expected) == SHA256Hasher.hash(bytes))
    }

    @Test("Incremental updates match one call", arguments: [1, 63, 64, 65, 4096, 100_000])
    func incrementalUpdatesMatch(chunkSize: Int) {
        let bytes = SampleContent.random(300_000, seed: 7).bytes
        let hasher = SHA256Hasher()

        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let end = min(offset + chunkSize, buffer.count)
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]))
                offset = end
            }
        }

        #expect(hasher.finalize() == SHA256Hasher.hash(bytes))
    }

    @Test("Reset hasher starts over")
    func resetHasherStartsOver() {
        let hasher = SHA256Hasher()
        let content = SampleContent.text(5000).bytes

        var digests: [SHA256Digest] = []
        for _ in 0..<3 {
            hasher.reset()
            content.withUnsafeBytes { hasher.update($0) }
            digests.append(hasher.finalize())
        }
        hasher.reset()
        [1, 2, 3].withUnsafeBytes { hasher.update($0) }
        hasher.reset()

        #expect(digests.allSatisfy { $0 == SHA256Hasher.hash(content) })
        #expect(hasher.finalize() == .empty)
    }

    @Test("Digest order follows hex order")
    func digestOrderFollowsHex() {
        let digests = (0..<50).map { SHA256Hasher.hash(Array("content \($0)".utf8)) }

        #expect(digests.sorted().map(\.hex) == digests.map(\.hex).sorted())
        #expect(Set(digests + digests).count == digests.count)
    }
}
