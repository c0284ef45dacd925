import ChatFiles
import Dispatch
import Synchronization

/// Writes import batches on background threads, at most ``maxConcurrentBatches`` at a time.
///
/// Most of a batch's time is spent outside the index lock: hashing, compressing and fsyncing each new
/// blob file. Two batches in flight overlap that work, while the store orders their short index
/// transactions. ``submit(_:bytes:descriptors:)`` blocks while both slots are busy, so at most two
/// batches and the one being collected are in memory.
///
/// NOTE: batches may commit out of order. Two files whose names differ only in Unicode normalization
/// become one filename, and which content it ends with is then not defined.
final class ConcurrentBatchWriter: Sendable {
    static let maxConcurrentBatches = 2

    private struct Progress {
        var files = 0
        var bytes: Int64 = 0
        var firstError: (any Error & Sendable)?
    }

    private let store: ChatFileStore
    private let slots = DispatchSemaphore(value: maxConcurrentBatches)
    private let running = DispatchGroup()
    private let progress = Mutex(Progress())

    init(store: ChatFileStore) {
        self.store = store
    }

    /// The files and bytes of the batches that committed so far.
    var written: (files: Int, bytes: Int64) {
        progress.withLock { ($0.files, $0.bytes) }
    }

    /// Starts writing a batch, waiting first for a free slot. The descriptors are closed when the batch ends.
    ///
    /// - Throws: The error of an earlier batch, so that the import stops at the first failure.
    func submit(_ writes: [FileWrite], bytes: Int64, descriptors: [FileDescriptor]) throws {
        slots.wait()
        if let error = progress.withLock({ $0.firstError }) {
            slots.signal()
            descriptors.forEach(FileSystem.live.closeIgnoringErrors)
            throw error
        }
        running.enter()
        DispatchQueue.global().async { [self] in
            defer {
                descriptors.forEach(FileSystem.live.closeIgnoringErrors)
                slots.signal()
                running.leave()
            }
            do {
                try store.write(batch: writes)
                progress.withLock {
                    $0.files += writes.count
                    $0.bytes += bytes
                }
            } catch {
                let failure: any Error & Sendable = (error as? ChatFilesError) ?? CommandFailure("\(error)")
                progress.withLock { $0.firstError = $0.firstError ?? failure }
            }
        }
    }

    /// Waits until every submitted batch has ended, whether it succeeded or failed.
    func waitUntilIdle() {
        running.wait()
    }

    /// Waits for every submitted batch to end.
    ///
    /// - Throws: The first error of any batch.
    func finish() throws {
        running.wait()
        if let error = progress.withLock({ $0.firstError }) {
            throw error
        }
    }
}
