/// The hashing and compression state one thread needs to write and read blobs.
///
/// Allocating zlib and OpenSSL state costs more than compressing a small file, so a store keeps a pool
/// of codecs and lends one to each operation.
///
/// `@unchecked Sendable` because the pool hands each codec to one thread at a time and takes it back
/// only after that thread is done; the codec itself has no lock and must never be used concurrently.
public final class BlobCodec: @unchecked Sendable {
    /// Hashes content as it is compressed or decompressed.
    public let hasher = SHA256Hasher()
    /// Compresses new blobs.
    public let deflater: Deflater
    /// Decompresses blobs on read.
    public let inflater: Inflater
    /// A buffer for reading files and blobs.
    public let readBuffer: UnsafeMutableRawBufferPointer

    /// The size of ``readBuffer``: large enough to amortise system calls, small enough to keep memory flat.
    public static let readBufferSize = 64 * 1024

    /// Creates a codec that compresses at `level` (0 to 9).
    public init(level: Int) throws(BlobStoreError) {
        deflater = try Deflater(level: level)
        inflater = try Inflater()
        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readBufferSize, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }
}
