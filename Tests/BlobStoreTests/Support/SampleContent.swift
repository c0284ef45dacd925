import Testing

/// The binary units that test sizes are written in, in bytes.
let kibibyte = 1024
let mebibyte = 1024 * 1024

/// SplitMix64, a small deterministic generator: the same seed gives the same bytes on every run, so a
/// failure with random content can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Content for a test case, described so that a failing case names its content.
enum SampleContent: Sendable, CustomTestStringConvertible {
    /// Zero bytes.
    case empty
    /// The single byte 0x2A.
    case singleByte
    /// `count` zero bytes, which compress to almost nothing.
    case zeros(Int)
    /// `count` pseudo-random bytes, which do not compress.
    case random(Int, seed: UInt64 = 1)
    /// `count` bytes of English-like text, which compresses well.
    case text(Int, seed: UInt64 = 1)

    var bytes: [UInt8] {
        switch self {
        case .empty:
            return []
        case .singleByte:
            return [0x2A]
        case .zeros(let count):
            return [UInt8](repeating: 0, count: count)
        case .random(let count, let seed):
            return randomBytes(count: count, seed: seed)
        case .text(let count, let seed):
            return textBytes(count: count, seed: seed)
        }
    }

    var testDescription: String {
        switch self {
        case .empty: "empty"
        case .singleByte: "1 byte"
        case .zeros(let count): "\(formatSize(count)) of zeros"
        case .random(let count, _): "random \(formatSize(count))"
        case .text(let count, _): "text \(formatSize(count))"
        }
    }
}

/// Formats a byte count as the tests name sizes: "64 KiB", "5 MiB", or bytes when not a whole unit.
func formatSize(_ count: Int) -> String {
    if count >= mebibyte && count % mebibyte == 0 {
        return "\(count / mebibyte) MiB"
    }
    if count >= kibibyte && count % kibibyte == 0 {
        return "\(count / kibibyte) KiB"
    }
    return "\(count) bytes"
}

/// Returns `count` pseudo-random bytes, eight at a time from one generator word.
func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < count {
            let word = generator.next()
            let length = min(8, count - offset)
            withUnsafeBytes(of: word) { wordBytes in
                buffer.baseAddress!.advanced(by: offset).copyMemory(from: wordBytes.baseAddress!, byteCount: length)
            }
            offset += length
        }
    }
    return bytes
}

/// Returns `count` bytes of words, numbers and line breaks drawn at random from a small vocabulary, so
/// the content repeats like prose or source code does.
func textBytes(count: Int, seed: UInt64) -> [UInt8] {
    let vocabulary = [
        "the", "chat", "file", "blob", "store", "stream", "of", "and", "a", "to", "is", "in", "digest",
        "compress", "write", "read", "model", "user", "assistant", "answer", "question", "function", "return",
        "value", "error", "let", "var", "struct", "table", "index", "folder", "content", "hash", "zlib",
    ].map { Array($0.utf8) }
    var generator = SplitMix64(seed: seed)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 16)
    while bytes.count < count {
        let choice = Int(generator.next() % 40)
        if choice < vocabulary.count {
            bytes.append(contentsOf: vocabulary[choice])
        } else {
            bytes.append(contentsOf: Array(String(generator.next() % 1000).utf8))
        }
        bytes.append(generator.next() % 12 == 0 ? UInt8(ascii: "\n") : UInt8(ascii: " "))
    }
    bytes.removeLast(bytes.count - count)
    return bytes
}

/// Returns the index of the first byte where `actual` differs from `expected`, or `nil` when the two are
/// equal. When one is a prefix of the other, the index is the length of the shorter one.
///
/// Tests compare content with this instead of `==`, because a failed `#expect(actual == expected)` on
/// arrays makes Swift Testing compute a diff of the two, which takes many minutes for a few megabytes.
func firstDifference(_ actual: [UInt8], _ expected: [UInt8]) -> Int? {
    // The standard library's == is optimized even in debug builds, so the search runs only on a mismatch.
    if actual == expected {
        return nil
    }
    let commonCount = min(actual.count, expected.count)
    if let index = (0..<commonCount).first(where: { actual[$0] != expected[$0] }) {
        return index
    }
    return actual.count == expected.count ? nil : commonCount
}
