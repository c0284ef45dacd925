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
    /// - Precondition: `bytes` holds exactly 32 bytes.
    public init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.byteCount, "a SHA-256 digest has 32 bytes, not \(bytes.count)")
        var values: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.enumerated() {
            values[index / 8] = values[index / 8] << 8 | UInt64(byte)
        }
        words = (values[0], values[1], values[2], values[3])
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
        var result: [UInt8] = []
        result.reserveCapacity(Self.byteCount)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) {
                result.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return result
    }

    /// The 64-digit lowercase hexadecimal form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
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
