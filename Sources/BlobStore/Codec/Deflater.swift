internal import CZlib

/// A reusable zlib (RFC 1950) compressor that streams output through a fixed buffer.
///
/// The `z_stream` lives on the heap for the deflater's whole life because zlib keeps a pointer back to it:
/// a copied stream fails with `Z_STREAM_ERROR`. ``reset()`` reuses the state for the next blob, which
/// avoids allocating about 256 KiB of zlib state per file. Not `Sendable`: use one deflater per thread.
///
/// Content that does not compress is written as stored deflate blocks. zlib already picks a stored
/// block when it is smaller than a compressed one, so a blob is at most a few bytes per 64 KiB larger
/// than its content. Compressing such content is still slow (about 53 MB/s), so after the first
/// ``probeSize`` bytes the deflater measures the ratio and, when compression saved less than 2%,
/// switches the rest of the stream to level 0, which only copies.
public final class Deflater {
    /// The zlib level, 0 (store only) to 9 (smallest).
    public let level: Int32
    /// Input bytes after which the deflater decides whether compression is worth it.
    public static let probeSize = 256 * 1024

    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    private var isStoring = false
    private var hasDecided = false

    /// The size of the output chunks passed to the sink.
    public static let outputBufferSize = 64 * 1024

    /// Creates a compressor.
    ///
    /// - Parameter level: 0 to 9; 1 is fastest, 9 smallest, 0 stores without compressing.
    /// - Precondition: `level` is in 0...9.
    public init(level: Int) throws(BlobStoreError) {
        precondition((0...9).contains(level), "zlib level must be 0 to 9, not \(level)")
        self.level = Int32(level)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.outputBufferSize, alignment: 16)
        // Window bits 15 with the zlib header and Adler-32 trailer, as `zlib-flate` and Python expect.
        let result = chatfiles_deflateInit2(stream, Int32(level), 15, 8, Z_DEFAULT_STRATEGY)
        guard result == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            output.deallocate()
            throw BlobStoreError(.library, "zlib deflateInit2 failed with code \(result) at level \(level)")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Prepares the compressor for a new stream at its configured level.
    public func reset() throws(BlobStoreError) {
        let result = deflateReset(stream)
        guard result == Z_OK else {
            throw BlobStoreError(.library, "zlib deflateReset failed with code \(result)")
        }
        if isStoring {
            setLevel(level, sink: { _ in })
            isStoring = false
        }
        hasDecided = false
    }

    /// Compresses `input`, passing each full chunk of output to `sink`.
    ///
    /// zlib may hold some output back until more input arrives or ``finish(sink:)`` is called.
    public func compress<E: Error>(
        _ input: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        guard input.count > 0 else { return }
        try run(input, flush: Z_NO_FLUSH, sink: sink)
        if !hasDecided && level > 0 && stream.pointee.total_in >= UInt(Self.probeSize) {
            hasDecided = true
            // Z_BLOCK makes zlib emit the block it holds back, so total_out is exact for the ratio.
            try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_BLOCK, sink: sink)
            let ratio = Double(stream.pointee.total_out) / Double(stream.pointee.total_in)
            if ratio > 0.98 {
                try setLevel(0, sink: sink)
                isStoring = true
            }
        }
    }

    /// Ends the stream, passing the remaining output, including the Adler-32 trailer, to `sink`.
    public func finish<E: Error>(sink: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, sink: sink)
    }

    /// The number of compressed bytes produced since the last reset.
    public var totalOut: Int { Int(stream.pointee.total_out) }

    private func run<E: Error>(
        _ input: UnsafeRawBufferPointer, flush: Int32, sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(input.count)
        while true {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            let result = deflate(stream, flush)
            // Z_STREAM_ERROR means the stream state is broken: a bug in this class, not bad input.
            precondition(result != Z_STREAM_ERROR, "zlib deflate returned Z_STREAM_ERROR")
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 {
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
            }
            if flush == Z_FINISH {
                if result == Z_STREAM_END { break }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                break
            }
        }
    }

    private func setLevel<E: Error>(_ newLevel: Int32, sink: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        // deflateParams first compresses pending input with the old level, which may need several
        // output buffers: it returns Z_BUF_ERROR until it had room to finish.
        while true {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            let result = deflateParams(stream, newLevel, Z_DEFAULT_STRATEGY)
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 {
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
            }
            if result == Z_OK { return }
            precondition(result == Z_BUF_ERROR, "zlib deflateParams returned \(result)")
        }
    }
}
