extension ChatFileStore {
    /// The size of `<store>/reserve`, a file of zeros that keeps room for deletes and collections.
    ///
    /// On a full disk even a delete needs space, because SQLite appends the changed pages to its
    /// write-ahead log before it can free anything. A delete or collection that fails for lack of
    /// space removes the reserve, truncates the log and tries once more. The next collection in that
    /// process writes the reserve again when there is room, and so does opening the store.
    ///
    /// NOTE: 1 MiB lets the checkpoint add about 250 new 4 KiB pages to the index file. After large
    /// batch writes more can be pending in the log, and a delete on a full disk can then still fail
    /// until other space is freed.
    static let reserveBytes = 1 << 20

    var reservePath: String { path + "/reserve" }

    /// Writes the reserve file if it is missing, quietly giving up when the disk has no room for it.
    ///
    /// The file is written under a temporary name and linked into place, so the reserve is either
    /// complete or absent, even when two processes restore it at once.
    func restoreReserve() {
        let fileSystem = options.fileSystem
        if (try? fileSystem.linkStatus(reservePath)) != nil {
            isReserveReleased.store(false, ordering: .relaxed)
            return
        }
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporary = blobs.temporaryPath + "/\(FileSystem.processID)-reserve-\(random).tmp"
        guard let file = try? fileSystem.createExclusively(temporary, permissions: 0o600) else { return }
        defer { try? fileSystem.unlink(temporary) }
        let zeros = [UInt8](repeating: 0, count: 64 << 10)
        do {
            for _ in 0..<(Self.reserveBytes / zeros.count) {
                try zeros.withUnsafeBytes { try fileSystem.write(file, $0) }
            }
        } catch {
            fileSystem.closeIgnoringErrors(file)
            return
        }
        guard (try? fileSystem.close(file)) != nil else { return }
        do {
            try fileSystem.link(temporary, to: reservePath)
        } catch {
            // A reserve that another process linked first serves as well.
            guard error.isAlreadyExisting else { return }
        }
        isReserveReleased.store(false, ordering: .relaxed)
    }

    /// Removes the reserve file, so that its space is free for the index.
    func releaseReserve() {
        isReserveReleased.store(true, ordering: .relaxed)
        try? options.fileSystem.unlink(reservePath)
    }
}
