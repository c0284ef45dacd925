import Testing

@testable import BlobStore

@Suite struct SHA256DigestConversionTests {
    /// The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
    static let abcHex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("bytes, hex and raw bytes agree") func conversionsAgree() throws {
        let digest = try SHA256Digest(hex: Self.abcHex)
        #expect(digest.hex == Self.abcHex)
        #expect(digest.bytes.count == 32)
        #expect(digest.bytes.first == 0xba)
        #expect(digest.bytes.last == 0xad)
        #expect(SHA256Digest(bytes: digest.bytes) == digest)
        #expect(digest.bytes.withUnsafeBytes { SHA256Digest(rawBytes: $0) } == digest)
        #expect(SHA256Hasher.hash(Array("abc".utf8)) == digest)
    }

    @Test("non-contiguous collections and slices") func otherCollections() throws {
        let digest = try SHA256Digest(hex: Self.abcHex)
        let padded = [0xff] + digest.bytes + [0xff]
        #expect(SHA256Digest(bytes: padded[1..<33]) == digest)
        // A lazy map has no contiguous storage, so it takes the copying path.
        #expect(SHA256Digest(bytes: digest.bytes.lazy.map { $0 }) == digest)
    }

    @Test("ordering follows the bytes") func ordering() {
        let low = SHA256Digest(bytes: [UInt8](repeating: 0, count: 31) + [1])
        let high = SHA256Digest(bytes: [1] + [UInt8](repeating: 0, count: 31))
        #expect(low < high)
        #expect(low.hex.hasSuffix("01"))
        #expect(high.hex.hasPrefix("01"))
    }
}
