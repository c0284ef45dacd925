import Foundation
import Testing

@testable import ChatFiles

/// Fills a real file system: a 4 MiB tmpfs mounted for the test.
///
/// Mounting needs root (or CAP_SYS_ADMIN) and a kernel that allows tmpfs mounts here, which the test
/// checks once by mounting and unmounting a probe. Without both the tests are skipped, as in an
/// unprivileged container; the injected-ENOSPC cases of `InjectedFailureTests` still run there.
@Suite(.serialized) struct FullDiskTests {
    static let canMountTmpfs: Bool = {
        guard geteuid() == 0, let directory = try? makeTemporaryDirectory() else { return false }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", directory]))?.status == 0 else {
            return false
        }
        return (try? run("/bin/umount", [directory]))?.status == 0
    }()

    /// Mounts a tmpfs of `size` (such as "4m"), runs `body` with its path, and always unmounts it.
    ///
    /// `body` must release every store it opened on the mount before it returns, or the unmount fails
    /// with EBUSY.
    func withTmpfs(size: String, _ body: (String) throws -> Void) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory])
        try #require(mounted.status == 0, "mount failed: \(mounted.errors)")
        defer {
            if let unmounted = try? run("/bin/umount", [directory]), unmounted.status != 0 {
                Issue.record("umount failed: \(unmounted.errors); unmounting lazily")
                _ = try? run("/bin/umount", ["-l", directory])
            }
        }
        try body(directory)
    }

    func availableBytes(at path: String) throws -> Int64 {
        try FileSystem.live.space(at: path).availableBytes
    }

    /// Writes new content until the disk is full, then deletes, collects and writes again.
    ///
    /// With 1 KiB files SQLite's log fills the disk first and the failing write gets `SQLITE_FULL`.
    /// With 96 KiB files a blob write gets `ENOSPC`. In both cases the deletes that follow need room
    /// for the log on a full disk, which the store's reserve file provides.
    @Test(
        "full disk fails cleanly and recovers",
        .enabled(if: canMountTmpfs, "needs root and permission to mount a tmpfs"),
        arguments: [1 << 10, 16 << 10, 96 << 10])
    func fullDisk(fileSize: Int) throws {
        try withTmpfs(size: "4m") { mountPoint in
            let store = try ChatFileStore(path: mountPoint + "/store")
            var written: [(filename: String, content: [UInt8])] = []
            var failure: (filename: String, error: ChatFilesError)?
            // Incompressible content, so that each blob takes its full size on the disk.
            for index in 0..<10_000 {
                let filename = "part-\(index).bin"
                let content = pseudoRandomBytes(count: fileSize, seed: UInt64(2 * index + 1))
                do {
                    try store.write(chatID: "c1", userID: "u1", filename: filename, content: content)
                    written.append((filename, content))
                } catch let error as ChatFilesError {
                    failure = (filename, error)
                    break
                }
            }

            let (failedName, error) = try #require(failure, "10,000 writes fit on a 4 MiB tmpfs")
            #expect(error.code == .outOfSpace, "\(error.message)")
            #expect(written.count > 10, "the disk filled after \(written.count) writes")
            #expect(try store.file(chatID: "c1", filename: failedName) == nil)
            #expect(try listFiles(under: mountPoint + "/store/tmp") == [])

            for file in written {
                #expect(try store.read(chatID: "c1", filename: file.filename) == file.content)
            }

            let freeBeforeDeletes = try availableBytes(at: mountPoint)
            let deleted = written.prefix(written.count / 2)
            for file in deleted {
                try store.delete(chatID: "c1", filename: file.filename)
            }
            let report = try store.collectGarbage(CollectionOptions(gracePeriod: .zero))
            #expect(report.removedBlobs == deleted.count)
            #expect(try availableBytes(at: mountPoint) > freeBeforeDeletes)

            let retry = pseudoRandomBytes(count: fileSize, seed: 999_999)
            try store.write(chatID: "c1", userID: "u1", filename: failedName, content: retry)
            #expect(try store.read(chatID: "c1", filename: failedName) == retry)
            #expect(try store.verify().problems == [])
        }
    }

    @Test(
        "free-space floor fails writes early",
        .enabled(if: canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func floorOnSmallDisk() throws {
        try withTmpfs(size: "4m") { mountPoint in
            var options = StoreOptions()
            options.minimumFreeBytes = 1 << 20
            let store = try ChatFileStore(path: mountPoint + "/store", options: options)
            var failure: (filename: String, error: ChatFilesError, freeBytes: Int64)?
            for index in 0..<200 {
                let filename = "part-\(index).bin"
                let content = pseudoRandomBytes(count: 64 << 10, seed: UInt64(2 * index + 1))
                let freeBytes = try availableBytes(at: mountPoint)
                do {
                    try store.write(chatID: "c1", userID: "u1", filename: filename, content: content)
                } catch let error as ChatFilesError {
                    failure = (filename, error, freeBytes)
                    break
                }
            }

            let (failedName, error, freeBytes) = try #require(failure, "the floor never stopped a write")
            #expect(error.code == .outOfSpace)
            #expect(error.message.contains("minimumFreeBytes"), "\(error.message)")
            #expect(error.message.contains(failedName), "\(error.message)")
            #expect(freeBytes > 1 << 20, "the write failed with only \(freeBytes) bytes free")
            #expect(try store.file(chatID: "c1", filename: failedName) == nil)
            #expect(try listFiles(under: mountPoint + "/store/tmp") == [])
        }
    }
}
