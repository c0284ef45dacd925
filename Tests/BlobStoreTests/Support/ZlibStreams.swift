import BlobStore
import Testing

/// A zlib stream that ended before its trailer.
struct UnfinishedStream: Error {}

/// Compresses `content` with `deflater` into one zlib stream, feeding it `chunkSize` bytes per call as
/// `BlobDirectory.stage` does.
func deflate(_ content: [UInt8], with deflater: Deflater, chunkSize: Int = 64 * kibibyte) throws -> [UInt8] {
    try deflater.reset()
    var stream: [UInt8] = []
    content.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let end = min(offset + chunkSize, buffer.count)
            deflater.compress(UnsafeRawBufferPointer(rebasing: buffer[offset..<end])) { stream.append(contentsOf: $0) }
            offset = end
        }
    }
    deflater.finish { stream.append(contentsOf: $0) }
    #expect(deflater.totalOut == stream.count)
    return stream
}

/// Compresses `content` at `level` with a new deflater.
func deflate(_ content: [UInt8], level: Int) throws -> [UInt8] {
    try deflate(content, with: Deflater(level: level))
}

/// Returns `count` zero bytes compressed at level 9, without holding them in memory.
func deflateZeros(count: Int) throws -> [UInt8] {
    let deflater = try Deflater(level: 9)
    let zeros = [UInt8](repeating: 0, count: 64 * kibibyte)
    var stream: [UInt8] = []
    var remaining = count
    zeros.withUnsafeBytes { buffer in
        while remaining > 0 {
            let length = min(remaining, buffer.count)
            deflater.compress(UnsafeRawBufferPointer(rebasing: buffer[0..<length])) { stream.append(contentsOf: $0) }
            remaining -= length
        }
    }
    deflater.finish { stream.append(contentsOf: $0) }
    return stream
}

/// Decompresses one whole zlib stream with `inflater`, feeding it `chunkSize` bytes per call.
///
/// - Throws: ``UnfinishedStream`` when the input ends before the stream does, and any error of the inflater.
func inflate(_ stream: [UInt8], with inflater: Inflater, chunkSize: Int = 64 * kibibyte) throws -> [UInt8] {
    try inflater.reset()
    var content: [UInt8] = []
    var isFinished = false
    try stream.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let end = min(offset + chunkSize, buffer.count)
            let progress = try inflater.decompress(UnsafeRawBufferPointer(rebasing: buffer[offset..<end])) {
                content.append(contentsOf: $0)
            }
            offset = end
            if progress.isFinished {
                #expect(progress.unusedInput == 0)
                #expect(offset == buffer.count, "the stream ended \(buffer.count - offset) bytes early")
                isFinished = true
                break
            }
        }
    }
    guard isFinished else { throw UnfinishedStream() }
    return content
}
