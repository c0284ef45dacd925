import BlobStore

/// Upper bounds for the store's write and read throughput: hashing and zlib alone on one thread, in
/// memory, through the same classes the store uses.
struct CodecBounds {
    let level: Int
    let deflater: Deflater
    let inflater: Inflater
    let hasher = SHA256Hasher()

    init(level: Int) throws {
        self.level = level
        deflater = try Deflater(level: level)
        inflater = try Inflater()
    }

    /// Compresses `content` into a new array, as a blob file contains it.
    func compress(_ content: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        try deflater.reset()
        let append = { (chunk: UnsafeRawBufferPointer) in output.append(contentsOf: chunk) }
        content.withUnsafeBytes { deflater.compress($0, sink: append) }
        deflater.finish(sink: append)
        return output
    }

    /// SHA-256 of each content, with one reused context.
    func hash(_ contents: [[UInt8]]) -> Timings {
        timed(contents) { content in
            hasher.reset()
            content.withUnsafeBytes { hasher.update($0) }
            _ = hasher.finalize()
        }
    }

    /// Deflate of each content into a sink that only counts, with one reused stream.
    func deflate(_ contents: [[UInt8]], alsoHash: Bool) throws -> (timings: Timings, compressedBytes: Int64) {
        var compressed: Int64 = 0
        let count = { (chunk: UnsafeRawBufferPointer) in compressed += Int64(chunk.count) }
        let timings = try timed(contents) { content in
            try deflater.reset()
            content.withUnsafeBytes { raw in
                if alsoHash {
                    hasher.reset()
                    hasher.update(raw)
                    _ = hasher.finalize()
                }
                deflater.compress(raw, sink: count)
            }
            deflater.finish(sink: count)
        }
        return (timings, compressed)
    }

    /// Inflate of each compressed content into a sink that discards it, optionally hashing the output.
    func inflate(_ compressed: [[UInt8]], sizes: [Int64], alsoHash: Bool) throws -> Timings {
        var timings = Timings()
        for (blob, size) in zip(compressed, sizes) {
            let start = nowNanoseconds()
            try inflater.reset()
            if alsoHash { hasher.reset() }
            _ = try blob.withUnsafeBytes { raw in
                try inflater.decompress(raw) { chunk in
                    if alsoHash { hasher.update(chunk) }
                }
            }
            if alsoHash { _ = hasher.finalize() }
            timings.record(nowNanoseconds() - start, files: 1, bytes: size)
        }
        return timings
    }

    private func timed(_ contents: [[UInt8]], _ body: ([UInt8]) throws -> Void) rethrows -> Timings {
        var timings = Timings()
        for content in contents {
            let start = nowNanoseconds()
            try body(content)
            timings.record(nowNanoseconds() - start, files: 1, bytes: Int64(content.count))
        }
        return timings
    }
}

/// Runs `body` `count` times and keeps the run with the median throughput, which resists the noise of
/// a shared machine in both directions.
func medianRun(_ count: Int, _ body: () throws -> Timings) rethrows -> Timings {
    var runs: [Timings] = []
    for _ in 0..<count {
        runs.append(try body())
    }
    runs.sort { $0.seconds < $1.seconds }
    return runs[runs.count / 2]
}
