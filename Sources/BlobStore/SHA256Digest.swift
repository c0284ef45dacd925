/// The SHA-256 of a blob's uncompressed content: the blob's name.
///
/// The digest is kept as four 64-bit words, so it is a small value that needs no allocation. Its text
/// form is 64 lowercase hexadecimal digits, as `sha256sum` prints it.
public struct SHA256Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number of bytes in a digest.
    public static let byteCount = 32

    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The SHA-256 of zero bytes, the name of the empty blob.
    public static let empty = try! SHA256Digest(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    /// Creates a digest from its 32 bytes.
    ///
    /// Contiguous collections (arrays, slices) are read in place through ``init(rawBytes:)``; walking a
    /// generic collection element by element costs more than the rest of listing a row.
    ///
    /// - Precondition: `bytes` holds exactly 32 bytes.
    public init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.byteCount, "a SHA-256 digest has 32 bytes, not \(bytes.count)")
        if let digest = bytes.withContiguousStorageIfAvailable({ Self(uncheckedBytes: UnsafeRawBufferPointer($0)) }) {
            self = digest
        } else {
            self = Array(bytes).withUnsafeBytes { Self(uncheckedBytes: $0) }
        }
    }

    /// Creates a digest from 32 bytes in memory, such as a SQLite column, without copying them first.
    ///
    /// - Precondition: `rawBytes` contains exactly 32 bytes.
    public init(rawBytes: UnsafeRawBufferPointer) {
        precondition(rawBytes.count == Self.byteCount, "a SHA-256 digest has 32 bytes, not \(rawBytes.count)")
        self.init(uncheckedBytes: rawBytes)
    }

    private init(uncheckedBytes raw: UnsafeRawBufferPointer) {
        func word(_ index: Int) -> UInt64 {
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
        words = (word(0), word(1), word(2), word(3))
    }

    /// Parses the 64-digit lowercase hexadecimal form.
    ///
    /// - Throws: ``BlobStoreError`` with code ``BlobStoreError/Code/invalidDigest`` for any other text,
    ///   including uppercase digits, a wrong length or surrounding whitespace.
    public init(hex text: String) throws(BlobStoreError) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else {
            throw BlobStoreError(
                .invalidDigest, "invalid SHA-256 digest '\(text.prefix(80))': expected 64 lowercase hex digits")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        var index = 0
        while index < 64 {
            guard let high = Self.hexValue(utf8[index]), let low = Self.hexValue(utf8[index + 1]) else {
                throw BlobStoreError(
                    .invalidDigest,
                    "invalid SHA-256 digest '\(text)': expected only the lowercase hex digits 0-9 and a-f")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes: bytes)
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// The 32 bytes of the digest.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.byteCount) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            for index in 0..<4 {
                raw.storeBytes(of: word(index).bigEndian, toByteOffset: index * 8, as: UInt64.self)
            }
            count = Self.byteCount
        }
    }

    /// The 64-digit lowercase hexadecimal form.
    public var hex: String {
        String(unsafeUninitializedCapacity: 2 * Self.byteCount) { text in
            let digits: StaticString = "0123456789abcdef"
            for index in 0..<2 * Self.byteCount {
                // Digit `index` is the 4 bits that start `4 * (index % 16)` bits below the top of its word.
                let nibble = word(index / 16) >> UInt64(60 - 4 * (index % 16)) & 0x0f
                text[index] = digits.utf8Start[Int(nibble)]
            }
            return 2 * Self.byteCount
        }
    }

    /// Returns word `index` (0 to 3) of the digest, most significant first.
    private func word(_ index: Int) -> UInt64 {
        withUnsafeBytes(of: words) { $0.load(fromByteOffset: index * 8, as: UInt64.self) }
    }

    public var description: String { hex }

    public static func == (left: SHA256Digest, right: SHA256Digest) -> Bool {
        left.words == right.words
    }

    public static func < (left: SHA256Digest, right: SHA256Digest) -> Bool {
        left.words < right.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
