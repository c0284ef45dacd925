internal import CZlib

/// A reusable zlib (RFC 1950) decompressor that streams output through a fixed buffer.
///
/// Like ``Deflater``, it keeps its `z_stream` at one heap address for its whole life and is reused
/// with ``reset()``. Not `Sendable`: use one inflater per thread.
public final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer

    /// The size of the output chunks passed to the sink.
    public static let outputBufferSize = 64 * 1024

    public init() throws(BlobStoreError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.outputBufferSize, alignment: 16)
        let result = chatfiles_inflateInit(stream)
        guard result == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            output.deallocate()
            throw BlobStoreError(.library, "zlib inflateInit failed with code \(result)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Prepares the decompressor for a new stream.
    public func reset() throws(BlobStoreError) {
        let result = inflateReset(stream)
        guard result == Z_OK else {
            throw BlobStoreError(.library, "zlib inflateReset failed with code \(result)")
        }
    }

    /// The outcome of feeding one chunk of compressed input.
    public struct Progress: Sendable {
        /// `true` once the zlib stream's trailer was read and checked.
        public var isFinished: Bool
        /// Input bytes that follow the end of the stream in this chunk; non-zero means trailing garbage.
        public var unusedInput: Int
    }

    /// Decompresses `input`, passing each chunk of output to `sink`.
    ///
    /// - Returns: Whether the stream ended inside this input, and how many input bytes followed its end.
    /// - Throws: ``BlobStoreError/Code/corruptBlob`` when the data is not a valid zlib stream or its
    ///   Adler-32 check fails; whatever `sink` throws, which stops decompression at once.
    public func decompress(
        _ input: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Progress {
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(input.count)
        while true {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            let result = inflate(stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 {
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
            }
            switch result {
            case Z_STREAM_END:
                return Progress(isFinished: true, unusedInput: Int(stream.pointee.avail_in))
            case Z_OK:
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                    return Progress(isFinished: false, unusedInput: 0)
                }
            case Z_BUF_ERROR:
                // No progress was possible: all input is consumed and zlib needs more.
                return Progress(isFinished: false, unusedInput: 0)
            case Z_MEM_ERROR:
                throw BlobStoreError(.library, "zlib inflate ran out of memory")
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "code \(result)"
                throw BlobStoreError(.corruptBlob, "invalid zlib stream: \(detail)")
            }
        }
    }
}
