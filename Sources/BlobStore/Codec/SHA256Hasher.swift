internal import CCrypto

/// OpenSSL's SHA-256 implementation, fetched once: fetching per hash costs about 4% at 8 KiB.
///
/// `EVP_MD` objects are immutable after the fetch and OpenSSL documents them as safe to share
/// between threads, so this global is read concurrently without a lock.
nonisolated(unsafe) private let sha256Algorithm: OpaquePointer = {
    guard let algorithm = EVP_MD_fetch(nil, "SHA256", nil) else {
        fatalError("OpenSSL has no SHA256 implementation; check the libcrypto installation")
    }
    return algorithm
}()

/// An incremental SHA-256 computation through OpenSSL's EVP interface.
///
/// One hasher owns one `EVP_MD_CTX`, freed in `deinit`. It is not `Sendable`: use it from one thread at a
/// time, and call ``reset()`` to hash the next content with the same context.
public final class SHA256Hasher {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("EVP_MD_CTX_new failed: out of memory")
        }
        self.context = context
        reset()
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Starts a new computation, discarding any bytes added so far.
    public func reset() {
        guard EVP_DigestInit_ex(context, sha256Algorithm, nil) == 1 else {
            fatalError("EVP_DigestInit_ex failed for SHA-256")
        }
    }

    /// Adds bytes to the computation.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
            fatalError("EVP_DigestUpdate failed for SHA-256")
        }
    }

    /// Finishes the computation and returns the digest; call ``reset()`` before reusing the hasher.
    public func finalize() -> SHA256Digest {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &output, &length) == 1, length == 32 else {
            fatalError("EVP_DigestFinal_ex failed for SHA-256")
        }
        return SHA256Digest(bytes: output[0..<32])
    }

    /// Returns the SHA-256 of `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Returns the SHA-256 of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }
}
